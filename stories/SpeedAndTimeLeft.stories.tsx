import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import type { UploadState } from '../src/core/index.ts';
import { R2MessagesProvider, R2Uploader } from '../src/react/index.ts';
import { de } from '../src/locales/de.ts';
import { formColumn } from './story-kit.tsx';

/*
 * Speed and time left need upload progress, which Chromium does not report for
 * requests msw's Service Worker answers: these rows are given their states.
 * The real measure is tested in Chromium against Miniflare (e2e/speed.spec.ts).
 */

const MB = 1_000_000;
const row = (name: string, patch: Partial<UploadState>): UploadState => ({
  id: name, name, size: 250 * MB, type: 'video/mp4', status: 'uploading', loaded: 0, total: 250 * MB, file: new File([], name), ...patch,
});

const ROWS: UploadState[] = [
  row('interview.mp4', { loaded: 100 * MB, bytesPerSecond: 3.2 * MB, secondsLeft: 47 }),
  row('b-roll.mp4', { loaded: 20 * MB, bytesPerSecond: 0.85 * MB, secondsLeft: 271 }),
  row('archive.zip', { size: 30 * 1000 * MB, total: 30 * 1000 * MB, loaded: 2 * 1000 * MB, bytesPerSecond: 5.4 * MB, secondsLeft: 5_185 }),
  // Just started: nothing is measured yet, so nothing is guessed.
  row('just-started.mov', { loaded: 200_000 }),
  row('waiting.mov', { status: 'queued' }),
];

function Rows({ locale }: { locale: string }) {
  const noop = () => undefined;
  return (
    <R2MessagesProvider messages={locale === 'de' ? de : undefined} locale={locale}>
      <div className="r2u-root">
        <ul className="r2u-list" aria-label="Uploads">
          {ROWS.map((upload) => (
            <R2Uploader.FileRow key={upload.id} upload={upload} onCancel={noop} onRetry={noop} onPause={noop} />
          ))}
        </ul>
      </div>
    </R2MessagesProvider>
  );
}

const meta = {
  title: 'Components/R2Uploader/Speed and time left',
  tags: ['autodocs'],
  component: Rows,
  args: { locale: 'en' },
  decorators: [formColumn],
} satisfies Meta<typeof Rows>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Each running row shows its measured speed and time left after its status: seconds, minutes, hours as they are worth. */
export const Rates: Story = {
  play: async ({ canvas }) => {
    const speedOf = (name: string) => within(canvas.getByText(name).closest('li')!).queryByText(/\/s/);
    await expect(speedOf('interview.mp4')).toHaveTextContent('3.2 MB/s · 47 sec left');
    await expect(speedOf('b-roll.mp4')).toHaveTextContent('850 kB/s · 5 min left');
    await expect(speedOf('archive.zip')).toHaveTextContent('5.4 MB/s · 1.4 hr left');
    await expect(speedOf('just-started.mov')).toBeNull();
    await expect(speedOf('waiting.mov')).toBeNull();
    // Digits of one width: the text does not jitter as the figures change.
    await expect(getComputedStyle(speedOf('interview.mp4')!).fontVariantNumeric).toBe('tabular-nums');
  },
};

/** The same rows in German: units and words from `r2-uploader/locales/de`. */
export const German: Story = {
  args: { locale: 'de' },
  play: async ({ canvas }) => {
    await expect(within(canvas.getByText('interview.mp4').closest('li')!).getByText(/\/s/)).toHaveTextContent('3,2 MB/s · noch 47 Sek.');
  },
};
