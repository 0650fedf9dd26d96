import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { R2Uploader } from '../src/react/index.ts';
import { createPresignHandlers, md5Hex } from '../src/testing/index.ts';
import { endpoint, type EndpointProps, formColumn, network, storyBucket } from './story-kit.tsx';

/*
 * Every story runs the real upload path in the browser: the component POSTs to
 * a fake signing backend and PUTs the file with XMLHttpRequest to a fake bucket,
 * both msw handlers from `r2-uploader/testing`, served by msw's Service Worker.
 * Each story has its own bucket, so what one stores never leaks into another.
 *
 * Chromium reports no upload progress for requests a Service Worker answers:
 * under msw a bar stays at 0% until the bucket answers, then jumps to 100%.
 */

/** A file of `size` pseudo-random bytes: the same bytes on every run, so its MD5 is known. */
function sampleFile(name: string, size: number, type: string): File {
  const bytes = new Uint8Array(size);
  let seed = 42;
  for (let i = 0; i < size; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return new File([bytes], name, { type });
}

const meta = {
  title: 'Components/R2Uploader',
  component: R2Uploader,
  tags: ['autodocs'],
  args: { endpoint, onSuccess: fn(), onError: fn() },
  decorators: [formColumn],
  parameters: {
    docs: {
      description: {
        component: [
          'Usage: `import { R2Uploader } from \'r2-uploader\'` and `import \'r2-uploader/styles.css\'`, then',
          '`<R2Uploader endpoint="/api/upload" accept="image/*" maxFileSize={10_000_000} onSuccess={...} />`.',
          'Files come in by the picker (Tab, then Enter), by drop (folders too), or by Ctrl+V while the drop zone has focus.',
          'Theme it with the `--r2u-*` CSS variables (README, Theming); the stories here run the real upload path',
          'against `r2-uploader/testing`\'s fake backend and bucket.',
        ].join(' '),
      },
    },
  },
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing picked yet: a labelled drop zone that is also a keyboard-operable file picker. */
export const Idle: Story = {
  play: async ({ canvas, userEvent }) => {
    const input = canvas.getByLabelText('Choose files or drop them here');
    await expect(input).toHaveAttribute('type', 'file');
    await expect(input).toHaveAttribute('multiple');
    await expect(canvas.queryByRole('list')).not.toBeInTheDocument();

    // Visually hidden, not display:none: Tab reaches it, and the drop zone shows the focus.
    const zone = input.closest('label')!;
    await expect(getComputedStyle(zone).outlineStyle).toBe('none');
    await userEvent.tab();
    await expect(input).toHaveFocus();
    await expect(getComputedStyle(zone).outlineStyle).toBe('solid');
    await expect(getComputedStyle(input).display).not.toBe('none');
    await userEvent.tab({ shift: true });
  },
};

/** Files dragged over the drop zone. */
export const DraggingOver: Story = {
  play: async ({ canvas }) => {
    const zone = canvas.getByLabelText('Choose files or drop them here').closest('label')!;
    const idleBorder = getComputedStyle(zone).borderStyle;
    // What the browser dispatches while files are dragged over: a real DataTransfer carrying a file.
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(sampleFile('cat.png', 10, 'image/png'));
    zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer }));
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer });
    zone.dispatchEvent(over);

    // dragover was canceled, so the browser will allow the drop.
    await expect(over.defaultPrevented).toBe(true);
    // React renders drag events at continuous priority: not synchronously.
    await waitFor(() => expect(zone).toHaveAttribute('data-dragging'));
    await expect(zone).toHaveTextContent('Drop to upload them');
    await expect(idleBorder).toBe('dashed');
    await expect(getComputedStyle(zone).borderStyle).toBe('solid');
    // Nothing uploads until the files are dropped.
    await expect(canvas.queryByRole('list')).not.toBeInTheDocument();
  },
};

const slowBucket = storyBucket();

