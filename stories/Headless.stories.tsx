import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactElement } from 'react';
import { expect, within } from 'storybook/test';
import { formatBytes, getUploadHistory, useR2Objects, useR2Upload } from '../src/react/index.ts';
import { createListHandlers, createPresignHandlers } from '../src/testing/index.ts';
import { endpoint, fileOf, readableKey, storyBucket } from './story-kit.tsx';

/**
 * Your own markup on the two hooks alone, without the components or their
 * stylesheet: `useR2Upload` for the uploads, `useR2Objects` for what is in
 * the bucket. A successful upload refreshes the listing by itself.
 */
function HeadlessUploader(): ReactElement {
  const { upload, uploads, progress, isUploading, cancel } = useR2Upload({ endpoint });
  const { objects, status } = useR2Objects({ endpoint });
  return (
    <section style={{ fontFamily: 'system-ui', maxWidth: 420 }}>
      <label style={{ display: 'block', marginBottom: 8 }}>
        Attach files <input type="file" multiple onChange={(event) => event.target.files && void upload(event.target.files)} />
      </label>
      <p role="status">{isUploading ? `Sending… ${progress.percent}%` : `${uploads.length} sent this session`}</p>
      <ul aria-label="Sending">
        {uploads.map((item) => (
          <li key={item.id}>
            {item.name}: {item.status}
            {item.status === 'uploading' ? <button type="button" onClick={() => cancel(item.id)}>Stop {item.name}</button> : null}
            {item.error ? <span> ({item.error.message})</span> : null}
          </li>
        ))}
      </ul>
      <h2 style={{ fontSize: '1rem' }}>In the bucket</h2>
      {status === 'pending' ? <p>Loading…</p> : null}
      <ul aria-label="In the bucket">
        {objects.map((object) => (
          <li key={object.key}>
            {object.key} ({formatBytes(object.size)})
          </li>
        ))}
      </ul>
    </section>
  );
}

const bucket = storyBucket();

const meta = {
  title: 'Examples/Headless',
  component: HeadlessUploader,
  tags: ['autodocs'],
  parameters: {
    msw: { handlers: [...createPresignHandlers({ endpoint, bucket, key: readableKey }), ...createListHandlers({ endpoint, bucket }), ...bucket.handlers] },
    docs: { source: { type: 'code' } },
  },
  decorators: [
    (Story) => {
      const [client] = useState(() => new QueryClient());
      return (
        <QueryClientProvider client={client}>
          <Story />
        </QueryClientProvider>
      );
    },
  ],
  beforeEach: () => {
    bucket.reset();
    bucket.put('uploads/existing.txt', 'already here');
    localStorage.clear();
    getUploadHistory().clear();
  },
} satisfies Meta<typeof HeadlessUploader>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Picks two files: each is listed while it uploads, then the bucket's listing shows them. */
export const HooksOnly: Story = {
  play: async ({ canvas, userEvent }) => {
    const listing = within(canvas.getByRole('list', { name: 'In the bucket' }));
    await expect(await listing.findByText(/uploads\/existing\.txt/)).toBeVisible();
    await userEvent.upload(canvas.getByLabelText('Attach files'), [fileOf('a.txt', 10, 'text/plain'), fileOf('b.txt', 2_000, 'text/plain')]);
    await expect(await canvas.findByText('2 sent this session', {}, { timeout: 5_000 })).toBeVisible();
    await expect(await listing.findByText('uploads/b.txt (2 kB)', {}, { timeout: 5_000 })).toBeVisible();
    await expect(listing.getByText('uploads/a.txt (10 bytes)')).toBeVisible();
    await expect(bucket.keys().sort()).toEqual(['uploads/a.txt', 'uploads/b.txt', 'uploads/existing.txt']);
  },
};
