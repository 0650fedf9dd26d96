import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, fn, within } from 'storybook/test';
import { R2Uploader } from '../src/react/index.ts';
import { createPresignHandlers } from '../src/testing/index.ts';
import { endpoint, type EndpointProps, formColumn, network, storyBucket } from './story-kit.tsx';

/*
 * What users see when something is wrong: files the rules refuse, and a
 * bucket the browser cannot reach. The real upload path runs in the browser
 * against msw's fake backend and bucket.
 */

const bytes = (name: string, size: number, type: string) => new File([new Uint8Array(size).fill(7)], name, { type });

const meta = {
  title: 'Components/R2Uploader/Errors',
  component: R2Uploader,
  tags: ['autodocs'],
  // Each story shows the error a user is left with; transient ones would otherwise be retried
  // (and an expired URL re-signed) first: see the Retrying story of R2Uploader for that.
  args: { endpoint, retry: false, onSuccess: fn(), onError: fn() },
  decorators: [formColumn],
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const rulesBucket = storyBucket();

/** `accept="image/*"`, `maxFileSize` 1 MB, `maxFiles` 3: each refused file is listed with its reason; the others upload. */
export const RefusedFiles: Story = {
  args: { accept: 'image/*', maxFileSize: 1_000_000, maxFiles: 3 },
  parameters: { msw: network(rulesBucket) },
  beforeEach: () => rulesBucket.reset(),
  play: async ({ canvas, args }) => {
    const input = canvas.getByLabelText(/choose files/i);
    await expect(input).toHaveAttribute('accept', 'image/*');
    // Dropped files, which the picker's accept does not filter: the rules must.
    const dataTransfer = new DataTransfer();
    for (const file of [bytes('cat.png', 2_000, 'image/png'), bytes('huge.png', 1_500_000, 'image/png'), bytes('setup.exe', 10, 'application/x-msdownload'), bytes('dog.jpg', 3_000, 'image/jpeg')]) {
      dataTransfer.items.add(file);
    }
    input.closest('label')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));

    const row = (name: string) => within(canvas.getByText(name).closest('li')!);
    await canvas.findByText('huge.png');
    await expect(row('huge.png').getByText('Files may be at most 1 MB, and this one is 1.5 MB.')).toBeVisible();
    await expect(row('setup.exe').getByText('Files of type application/x-msdownload are not accepted (accepted: image/*).')).toBeVisible();
    for (const name of ['huge.png', 'setup.exe']) {
      await expect(row(name).getByText('Refused')).toBeVisible();
      await expect(row(name).queryByRole('button')).not.toBeInTheDocument();
    }
    await expect(await row('cat.png').findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(await row('dog.jpg').findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(rulesBucket.keys().sort()).toEqual(['uploads/cat.png', 'uploads/dog.jpg']);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'file_rejected', reason: 'file_too_large' }), expect.any(File));
  },
};

const unreachableBucket = storyBucket();

/** The PUT gets no answer, as when the bucket's CORS policy does not allow the page: the row gives the rule and the command. */
export const BlockedByCors: Story = {
  parameters: {
    msw: { handlers: [...createPresignHandlers({ endpoint, bucket: unreachableBucket }), http.put(`${unreachableBucket.url}/*`, () => HttpResponse.error())] },
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), bytes('report.pdf', 4_000, 'application/pdf'));
    const row = within((await canvas.findByText('report.pdf')).closest('li')!);
    await expect(await row.findByText('The upload could not reach the store (network error).')).toBeVisible();
    const hint = row.getByText(/does not allow/);
    await expect(hint).toHaveClass('r2u-hint');
    await expect(hint).toHaveTextContent(`"AllowedOrigins":["${location.origin}"]`);
    await expect(hint).toHaveTextContent('npx wrangler r2 bucket cors set <bucket> --file cors.json');
    await expect(row.getByRole('button', { name: 'Retry upload of report.pdf' })).toBeVisible();
  },
};

