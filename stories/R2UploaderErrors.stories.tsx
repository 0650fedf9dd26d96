import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, fn, within } from 'storybook/test';
import { R2Uploader } from '../src/react/index.ts';
import { createFakeBucket, createPresignHandlers } from '../src/testing/index.ts';
import { endpoint, formColumn, network, type EndpointProps } from './story-kit.tsx';

/*
 * What users see when something is wrong: files the rules refuse, and a
 * bucket the browser cannot reach. The real upload path runs in the browser
 * against msw's fake backend and bucket.
 */

const bytes = (name: string, size: number, type: string) => new File([new Uint8Array(size).fill(7)], name, { type });

const meta = {
  title: 'Components/R2Uploader/Errors',
  component: R2Uploader,
  args: { endpoint, onSuccess: fn(), onError: fn() },
  decorators: [formColumn],
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const rulesBucket = createFakeBucket();

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

const unreachableBucket = createFakeBucket();

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