/** An upload under way: the bucket takes 30 seconds to answer, so the row stays in progress. */
export const Uploading: Story = {
  parameters: { msw: network(slowBucket) },
  beforeEach: () => {
    slowBucket.reset();
    slowBucket.delay(30_000);
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('holiday.mov', 2_500_000, 'video/quicktime'));

    const row = within((await canvas.findByText('holiday.mov')).closest('li')!);
    await expect(await row.findByText(/^Uploading… \d+%$/)).toBeVisible();
    await expect(row.getByText('2.5 MB')).toBeVisible();
    const bar = row.getByRole('progressbar', { name: 'Upload of holiday.mov' });
    await expect(bar).toHaveAttribute('aria-valuemin', '0');
    await expect(bar).toHaveAttribute('aria-valuemax', '100');
    await expect(Number(bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
    await expect(row.getByRole('button', { name: 'Cancel upload of holiday.mov' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Uploading holiday.mov.');
    await expect(canvas.queryByRole('button', { name: 'Clear finished' })).not.toBeInTheDocument();
    await expect(args.onSuccess).not.toHaveBeenCalled();
  },
};

const doneBucket = storyBucket();

/** A finished upload shows the ETag the bucket returned: the MD5 of exactly the bytes picked. */
export const Done: Story = {
  parameters: { msw: network(doneBucket) },
  beforeEach: () => doneBucket.reset(),
  play: async ({ canvas, userEvent, args }) => {
    const file = sampleFile('photo.jpg', 300_000, 'image/jpeg');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const etag = `"${md5Hex(bytes)}"`;

    await userEvent.upload(canvas.getByLabelText(/choose files/i), file);

    const row = within((await canvas.findByText('photo.jpg')).closest('li')!);
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(row.getByText(etag)).toBeVisible();
    await expect(row.getByText('300 kB')).toBeVisible();
    await expect(row.getByRole('progressbar', { name: 'Upload of photo.jpg' })).toHaveAttribute('aria-valuenow', '100');
    await expect(row.queryByRole('button')).not.toBeInTheDocument();
    await expect(canvas.getByRole('status')).toHaveTextContent('photo.jpg uploaded.');
    await expect(canvas.getByRole('button', { name: 'Clear finished' })).toBeVisible();

    // The bucket got the very bytes, with the Content-Type that was signed.
    const stored = doneBucket.get('uploads/photo.jpg');
    await expect(stored?.contentType).toBe('image/jpeg');
    await expect(stored?.bytes).toEqual(bytes);
    await expect(args.onSuccess).toHaveBeenCalledWith({ key: 'uploads/photo.jpg', etag, size: 300_000, contentType: 'image/jpeg' }, file);
  },
};

const multipartBucket = storyBucket();

/**
 * A file above `multipart.threshold` goes in parts (here 5 MiB parts, one at a
 * time so the steps show): the bar moves as the bucket confirms each part,
 * and the object's ETag is the multipart one, `"<md5 of the part MD5s>-3"`.
 */
export const MultipartProgress: Story = {
  args: { multipart: { threshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024 }, concurrency: 1, resume: false },
  parameters: { msw: network(multipartBucket) },
  beforeEach: () => {
    multipartBucket.reset();
    multipartBucket.delay(400);
  },
  play: async ({ canvas, userEvent, args }) => {
    // 11 MiB: parts of 5, 5 and 1 MiB.
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('archive.zip', 11 * 1024 * 1024, 'application/zip'));
    const row = within((await canvas.findByText('archive.zip')).closest('li')!);
    const bar = row.getByRole('progressbar', { name: 'Upload of archive.zip' });
    // After the first part: 5 of 11 MiB.
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '45'), { timeout: 5_000, interval: 20 });
    await expect(row.getByRole('button', { name: 'Pause upload of archive.zip' })).toBeVisible();
    await expect(await row.findByText('Uploaded', {}, { timeout: 10_000 })).toBeVisible();
    const stored = multipartBucket.find('archive.zip');
    await expect(stored?.bytes.byteLength).toBe(11 * 1024 * 1024);
    await expect(stored?.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    await expect(row.getByText(stored!.etag)).toBeVisible();
    await expect(multipartBucket.multipartUploads()).toEqual([]);
    await expect(args.onSuccess).toHaveBeenCalledWith(expect.objectContaining({ etag: stored!.etag, size: 11 * 1024 * 1024 }), expect.any(File));
  },
};

const failingBucket = storyBucket();

/** The store refused the PUT: its S3 error code, the message, and the fix. */
export const ErrorWithHint: Story = {
  parameters: { msw: network(failingBucket) },
  beforeEach: () => {
    failingBucket.reset();
    failingBucket.failNext({ status: 403, s3Code: 'SignatureDoesNotMatch' });
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('report.pdf', 4_000, 'application/pdf'));

    const row = within((await canvas.findByText('report.pdf')).closest('li')!);
    await expect(await row.findByText('Failed')).toBeVisible();
    await expect(row.getByText(/The store refused the upload \(403 SignatureDoesNotMatch\)/)).toBeVisible();
    const hint = row.getByText(/The upload differs from what was signed/);
    await expect(hint).toBeVisible();
    await expect(hint).toHaveClass('r2u-hint');
    await expect(row.getByRole('button', { name: 'Retry upload of report.pdf' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent(/report\.pdf failed: .*SignatureDoesNotMatch/);
    await expect(failingBucket.keys()).toEqual([]);
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'store_error', status: 403, s3Code: 'SignatureDoesNotMatch' }),
      expect.any(File),
    );
  },
};

const rejectingBackend = storyBucket();

/** The app's backend refused to sign: its own message is shown. */
export const BackendRefused: Story = {
  parameters: {
    msw: {
      handlers: [
        ...createPresignHandlers({
          endpoint,
          bucket: rejectingBackend,
          reject: ({ size }) => (size > 1_000_000 ? { status: 413, code: 'too_large', message: 'Files must be 1 MB or smaller.' } : undefined),
        }),
        ...rejectingBackend.handlers,
      ],
    },
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('huge.zip', 1_500_000, 'application/zip'));
    const row = within((await canvas.findByText('huge.zip')).closest('li')!);
    await expect(await row.findByText('Files must be 1 MB or smaller.')).toBeVisible();
    await expect(row.getByText('Failed')).toBeVisible();
  },
};

