import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import { R2MessagesProvider, R2ObjectList, R2Uploader, type R2Messages } from '../../src/react/index.ts';
import { en } from '../../src/react/messages.ts';
import { de } from '../../src/locales/de.ts';
import { useFakeListBackend } from '../support/fake-list-backend.ts';

const endpoint = `${location.origin}/api/uploads`;
const { bucket, server, serve } = useFakeListBackend();

const NAMES = ['cat.png', 'big.bin', 'huge.bin', 'uploads/cat.png', 'uploads/a.txt', 'docs/'];
const ARGS = ['12%', '1 kB', '2 kB'];

/**
 * Every English string the components can show, for these tests' file names:
 * static messages, and function messages called with each name. Strings German
 * shares (`ETag`, `Name`, `Uploads`) are left out: they are German too.
 */
function englishStrings(): string[] {
  const found = new Set<string>();
  const germanToo = new Set<string>();
  const visit = (english: unknown, german: unknown) => {
    if (typeof english === 'string') {
      found.add(english.trim());
      if (english === german) germanToo.add(english.trim());
    } else if (typeof english === 'function') {
      for (const name of NAMES) {
        const call = (fn: unknown, ...args: unknown[]) => String((fn as (...a: unknown[]) => unknown)(...args));
        for (const args of [[name, ...ARGS], [true, false], [false, false], [true, true], [1, 3], ['cancel', name], ['retry', name], ['pause', name], ['resume', name]]) {
          const text = call(english, ...args);
          found.add(text);
          if (text === call(german, ...args)) germanToo.add(text);
        }
      }
    } else if (english && typeof english === 'object') {
      for (const key of Object.keys(english)) visit((english as Record<string, unknown>)[key], (german as Record<string, unknown>)[key]);
    }
  };
  visit(en, de);
  return [...found].filter((text) => text.length > 2 && !germanToo.has(text) && !NAMES.includes(text));
}

/** Text and accessible names, values and descriptions on the page, except what is marked English (`lang="en"`: developer hints). */
function pageWords(): string {
  const clone = document.body.cloneNode(true) as HTMLElement;
  for (const english of clone.querySelectorAll('[lang="en"]')) english.remove();
  const attributes = [...clone.querySelectorAll('*')].flatMap((element) =>
    ['aria-label', 'aria-valuetext', 'data-label', 'title'].map((name) => element.getAttribute(name) ?? ''),
  );
  return [clone.textContent ?? '', ...attributes].join('\n');
}

function expectNoEnglish() {
  const words = pageWords();
  const english = englishStrings().filter((text) => words.includes(text));
  expect(english).toEqual([]);
}

const german = (element: ReactElement) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <R2MessagesProvider messages={de} locale="de">
        {element}
      </R2MessagesProvider>
    </QueryClientProvider>,
  );

const file = (name: string, size: number) => new File(['x'.repeat(size)], name, { type: 'application/octet-stream' });

describe('German (r2-uploader/locales/de)', () => {
  it('the English list of strings the check looks for is not empty', () => {
    expect(englishStrings()).toEqual(expect.arrayContaining(['Choose files', 'Cancel upload of cat.png', 'Uploaded', 'No files yet.', 'Load more']));
  });

  it('idle, uploading, done, failed and refused rows, the live region: no English word, German numbers', async () => {
    serve(endpoint);
    bucket.delay(300);
    bucket.failNext({ status: 403, s3Code: 'SignatureDoesNotMatch' });
    const user = userEvent.setup();
    german(<R2Uploader endpoint={endpoint} maxFileSize={1_500} retry={false} />);
    expectNoEnglish();

    const input = screen.getByLabelText(/^Dateien auswählen/);
    expect(screen.getByText('oder hierher ziehen')).toBeInTheDocument();
    await user.upload(input, [file('big.bin', 1_200), file('huge.bin', 2_000)]);
    expect(await screen.findByText('Abgelehnt')).toBeInTheDocument();
    expect(screen.getByText('Die Datei ist zu groß.')).toBeInTheDocument();
    // German number formatting: a decimal comma, the unit words of German.
    expect(screen.getByText('1,2 kB')).toBeInTheDocument();

    const failed = await screen.findByRole('button', { name: 'Upload von big.bin wiederholen' });
    expect(screen.getByText('Der Speicher hat die Datei abgelehnt.')).toBeInTheDocument();
    // The developer hint stays English, marked as such.
    expect(failed).toHaveAccessibleDescription(/^Der Speicher hat die Datei abgelehnt. .*Content-Type/);
    expect(document.querySelector('.r2u-hint')).toHaveAttribute('lang', 'en');
    expectNoEnglish();

    await user.click(failed);
    expect(await screen.findByRole('button', { name: 'Upload von big.bin abbrechen' })).toBeInTheDocument();
    expect(await screen.findByText(/^Wird hochgeladen… \d+ %$/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Upload von big.bin' })).toHaveAttribute('aria-valuetext', expect.stringMatching(/^\d+\s%\s\(.* von 1,2\skB\)$/));
    expectNoEnglish();

    const row = screen.getByText('big.bin').closest('li')!;
    expect(await within(row).findByText('Hochgeladen', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('big.bin hochgeladen.');
    expect(screen.getByRole('button', { name: 'Abgeschlossene entfernen' })).toBeInTheDocument();
    expectNoEnglish();
  });

  it('the object list: loading, rows with German dates and sizes, load more, empty and error states', async () => {
    serve(endpoint);
    bucket.put('uploads/cat.png', 'x'.repeat(1_500), { lastModified: new Date(Date.UTC(2026, 2, 5, 12)) });
    bucket.put('uploads/a.txt', 'x', { lastModified: new Date(Date.UTC(2026, 2, 6, 12)) });
    german(<R2ObjectList endpoint={endpoint} pageSize={1} />);
    expect(screen.getByText('Dateien werden geladen…')).toBeInTheDocument();
    expectNoEnglish();

    const table = await screen.findByRole('table', { name: 'Dateien' });
    expect(within(table).getByRole('button', { name: 'Größe' })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'uploads/a.txt löschen' })).toBeInTheDocument();
    expect(within(table).getByText(/05\.03\.2026|06\.03\.2026|\d+\. März 2026/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mehr laden' })).toBeInTheDocument();
    expectNoEnglish();
  });

  it('the empty list and the failed list', async () => {
    serve(endpoint);
    const { unmount } = german(<R2ObjectList endpoint={endpoint} />);
    expect(await screen.findByText('Noch keine Dateien.')).toBeInTheDocument();
    expectNoEnglish();
    unmount();

    server.use(http.get(endpoint, () => HttpResponse.json({ error: { code: 'forbidden', message: 'nope' } }, { status: 403 })));
    german(<R2ObjectList endpoint={endpoint} />);
    expect(await screen.findByText('Die Dateien konnten nicht geladen werden: Der Server hat den Upload abgelehnt.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Erneut versuchen' })).toBeInTheDocument();
    expectNoEnglish();
  });

  it('takes partial overrides, per prop, over a provider and the English defaults', async () => {
    const overrides: Partial<R2Messages> = { choose: () => 'Pick photos' };
    render(<R2Uploader endpoint={endpoint} messages={{ ...overrides, status: { done: 'Stored' } }} />);
    expect(screen.getByLabelText(/^Pick photos/)).toBeInTheDocument();
    expect(screen.getByText('or drop them here')).toBeInTheDocument();
  });
});
