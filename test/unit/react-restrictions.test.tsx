import { fireEvent, render, screen, within } from '@testing-library/react';
import { http } from 'msw';
import { R2Uploader, type R2UploadError } from '../../src/react/index.ts';
import { createPresignHandlers } from '../../src/testing/index.ts';
import { useFakeUploadBackend } from '../support/fake-upload-backend.ts';
import { readableKey } from '../support/readable-key.ts';

const { endpoint, bucket, server } = useFakeUploadBackend();
/** Every file name the fake backend was asked to sign. */
const signed: string[] = [];

beforeEach(() => {
  server.events.on('request:start', async ({ request }) => {
    if (request.method !== 'POST') return;
    const action = new URL(request.url).searchParams.get('action');
    const body = (await request.clone().json()) as { filename: string } | { files: Array<{ filename: string }> };
    // Files are signed one by one, or several at once through sign-batch.
    if (action === null && 'filename' in body) signed.push(body.filename);
    if (action === 'sign-batch' && 'files' in body) signed.push(...body.files.map((file) => file.filename));
  });
});
afterEach(() => {
  server.events.removeAllListeners();
  signed.length = 0;
});

const row = (name: string) => within(screen.getByText(name).closest('li') as HTMLElement);
const drop = (files: File[]) => {
  const zone = screen.getByLabelText(/choose files/i).closest('label')!;
  fireEvent.drop(zone, { dataTransfer: { files, types: ['Files'] } });
};

describe('<R2Uploader> restrictions', () => {
  it('offers accept to the picker, and lists each refused file with its reason while the others upload', async () => {
    const onError = vi.fn<(error: R2UploadError, file: File) => void>();
    render(<R2Uploader endpoint={endpoint} accept={['image/*', '.pdf']} maxFileSize={10} maxFiles={3} onError={onError} />);
    expect(screen.getByLabelText(/choose files/i)).toHaveAttribute('accept', 'image/*,.pdf');

    drop([
      new File(['png'], 'ok.png', { type: 'image/png' }),
      new File(['x'.repeat(11)], 'big.png', { type: 'image/png' }),
      new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }),
      new File(['%PDF'], 'doc.pdf', { type: 'application/pdf' }),
      new File(['gif'], 'extra.gif', { type: 'image/gif' }),
      new File(['gif'], 'one-too-many.gif', { type: 'image/gif' }),
    ]);

    // Refusals are immediate, and announced.
    expect(screen.getByRole('status')).toHaveTextContent(/tool\.exe failed: Files of type application\/x-msdownload are not accepted/);
    expect(row('big.png').getByText('Files may be at most 10 bytes, and this one is 11 bytes.')).toBeInTheDocument();
    expect(row('tool.exe').getByText(/are not accepted \(accepted: image\/\*, \.pdf\)/)).toBeInTheDocument();
    expect(row('one-too-many.gif').getByText('At most 3 files may be uploaded.')).toBeInTheDocument();
    for (const name of ['big.png', 'tool.exe', 'one-too-many.gif']) expect(row(name).getByText('Refused')).toBeInTheDocument();
    for (const name of ['ok.png', 'doc.pdf', 'extra.gif']) expect(await row(name).findByText('Uploaded')).toBeInTheDocument();
    expect(bucket.keys().sort()).toEqual(['uploads/doc.pdf', 'uploads/extra.gif', 'uploads/ok.png']);
    expect(signed.sort()).toEqual(['doc.pdf', 'extra.gif', 'ok.png']);
    expect(onError.mock.calls.map(([error, file]) => `${file.name}:${error.reason}`)).toEqual([
      'big.png:file_too_large',
      'tool.exe:content_type_not_allowed',
      'one-too-many.gif:too_many_files',
    ]);
  });

  it('shows the fix under an error: a backend that is too slow', async () => {
    server.use(http.post(endpoint, () => new Promise<Response>(() => {})));
    render(<R2Uploader endpoint={endpoint} backendTimeout={30} />);
    drop([new File(['x'], 'slow.txt', { type: 'text/plain' })]);
    expect(await row('slow.txt').findByText('The upload backend did not answer within 0.03 seconds.')).toBeInTheDocument();
    expect(row('slow.txt').getByText(/raise backendTimeout/)).toHaveClass('r2u-hint');
    expect(row('slow.txt').getByRole('button', { name: 'Retry upload of slow.txt' })).toBeInTheDocument();
  });

  it('shows the CORS fix, with the wrangler command, when the bucket hides the ETag', async () => {
    bucket.hideEtag();
    render(<R2Uploader endpoint={endpoint} />);
    drop([new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    const hint = await row('notes.txt').findByText(/npx wrangler r2 bucket cors set <bucket> --file cors\.json/);
    expect(hint).toHaveTextContent(`"AllowedOrigins":["${location.origin}"]`);
    expect(hint).toHaveTextContent('"exposeHeaders":["ETag"]');
  });

  it('takes a route’s rules from the backend: the picker offers them, and what they refuse is never signed', async () => {
    server.use(...createPresignHandlers({ endpoint, bucket, key: readableKey, routes: { photos: { accept: 'image/*', maxFileSize: 100 } } }));
    render(<R2Uploader endpoint={endpoint} route="photos" />);
    // The page set no accept: the input gets the route's once GET ?action=config answered.
    await vi.waitFor(() => expect(screen.getByLabelText(/choose files/i)).toHaveAttribute('accept', 'image/*'));
    drop([new File(['x'], 'ok.png', { type: 'image/png' }), new File(['%PDF'], 'doc.pdf', { type: 'application/pdf' }), new File([new Uint8Array(500)], 'big.png', { type: 'image/png' })]);
    expect(await row('ok.png').findByText('Uploaded')).toBeInTheDocument();
    expect(row('doc.pdf').getByText('Files of type application/pdf are not accepted (accepted: image/*).')).toBeInTheDocument();
    expect(row('big.png').getByText('Refused')).toBeInTheDocument();
    expect(signed).toEqual(['ok.png']);
  });
});