/** Picks `name` and returns the queries of its row once it failed. */
async function failedRow(canvas: Parameters<NonNullable<Story['play']>>[0]['canvas'], userEvent: Parameters<NonNullable<Story['play']>>[0]['userEvent'], name: string) {
  await userEvent.upload(canvas.getByLabelText(/choose files/i), bytes(name, 2_000, 'application/pdf'));
  const row = within((await canvas.findByText(name)).closest('li')!);
  await expect(await row.findByText('Failed', {}, { timeout: 5_000 })).toBeVisible();
  return row;
}

const garbledBucket = storyBucket();

/** The backend answered 200 with something that is not an upload target (a login page, a proxy's HTML): named as such. */
export const InvalidBackendResponse: Story = {
  parameters: { msw: { handlers: [http.post(endpoint, () => HttpResponse.text('<html>Please sign in</html>', { headers: { 'content-type': 'text/html' } })), ...garbledBucket.handlers] } },
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'invoice.pdf');
    await expect(row.getByRole('progressbar')).toHaveAccessibleDescription(/.+/);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_backend_response' }), expect.any(File));
  },
};

const expiredBucket = storyBucket();

/** The presigned URL expired before the PUT reached the store (403 ExpiredRequest): Retry signs a fresh one. */
export const ExpiredUrl: Story = {
  parameters: { msw: network(expiredBucket) },
  beforeEach: () => {
    expiredBucket.reset();
    // An expired URL is signed again by itself, up to 3 times; here every new one has expired too.
    for (let answer = 0; answer < 4; answer += 1) expiredBucket.failNext({ status: 403, s3Code: 'ExpiredRequest' });
  },
  play: async ({ canvas, userEvent }) => {
    const row = await failedRow(canvas, userEvent, 'contract.pdf');
    await expect(row.getByText(/403 ExpiredRequest/)).toBeVisible();
    await expect(row.getByText(/The URL expired before the upload reached the store/)).toHaveClass('r2u-hint');
    // Keyboard only: the Retry button is described by the error, and Enter retries.
    const retry = row.getByRole('button', { name: 'Retry upload of contract.pdf' });
    await expect(retry).toHaveAccessibleDescription(/ExpiredRequest/);
    retry.focus();
    await userEvent.keyboard('{Enter}');
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(expiredBucket.keys()).toEqual(['uploads/contract.pdf']);
  },
};

const slowBackendBucket = storyBucket();

/** The backend takes longer than `backendTimeout` (here 300 ms) to sign: the file fails with `backend_timeout`. */
export const BackendTimeout: Story = {
  args: { backendTimeout: 300 },
  parameters: { msw: { handlers: [...createPresignHandlers({ endpoint, bucket: slowBackendBucket, delay: 5_000 }), ...slowBackendBucket.handlers] } },
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'slow.pdf');
    await expect(row.getByText('The upload backend did not answer within 0.3 seconds.')).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'backend_timeout' }), expect.any(File));
  },
};

const cancelBucket = storyBucket();

/** Canceled while the bucket was still taking it: the row says so, and Cancel became Retry, focus kept. */
export const Canceled: Story = {
  parameters: { msw: network(cancelBucket) },
  beforeEach: () => {
    cancelBucket.reset();
    cancelBucket.delay(30_000);
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), bytes('movie.mp4', 50_000, 'video/mp4'));
    const row = within((await canvas.findByText('movie.mp4')).closest('li')!);
    await userEvent.click(await row.findByRole('button', { name: 'Cancel upload of movie.mp4' }));
    await expect(await row.findByText('Canceled')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Retry upload of movie.mp4' })).toHaveFocus();
    await expect(canvas.getByRole('status')).toHaveTextContent('Upload of movie.mp4 canceled.');
    await expect(args.onSuccess).not.toHaveBeenCalled();
  },
};

