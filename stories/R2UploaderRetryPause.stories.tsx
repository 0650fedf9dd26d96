import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { R2Uploader, type R2UploaderProps } from '../src/react/index.ts';
import { createFakeBucket, createPresignHandlers, type FakeBucket } from '../src/testing/index.ts';

/*
 * Retries and pausing, against the same msw backend and bucket as the other
 * stories. Under msw's Service Worker, Chromium reports no upload progress, so
 * bars move from 0% to 100% at once.
 */

const endpoint = '/api/uploads';
const network = (bucket: FakeBucket) => ({ handlers: [...createPresignHandlers({ endpoint, bucket }), ...bucket.handlers] });
const sample = (name: string, size: number, type: string) => new File([new Uint8Array(size).fill(7)], name, { type });

type EndpointProps = Extract<R2UploaderProps, { endpoint: string }>;

const meta = {
  title: 'Components/R2Uploader/Retry and pause',
  component: R2Uploader,
  args: { endpoint, onSuccess: fn(), onError: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 480 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const busyBucket = createFakeBucket();

/**
 * The store answered 503 SlowDown and asked to wait a second (`Retry-After`):
 * the row says it will try again, which attempt, and why; then the upload completes.
 */
export const Retrying: Story = {
  parameters: { msw: network(busyBucket) },
  beforeEach: () => {
    busyBucket.reset();
    busyBucket.failNext({ status: 503, s3Code: 'SlowDown', retryAfter: 1 });
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sample('scan.pdf', 20_000, 'application/pdf'));
    const item = (await canvas.findByText('scan.pdf')).closest('li')!;
    const row = within(item);
    await expect(await row.findByText(/^Retrying \(attempt 2\)…: The store refused the upload \(503 SlowDown\)/)).toBeVisible();
    await expect(item).toHaveAttribute('data-status', 'retrying');
    await expect(row.getByRole('button', { name: 'Pause upload of scan.pdf' })).toBeVisible();
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(args.onError).not.toHaveBeenCalled();
    await expect(busyBucket.keys()).toEqual(['uploads/scan.pdf']);
  },
};

const slowBucket = createFakeBucket();

/** A paused upload keeps its row, offers Resume and Cancel, and finishes once resumed. */
export const PausedThenResumed: Story = {
  parameters: { msw: network(slowBucket) },
  beforeEach: () => {
    slowBucket.reset();
    slowBucket.delay(1_000);
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sample('drone.mp4', 50_000, 'video/mp4'));
    const item = (await canvas.findByText('drone.mp4')).closest('li')!;
    const row = within(item);
    await userEvent.click(await row.findByRole('button', { name: 'Pause upload of drone.mp4' }));
    await expect(await row.findByText('Paused at 0%')).toBeVisible();
    await expect(item).toHaveAttribute('data-status', 'paused');
    await expect(row.getByRole('button', { name: 'Cancel upload of drone.mp4' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Upload of drone.mp4 paused.');
    await expect(slowBucket.keys()).toEqual([]);

    await userEvent.click(row.getByRole('button', { name: 'Resume upload of drone.mp4' }));
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(slowBucket.keys()).toEqual(['uploads/drone.mp4']);
  },
};
