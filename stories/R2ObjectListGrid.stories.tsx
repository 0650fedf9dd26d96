import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { R2ObjectList, type R2ObjectListProps } from '../src/react/index.ts';
import { createListHandlers, createPresignHandlers, type FakeBucket } from '../src/testing/index.ts';
import { forgetUploadHistory, objectListPage, readableKey, storyBucket } from './story-kit.tsx';

/*
 * Thumbnails load as the browser loads any image: `<img src="<endpoint>/download?key=">`,
 * which the fake download route answers with a redirect into the story's fake
 * bucket, all through msw's Service Worker. The bucket holds a real PNG, so
 * the play functions can check that an image did load, and bytes that are
 * no image under an image's name, to check that a broken one is hidden.
 */

const endpoint = '/api/uploads';

/** An 8×8 checkerboard in the accent orange: a real PNG, 84 bytes. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAG0lEQVR4nGP4////5wYFTJIBq+j///8ZBqUOACZ/kgFqHYJZAAAAAElFTkSuQmCC'), (c) => c.charCodeAt(0));

const network = (bucket: FakeBucket, scope?: string) => ({
  handlers: [
    ...createPresignHandlers({ endpoint, bucket, key: readableKey }),
    ...createListHandlers({ endpoint, bucket, download: true, delete: true, scope }),
    ...bucket.handlers,
  ],
});

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 30));

/** Resolves once the image has loaded and decoded: `naturalWidth` is 0 until then, and for a broken one. */
const loaded = (image: HTMLElement) => waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBe(8), { timeout: 5_000 });

const meta = {
  title: 'Components/R2ObjectList/Thumbnails and grid',
  tags: ['autodocs'],
  component: R2ObjectList,
  args: { endpoint },
  decorators: [objectListPage],
  beforeEach: forgetUploadHistory,
} satisfies Meta<R2ObjectListProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const tableBucket = storyBucket();

/** Image rows show a small thumbnail before the name; one that cannot load is hidden, and other files get none. */
export const ThumbnailsInTable: Story = {
  parameters: { msw: network(tableBucket) },
  beforeEach: () => {
    tableBucket.reset();
    tableBucket.put('uploads/checkers.png', PNG, { contentType: 'image/png', lastModified: day(2) });
    tableBucket.put('uploads/not-a-photo.jpg', 'these bytes are no JPEG', { contentType: 'image/jpeg', lastModified: day(3) });
    tableBucket.put('uploads/notes.txt', 'notes', { contentType: 'text/plain', lastModified: day(4) });
  },
  play: async ({ canvas }) => {
    const table = await canvas.findByRole('table', { name: 'Files' });
    const row = within(table).getByRole('row', { name: /checkers\.png/ });
    const thumbnail = within(row).getByRole('img', { name: 'Preview of uploads/checkers.png' });
    await expect(thumbnail).toHaveAttribute('loading', 'lazy');
    await expect(thumbnail).toHaveAttribute('src', `${endpoint}/download?key=uploads%2Fcheckers.png`);
    await loaded(thumbnail);
    await expect(thumbnail.getBoundingClientRect()).toMatchObject({ width: 40, height: 40 });
    await expect(getComputedStyle(thumbnail).objectFit).toBe('cover');

    // The broken one goes, with no broken-image icon; its name stays.
    await waitFor(() => expect(canvas.queryByRole('img', { name: 'Preview of uploads/not-a-photo.jpg' })).not.toBeInTheDocument(), { timeout: 5_000 });
    await expect(within(table).getByRole('rowheader', { name: 'uploads/not-a-photo.jpg' })).toBeVisible();
    await expect(within(within(table).getByRole('row', { name: /notes\.txt/ })).queryByRole('img')).not.toBeInTheDocument();
  },
};

const gridBucket = storyBucket();

/**
 * `view="grid"` with `folders`: a folder card that opens in place, image
 * cards with a large thumbnail, other files with their extension, and the
 * table's actions on every card (delete asks first).
 */
export const Grid: Story = {
  args: { view: 'grid', folders: true },
  parameters: { msw: network(gridBucket, 'users/42') },
  beforeEach: () => {
    gridBucket.reset();
    gridBucket.put('users/42/checkers.png', PNG, { contentType: 'image/png', lastModified: day(2) });
    gridBucket.put('users/42/report.pdf', new Uint8Array(310_000), { contentType: 'application/pdf', lastModified: day(3) });
    gridBucket.put('users/42/notes.txt', 'notes', { contentType: 'text/plain', lastModified: day(4) });
    gridBucket.put('users/42/archive/2025.png', PNG, { contentType: 'image/png', lastModified: day(5) });
  },
  play: async ({ canvas, userEvent }) => {
    const grid = await canvas.findByRole('list', { name: 'Files' });
    await expect(getComputedStyle(grid).display).toBe('grid');
    // The grid is rendered again when a folder opens: find it each time.
    const names = () => within(canvas.getByRole('list', { name: 'Files' })).getAllByRole('listitem').map((card) => card.querySelector('.r2u-name')?.textContent);
    await waitFor(() => expect(names()).toEqual(['archive/', 'checkers.png', 'notes.txt', 'report.pdf']));

    const checkers = within(grid).getByRole('listitem', { name: 'checkers.png' });
    const thumbnail = within(checkers).getByRole('img', { name: 'Preview of checkers.png' });
    await loaded(thumbnail);
    const box = thumbnail.getBoundingClientRect();
    await expect(box.width).toBeGreaterThanOrEqual(150);
    await expect(box.height).toBe(box.width);

    const report = within(grid).getByRole('listitem', { name: 'report.pdf' });
    await expect(within(report).getByText('PDF')).toBeVisible();
    await expect(within(report).getByText('310 kB')).toBeVisible();
    await expect(within(report).getByRole('link', { name: 'Download report.pdf' })).toHaveAttribute('href', `${endpoint}/download?key=users%2F42%2Freport.pdf`);
    await userEvent.click(within(report).getByRole('button', { name: 'Delete report.pdf' }));
    await expect(within(report).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(report).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(names()).toEqual(['archive/', 'checkers.png', 'notes.txt']));
    await expect(gridBucket.get('users/42/report.pdf')).toBeUndefined();
    await expect(grid).toHaveFocus();

    await userEvent.click(canvas.getByRole('button', { name: 'Open folder archive/' }));
    await waitFor(() => expect(names()).toEqual(['2025.png']));
    await loaded(canvas.getByRole('img', { name: 'Preview of 2025.png' }));
  },
};