/** The signing backend cannot be reached (server down, offline): `backend_unreachable`, nothing sent to the bucket. */
export const BackendUnreachable: Story = {
  parameters: { msw: { handlers: [http.post(endpoint, () => HttpResponse.error())] } },
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'memo.pdf');
    await expect(row.getByRole('progressbar')).toHaveAccessibleDescription(/.+/);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'backend_unreachable' }), expect.any(File));
    await expect(row.getByRole('button', { name: 'Retry upload of memo.pdf' })).toBeVisible();
  },
};

/** The backend signed a plain `http:` URL to a remote host: refused before a byte is sent, with the fix. */
export const InsecureUploadUrl: Story = {
  parameters: { msw: { handlers: createPresignHandlers({ endpoint, bucket: 'http://bucket.example.com' }) } },
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'payslip.pdf');
    await expect(row.getByText('The upload URL is not https: (http://bucket.example.com).')).toBeVisible();
    await expect(row.getByText(/^Sign URLs for an https:\/\/ endpoint/)).toHaveClass('r2u-hint');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'insecure_url' }), expect.any(File));
  },
};

const elsewhereBucket = storyBucket();

/** `allowedUploadOrigins` names the app's bucket, and the backend signed a URL for another host: `url_not_allowed`. */
export const UploadUrlNotAllowed: Story = {
  args: { allowedUploadOrigins: ['https://uploads.example.com'] },
  parameters: { msw: network(elsewhereBucket) },
  beforeEach: () => elsewhereBucket.reset(),
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'plan.pdf');
    await expect(row.getByText(`The upload URL's origin ${elsewhereBucket.url} is not in allowedUploadOrigins.`)).toBeVisible();
    await expect(row.getByText(`Sign URLs for https://uploads.example.com, or allow ${elsewhereBucket.url}.`)).toHaveClass('r2u-hint');
    await expect(elsewhereBucket.keys()).toEqual([]);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'url_not_allowed' }), expect.any(File));
  },
};

const checksumBucket = storyBucket();

/** A backend on AWS SDK v3 signed the CRC32 of an empty body: refused before sending, with the SDK setting that fixes it. */
export const EmptyBodyChecksum: Story = {
  parameters: {
    msw: {
      handlers: [
        http.post(endpoint, async ({ request }) => {
          const { filename, contentType } = (await request.json()) as { filename: string; contentType: string };
          const url = `${checksumBucket.url}/uploads/${encodeURIComponent(filename)}?x-amz-checksum-crc32=AAAAAA%3D%3D&X-Amz-SignedHeaders=host`;
          return HttpResponse.json({ url, method: 'PUT', headers: { 'content-type': contentType }, key: `uploads/${filename}` });
        }),
        ...checksumBucket.handlers,
      ],
    },
  },
  beforeEach: () => checksumBucket.reset(),
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'scan.pdf');
    await expect(row.getByText(/signs the checksum of an empty body/)).toBeVisible();
    await expect(row.getByText(/requestChecksumCalculation: 'WHEN_REQUIRED'/)).toHaveClass('r2u-hint');
    await expect(checksumBucket.keys()).toEqual([]);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'empty_body_checksum' }), expect.any(File));
  },
};

const corruptingBucket = storyBucket();

/** With `verify`, the bucket answered an ETag that is not the file's MD5 (bytes changed on the way): `integrity_mismatch`. */
export const IntegrityMismatch: Story = {
  args: { verify: true },
  parameters: {
    msw: {
      handlers: [
        ...createPresignHandlers({ endpoint, bucket: corruptingBucket }),
        http.put(`${corruptingBucket.url}/*`, ({ request }) =>
          new HttpResponse(null, {
            status: 200,
            headers: { ETag: '"00000000000000000000000000000000"', 'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*', 'Access-Control-Expose-Headers': 'ETag' },
          }),
        ),
      ],
    },
  },
  play: async ({ canvas, userEvent, args }) => {
    const row = await failedRow(canvas, userEvent, 'ledger.pdf');
    await expect(row.getByRole('progressbar')).toHaveAccessibleDescription(/.+/);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'integrity_mismatch' }), expect.any(File));
  },
};
