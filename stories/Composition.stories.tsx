import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { MyUploader } from './composed-uploader.tsx';
import { endpoint, fileOf, formColumn, network, storyBucket } from './story-kit.tsx';

/**
 * The default UI rebuilt from `R2Uploader.Dropzone`, `.FileRow` and
 * `.Announcer` around `useR2Upload`: the README's "Composing your own
 * uploader" example, each part with a class of its own.
 */
const bucket = storyBucket();

const meta = {
  title: 'Examples/Composition',
  component: MyUploader,
  tags: ['autodocs'],
  args: { endpoint },
  parameters: { msw: network(bucket), docs: { source: { type: 'code' } } },
  decorators: [formColumn],
  beforeEach: () => bucket.reset(),
} satisfies Meta<typeof MyUploader>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Picks two images by keyboard-reachable input; each row works as the default one does, then Clear finished empties the list. */
export const Parts: Story = {
  play: async ({ canvas, userEvent }) => {
    const input = canvas.getByLabelText(/^Choose files/);
    await expect(input.closest('label')).toHaveClass('my-dropzone');
    await userEvent.upload(input, [fileOf('a.png', 2_000, 'image/png'), fileOf('b.png', 4_000, 'image/png')]);
    const list = within(canvas.getByRole('list', { name: 'Uploads' }));
    for (const name of ['a.png', 'b.png']) {
      const row = within(list.getByText(name).closest('li')!);
      await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
    }
    await expect(canvas.getByRole('status')).toHaveTextContent(/uploaded\./);
    await userEvent.click(canvas.getByRole('button', { name: 'Clear finished' }));
    await expect(canvas.queryByRole('list')).toBeNull();
    await expect(bucket.keys().sort()).toEqual(['uploads/a.png', 'uploads/b.png']);
  },
};