const corsBucket = storyBucket();

/**
 * The bucket's CORS rule does not expose `ETag`: the browser hides the header
 * although the upload succeeded, and the row names the fix.
 */
export const EtagHiddenByCors: Story = {
  parameters: { msw: network(corsBucket) },
  beforeEach: () => {
    corsBucket.reset();
    corsBucket.hideEtag();
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('notes.txt', 1_000, 'text/plain'));
    const row = within((await canvas.findByText('notes.txt')).closest('li')!);
    await expect(await row.findByText(/hide its ETag/)).toBeVisible();
    await expect(row.getByText(/ExposeHeaders: \["ETag"\]/)).toBeVisible();
    // The object is stored all the same: only the browser's view of the answer is filtered.
    await expect(corsBucket.keys()).toEqual(['uploads/notes.txt']);
  },
};

const darkBucket = storyBucket();

/** Dark colors through the `r2u-dark` class, with a finished and a failed row (checked for contrast by the a11y addon). */
export const Dark: Story = {
  // No automatic retries, so that the 503 leaves a failed row.
  args: { className: 'r2u-dark', retry: false },
  parameters: { msw: network(darkBucket), backgrounds: { disable: true } },
  decorators: [
    (Story) => (
      <div style={{ background: '#111113', padding: 16 }}>
        <Story />
      </div>
    ),
  ],
  beforeEach: () => {
    darkBucket.reset();
    darkBucket.failNext({ status: 503, s3Code: 'SlowDown' });
  },
  play: async ({ canvas, userEvent }) => {
    // Uploaded one at a time so that the first PUT is the one that fails.
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('first.png', 2_000, 'image/png'));
    // In the row (the live region says it too).
    await waitFor(() => expect(within(canvas.getByRole('list', { name: 'Uploads' })).getByText(/503 SlowDown/)).toBeVisible());
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('second.png', 3_000, 'image/png'));
    await expect(await canvas.findByText('Uploaded')).toBeVisible();
    const root = canvas.getByRole('status').closest('.r2u-root')!;
    await expect(getComputedStyle(root).color).toBe('rgb(236, 236, 241)');
  },
};

const busyBucket = storyBucket();

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
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('scan.pdf', 20_000, 'application/pdf'));
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

const pausingBucket = storyBucket();

/** A paused upload keeps its row, offers Resume and Cancel, and finishes once resumed. */
export const PausedThenResumed: Story = {
  parameters: { msw: network(pausingBucket) },
  beforeEach: () => {
    pausingBucket.reset();
    pausingBucket.delay(1_000);
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), sampleFile('drone.mp4', 50_000, 'video/mp4'));
    const item = (await canvas.findByText('drone.mp4')).closest('li')!;
    const row = within(item);
    await userEvent.click(await row.findByRole('button', { name: 'Pause upload of drone.mp4' }));
    await expect(await row.findByText('Paused at 0%')).toBeVisible();
    await expect(item).toHaveAttribute('data-status', 'paused');
    await expect(row.getByRole('button', { name: 'Cancel upload of drone.mp4' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Upload of drone.mp4 paused.');
    await expect(pausingBucket.keys()).toEqual([]);

    await userEvent.click(row.getByRole('button', { name: 'Resume upload of drone.mp4' }));
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(pausingBucket.keys()).toEqual(['uploads/drone.mp4']);
  },
};
