import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactElement } from 'react';
import { expect, within } from 'storybook/test';
import { de } from '../src/locales/de.ts';
import { getUploadHistory, R2MessagesProvider, R2ObjectList, R2Uploader } from '../src/react/index.ts';
import { createListHandlers, createPresignHandlers } from '../src/testing/index.ts';
import { endpoint, fileOf, readableKey, storyBucket } from './story-kit.tsx';

/**
 * The uploader and the list in German: `r2-uploader/locales/de` through
 * `<R2MessagesProvider messages={de} locale="de">`. Sizes, percents and dates
 * are formatted by `Intl` for `de`; the developer hint under an error stays
 * English and is marked `lang="en"`.
 */
function German(): ReactElement {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <R2MessagesProvider messages={de} locale="de">
        <div lang="de" style={{ maxWidth: 560, display: 'grid', gap: 16 }}>
          <R2Uploader endpoint={endpoint} maxFileSize={5_000} retry={false} />
          <R2ObjectList endpoint={endpoint} />
        </div>
      </R2MessagesProvider>
    </QueryClientProvider>
  );
}

const bucket = storyBucket();

const meta = {
  title: 'Components/Locales',
  component: German,
  tags: ['autodocs'],
  parameters: {
    msw: { handlers: [...createPresignHandlers({ endpoint, bucket, key: readableKey }), ...createListHandlers({ endpoint, bucket, download: true, delete: true }), ...bucket.handlers] },
  },
  beforeEach: () => {
    bucket.reset();
    bucket.put('uploads/bericht.pdf', 'x'.repeat(12_345), { lastModified: new Date(Date.UTC(2026, 10, 2, 9, 30)) });
    localStorage.clear();
    getUploadHistory().clear();
  },
} satisfies Meta<typeof German>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Uploads one file, has one refused and one fail at the store: every word German, numbers with a decimal comma. */
export const Deutsch: Story = {
  play: async ({ canvas, userEvent }) => {
    const table = await canvas.findByRole('table', { name: 'Dateien' });
    await expect(within(table).getByText('12,3 kB')).toBeVisible();
    await expect(within(table).getByRole('button', { name: 'uploads/bericht.pdf löschen' })).toBeVisible();

    await userEvent.upload(canvas.getByLabelText(/^Dateien auswählen/), [fileOf('foto.jpg', 1_500, 'image/jpeg'), fileOf('video.mp4', 9_000, 'video/mp4')]);
    const uploads = within(canvas.getByRole('list', { name: 'Uploads' }));
    await expect(await uploads.findByText('Hochgeladen', {}, { timeout: 5_000 })).toBeVisible();
    await expect(uploads.getByText('Abgelehnt')).toBeVisible();
    await expect(uploads.getByText('Die Datei ist zu groß.')).toBeVisible();
    await expect(uploads.getByText('1,5 kB')).toBeVisible();
    await expect(await within(table).findByRole('rowheader', { name: 'uploads/foto.jpg' }, { timeout: 5_000 })).toBeVisible();

    bucket.failNext({ status: 403, s3Code: 'AccessDenied' });
    await userEvent.upload(canvas.getByLabelText(/^Dateien auswählen/), fileOf('scan.png', 800, 'image/png'));
    const retry = await canvas.findByRole('button', { name: 'Upload von scan.png wiederholen' }, { timeout: 5_000 });
    await expect(retry).toHaveAccessibleDescription(/^Der Speicher hat die Datei abgelehnt\./);
    await expect(canvas.getByRole('button', { name: 'Abgeschlossene entfernen' })).toBeVisible();
  },
};
