import type { Meta, StoryObj } from '@storybook/react-vite';
import { http } from 'msw';
import { expect, waitFor, within } from 'storybook/test';
import { R2ObjectList, R2Uploader, type R2ObjectListProps } from '../src/react/index.ts';
import { createListHandlers, createPresignHandlers, type FakeBucket, type ListHandlersOptions } from '../src/testing/index.ts';
import { forgetUploadHistory, objectListPage, readableKey, storyBucket } from './story-kit.tsx';

/*
 * Every story lists a fake bucket through the fake list routes of
 * `r2-uploader/testing`, served by msw's Service Worker: the component runs
 * its real fetches, paging and state handling. Each story has its own bucket
 * and its own QueryClient, so nothing leaks between stories.
 */

const endpoint = '/api/uploads';

/** `parameters.msw` for a story: upload signing and list routes over the story's bucket. */
const network = (bucket: FakeBucket, options: Partial<ListHandlersOptions> = {}) => ({
  handlers: [
    ...createPresignHandlers({ endpoint, bucket, key: readableKey }),
    ...createListHandlers({ endpoint, bucket, download: true, delete: true, ...options }),
    ...bucket.handlers,
  ],
});

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 30));

const meta = {
  title: 'Components/R2ObjectList',
  component: R2ObjectList,
  tags: ['autodocs'],
  args: { endpoint },
  decorators: [objectListPage],
  beforeEach: forgetUploadHistory,
} satisfies Meta<R2ObjectListProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const loadingBucket = storyBucket();

/** The first page has not arrived: a status says so, and there is no table yet. */
export const Loading: Story = {
  parameters: { msw: network(loadingBucket, { delay: 'infinite' }) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Loading files…')).toHaveAttribute('role', 'status');
    await expect(canvas.queryByRole('table')).not.toBeInTheDocument();
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
  },
};

const emptyBucket = storyBucket();

/** Nothing uploaded yet. */
export const Empty: Story = {
  parameters: { msw: network(emptyBucket) },
  beforeEach: () => emptyBucket.reset(),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No files yet.')).toBeVisible();
    await expect(canvas.queryByRole('table')).not.toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  },
};

const refusingBucket = storyBucket();
let refusing = true;

/** The backend refused the listing: its message, and a Retry that works once the backend agrees. */
export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    msw: network(refusingBucket, { reject: () => (refusing ? { status: 403, code: 'forbidden', message: 'Sign in to see your files.' } : undefined) }),
  },
  beforeEach: () => {
    refusing = true;
    refusingBucket.reset();
    refusingBucket.put('uploads/after-sign-in.txt', 'hello', { lastModified: day(2) });
  },
  play: async ({ canvas, userEvent }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The files could not be loaded: Sign in to see your files.');
    await expect(canvas.queryByRole('table')).not.toBeInTheDocument();

    refusing = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await expect(await canvas.findByRole('rowheader', { name: 'uploads/after-sign-in.txt' })).toBeVisible();
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
  },
};

const manyBucket = storyBucket();

/** 120 objects, 50 a page: sortable columns, "Load more", download links, delete with confirmation. */
export const ManyObjects: Story = {
  args: { pageSize: 50 },
  parameters: { msw: network(manyBucket) },
  beforeEach: () => {
    manyBucket.reset();
    for (let i = 1; i <= 120; i++) {
      const name = `uploads/report-${String(i).padStart(3, '0')}.pdf`;
      manyBucket.put(name, new Uint8Array(((i * 7919) % 120) * 1_000 + 1), { contentType: 'application/pdf', lastModified: day(1 + (i % 28)) });
    }
  },
  play: async ({ canvas, userEvent }) => {
    const table = await canvas.findByRole('table', { name: 'Files' });
    const rows = () => within(table).getAllByRole('rowheader').map((cell) => cell.textContent);
    await waitFor(() => expect(rows()).toHaveLength(50));
    await expect(rows()[0]).toBe('uploads/report-001.pdf');

    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(100));
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(120));
    await expect(canvas.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    // Size, largest first: a second click on the header reverses it.
    const sizeButton = canvas.getByRole('button', { name: /^Size/ });
    await userEvent.click(sizeButton);
    await userEvent.click(sizeButton);
    await expect(sizeButton.closest('th')).toHaveAttribute('aria-sort', 'descending');
    const sizes = within(table).getAllByRole('row').slice(1, 4).map((row) => within(row).getAllByRole('cell')[0]?.textContent);
    await expect(sizes).toEqual(['119 kB', '118 kB', '117 kB']);

    const first = within(table).getAllByRole('row')[1]!;
    const name = within(first).getByRole('rowheader').textContent!;
    await expect(within(first).getByRole('link', { name: `Download ${name}` })).toHaveAttribute('href', `${endpoint}/download?key=${encodeURIComponent(name)}`);
    await userEvent.click(within(first).getByRole('button', { name: `Delete ${name}` }));
    await expect(within(first).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(first).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(rows()).toHaveLength(119));
    await expect(rows()).not.toContain(name);
    await expect(manyBucket.get(name)).toBeUndefined();
  },
};

