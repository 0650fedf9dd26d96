import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { R2Uploader } from '../src/react/index.ts';
import { endpoint, type EndpointProps, fileOf, formColumn, network, storyBucket } from './story-kit.tsx';

/*
 * Ways files arrive besides one pick: many at once, a paste, a dropped folder.
 * The real upload path runs against msw's fake backend and bucket.
 */

const meta = {
  title: 'Components/R2Uploader/Input',
  component: R2Uploader,
  tags: ['autodocs'],
  args: { endpoint, onSuccess: fn() },
  decorators: [formColumn],
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const manyBucket = storyBucket();

/** Eight files at once while the bucket is slow: a row each, every one cancelable, one announcement that counts them. */
export const ManyFilesUploading: Story = {
  parameters: { msw: network(manyBucket) },
  beforeEach: () => {
    manyBucket.reset();
    manyBucket.delay(30_000);
  },
  play: async ({ canvas, userEvent }) => {
    const files = Array.from({ length: 8 }, (_, i) => fileOf(`scan-${i + 1}.png`, 1_000 * (i + 1), 'image/png'));
    await userEvent.upload(canvas.getByLabelText(/choose files/i), files);
    const list = within(canvas.getByRole('list', { name: 'Uploads' }));
    await waitFor(() => expect(list.getAllByRole('listitem')).toHaveLength(8));
    await expect(list.getAllByRole('progressbar')).toHaveLength(8);
    await expect(await list.findByRole('button', { name: 'Cancel upload of scan-8.png' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent(/^Uploading 8 files\.$/);
  },
};

const pasteBucket = storyBucket();

/** Ctrl+V (⌘V) with the drop zone focused uploads the copied files. */
export const Pasted: Story = {
  parameters: { msw: network(pasteBucket) },
  beforeEach: () => pasteBucket.reset(),
  play: async ({ canvas, userEvent }) => {
    await userEvent.tab();
    const input = canvas.getByLabelText(/choose files/i);
    await expect(input).toHaveFocus();
    // What the browser dispatches on Ctrl+V of a copied file.
    const clipboardData = new DataTransfer();
    clipboardData.items.add(fileOf('screenshot.png', 4_000, 'image/png'));
    const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData });
    input.dispatchEvent(paste);
    await expect(paste.defaultPrevented).toBe(true);
    const row = within((await canvas.findByText('screenshot.png')).closest('li')!);
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(pasteBucket.keys()).toEqual(['uploads/screenshot.png']);
  },
};

const folderBucket = storyBucket();

/** A dropped folder is walked, subfolders included; each file keeps its path in `webkitRelativePath`. */
export const FolderDropped: Story = {
  parameters: { msw: network(folderBucket) },
  beforeEach: () => folderBucket.reset(),
  play: async ({ canvas, args }) => {
    // A script cannot put a folder in a DataTransfer: play the entries API a real folder drop hands over.
    const file = (name: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(fileOf(name, 500, 'text/plain')) });
    const folder = (name: string, children: object[]) => ({
      isFile: false,
      isDirectory: true,
      name,
      createReader: () => {
        let read = false;
        return { readEntries: (ok: (entries: object[]) => void) => ok(read ? [] : ((read = true), children)) };
      },
    });
    const root = folder('notes', [file('monday.txt'), folder('old', [file('sunday.txt')])]);
    const dataTransfer = { types: ['Files'], files: [], items: [{ kind: 'file', webkitGetAsEntry: () => root }] };
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: dataTransfer });
    canvas.getByLabelText(/choose files/i).closest('label')!.dispatchEvent(drop);

    for (const name of ['monday.txt', 'sunday.txt']) {
      const row = within((await canvas.findByText(name)).closest('li')!);
      await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    }
    await expect(folderBucket.keys().sort()).toEqual(['uploads/monday.txt', 'uploads/sunday.txt']);
    await expect(args.onSuccess).toHaveBeenCalledWith(expect.objectContaining({ key: 'uploads/sunday.txt' }), expect.objectContaining({ webkitRelativePath: 'notes/old/sunday.txt' }));
  },
};
