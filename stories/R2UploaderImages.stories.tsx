import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { R2Uploader } from '../src/react/index.ts';
import { endpoint, type EndpointProps, formColumn, network, storyBucket } from './story-kit.tsx';

/*
 * Images: thumbnails in the rows (made in a Web Worker), and resizing before
 * upload. The photos are drawn by the story itself, so every run has the same ones.
 */

/** A `width` × `height` JPEG, left half orange, right half teal. */
async function drawnPhoto(name: string, width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#f38020';
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = '#1b8a8a';
  context.fillRect(width / 2, 0, width / 2, height);
  return new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })], name, { type: 'image/jpeg' });
}

const bucket = storyBucket();

const meta = {
  title: 'Components/R2Uploader/Images',
  tags: ['autodocs'],
  component: R2Uploader,
  args: { endpoint, onSuccess: fn(), onWarning: fn() },
  parameters: { msw: network(bucket) },
  decorators: [formColumn],
  beforeEach: () => bucket.reset(),
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<EndpointProps>;

/** Each image's row shows a thumbnail, named for the file; other files get none. */
export const Previews: Story = {
  play: async ({ canvas, userEvent }) => {
    const photos = await Promise.all(['lighthouse.jpg', 'dunes.jpg'].map((name) => drawnPhoto(name, 1600, 1200)));
    await userEvent.upload(canvas.getByLabelText(/choose files/i), [...photos, new File(['notes'], 'notes.txt', { type: 'text/plain' })]);
    for (const { name } of photos) {
      const thumbnail = await canvas.findByRole('img', { name: `Preview of ${name}` }, { timeout: 5_000 });
      await waitFor(() => expect((thumbnail as HTMLImageElement).naturalWidth).toBeGreaterThan(0));
      await expect(getComputedStyle(thumbnail).objectFit).toBe('cover');
    }
    const notes = within(canvas.getByText('notes.txt').closest('li')!);
    await expect(notes.queryByRole('img')).toBeNull();
  },
};

/** `resizeImages`: a 4000 × 3000 photo is sent as a WebP of at most 1024 × 1024, renamed, and the bucket holds that. */
export const Resized: Story = {
  args: { resizeImages: { maxWidth: 1024, maxHeight: 1024 } },
  play: async ({ canvas, userEvent, args }) => {
    const photo = await drawnPhoto('mountain.jpg', 4000, 3000);
    await userEvent.upload(canvas.getByLabelText(/choose files/i), photo);
    const row = within((await canvas.findByText('mountain.webp', {}, { timeout: 10_000 })).closest('li')!);
    await expect(await row.findByText('Uploaded', {}, { timeout: 10_000 })).toBeVisible();
    const stored = bucket.find('mountain.webp')!;
    await expect(stored.contentType).toBe('image/webp');
    await expect(stored.bytes.length).toBeLessThan(photo.size);
    const bitmap = await createImageBitmap(new Blob([stored.bytes as Uint8Array<ArrayBuffer>], { type: 'image/webp' }));
    await expect([bitmap.width, bitmap.height]).toEqual([1024, 768]);
    await expect(args.onWarning).not.toHaveBeenCalled();
  },
};

/** Turned off with `previews={false}`: no thumbnails, and no image code loaded for them. */
export const WithoutPreviews: Story = {
  args: { previews: false },
  play: async ({ canvas, userEvent }) => {
    await userEvent.upload(canvas.getByLabelText(/choose files/i), await drawnPhoto('plain.jpg', 400, 300));
    const row = within((await canvas.findByText('plain.jpg')).closest('li')!);
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    await expect(row.queryByRole('img')).toBeNull();
  },
};