const foldersBucket = storyBucket();

/** With `folders`, keys group by `/`: folders open in place, and the breadcrumb leads back. */
export const Folders: Story = {
  args: { folders: true },
  parameters: { msw: network(foldersBucket, { scope: 'users/42' }) },
  beforeEach: () => {
    foldersBucket.reset();
    foldersBucket.put('users/42/notes.txt', 'notes', { lastModified: day(3) });
    foldersBucket.put('users/42/photos/cat.png', new Uint8Array(48_213), { lastModified: day(4) });
    foldersBucket.put('users/42/photos/2026/dog.png', new Uint8Array(1_200_000), { lastModified: day(5) });
    foldersBucket.put('users/42/reports/q3.pdf', new Uint8Array(310_000), { lastModified: day(6) });
  },
  play: async ({ canvas, userEvent }) => {
    const crumbs = await canvas.findByRole('navigation', { name: 'Folders' });
    const names = () => within(canvas.getByRole('table')).getAllByRole('rowheader').map((cell) => cell.textContent);
    await waitFor(() => expect(names()).toEqual(['photos/', 'reports/', 'notes.txt']));

    await userEvent.click(canvas.getByRole('button', { name: 'Open folder photos/' }));
    await waitFor(() => expect(names()).toEqual(['2026/', 'cat.png']));
    await expect(within(crumbs).getByRole('button', { name: 'photos' })).toHaveAttribute('aria-current', 'page');
    await expect(canvas.getByText('48.2 kB')).toBeVisible();

    await userEvent.click(canvas.getByRole('button', { name: 'Open folder 2026/' }));
    await waitFor(() => expect(names()).toEqual(['dog.png']));
    await userEvent.click(within(crumbs).getByRole('button', { name: 'Files' }));
    await waitFor(() => expect(names()).toEqual(['photos/', 'reports/', 'notes.txt']));
  },
};

const uploadBucket = storyBucket();
/** Listings wait for it; the play function holds it closed to catch the list between upload and refetch. */
let listingGate: Promise<void> = Promise.resolve();

/**
 * An uploader and a list on one page: the uploaded file is listed at once,
 * from the upload result, while the list's refetch is still held back, and
 * stays listed, once, when the server's answer arrives.
 */
export const WithUploader: Story = {
  render: (args) => (
    <>
      <R2Uploader endpoint={endpoint} />
      <R2ObjectList {...args} />
    </>
  ),
  parameters: {
    msw: {
      handlers: [
        // Returns nothing once the gate opens, so the request goes on to the list route.
        http.get(endpoint, () => listingGate),
        ...network(uploadBucket).handlers,
      ],
    },
  },
  beforeEach: () => {
    listingGate = Promise.resolve();
    uploadBucket.reset();
    uploadBucket.put('uploads/existing.txt', 'old', { lastModified: day(1) });
  },
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByRole('rowheader', { name: 'uploads/existing.txt' })).toBeVisible();
    let release: () => void = () => undefined;
    listingGate = new Promise((resolve) => (release = resolve));

    await userEvent.upload(canvas.getByLabelText(/choose files/i), new File(['fresh bytes'], 'fresh.txt', { type: 'text/plain' }));
    const row = await canvas.findByRole('row', { name: /uploads\/fresh\.txt/ });
    await expect(row).toHaveAttribute('data-pending');
    await expect(within(row).getByText('11 bytes')).toBeVisible();
    await expect(canvas.getByRole('table')).toHaveAttribute('aria-busy', 'true');

    release();
    await waitFor(() => expect(canvas.getByRole('row', { name: /uploads\/fresh\.txt/ })).not.toHaveAttribute('data-pending'));
    await expect(canvas.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['uploads/existing.txt', 'uploads/fresh.txt']);
    await expect(canvas.getByRole('table')).not.toHaveAttribute('aria-busy');
  },
};

const narrowBucket = storyBucket();

/** In a narrow container the rows stack into a labelled list; the sort buttons stay. */
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 320 }}>
        <Story />
      </div>
    ),
  ],
  parameters: { msw: network(narrowBucket) },
  beforeEach: () => {
    narrowBucket.reset();
    narrowBucket.put('uploads/0b1c2d3e/holiday photo.jpg', new Uint8Array(2_400_000), { lastModified: day(7) });
    narrowBucket.put('uploads/4f5a6b7c/notes.txt', 'notes', { lastModified: day(8) });
  },
  play: async ({ canvas }) => {
    const row = await canvas.findByRole('row', { name: /holiday photo\.jpg/ });
    await expect(getComputedStyle(row).display).toBe('block');
    const [size] = within(row).getAllByRole('cell');
    await expect(getComputedStyle(size!, '::before').content).toBe('"Size: "');
    await expect(canvas.getByRole('button', { name: /^Size/ })).toBeVisible();
    await expect(canvas.getByText('ETag', { selector: 'th' })).not.toBeVisible();
    // Nothing sticks out of the 320px container.
    await expect(canvas.getByRole('table').scrollWidth).toBeLessThanOrEqual(320);
  },
};
