import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { R2Uploader, R2_UPLOADER_QUERY_KEY, type R2UploadError, type UploadResult } from '../../src/react/index.ts';
import { createPresignHandlers, md5Hex } from '../../src/testing/index.ts';
import { useFakeUploadBackend } from '../support/fake-upload-backend.ts';

const { endpoint, bucket, server } = useFakeUploadBackend();

const catPng = () => new File(['meow meow'], 'cat.png', { type: 'image/png' });
const input = () => screen.getByLabelText<HTMLInputElement>(/choose files/i);
const row = (name: string) => screen.getByText(name).closest('li') as HTMLElement;

describe('<R2Uploader>', () => {
  it('starts idle: a labelled file input in a drop zone, no list, an empty live region', () => {
    render(<R2Uploader endpoint={endpoint} />);
    expect(input()).toHaveAttribute('type', 'file');
    expect(input()).toHaveAttribute('multiple');
    expect(input()).toBeVisible();
    expect(input().closest('label')).toHaveClass('r2u-dropzone');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('uploads a picked file: uploading with a progress bar, then done with the ETag', async () => {
    bucket.delay(150);
    const onSuccess = vi.fn<(result: UploadResult, file: File) => void>();
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} onSuccess={onSuccess} />);

    await user.upload(input(), catPng());

    expect(await screen.findByText(/^Uploading… \d+%$/)).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Upload of cat.png' });
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(within(row('cat.png')).getByText('9 bytes')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel upload of cat.png' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Uploading cat.png.');

    expect(await within(row('cat.png')).findByText('Uploaded')).toBeInTheDocument();
    const stored = bucket.get('uploads/cat.png');
    expect(stored?.contentType).toBe('image/png');
    // msw 3 hands the XHR's File body over intact under jsdom (msw 2 sent the text "undefined").
    expect(new TextDecoder().decode(stored?.bytes)).toBe('meow meow');
    expect(stored?.etag).toBe(`"${md5Hex('meow meow')}"`);
    expect(within(row('cat.png')).getByText(stored!.etag)).toBeInTheDocument();
    expect(bar).toHaveAttribute('aria-valuenow', '100');
    expect(screen.queryByRole('button', { name: /cancel upload/i })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('cat.png uploaded.');
    expect(onSuccess).toHaveBeenCalledOnce();
    expect(onSuccess.mock.calls[0]?.[0]).toEqual({ key: 'uploads/cat.png', etag: stored!.etag, size: 9, contentType: 'image/png' });
  });

  it("shows the backend's own message when it refuses to sign", async () => {
    server.use(
      ...createPresignHandlers({
        endpoint,
        reject: () => ({ status: 413, code: 'too_large', message: 'Files must be under 5 bytes.' }),
      }),
    );
    const onError = vi.fn<(error: R2UploadError, file: File) => void>();
    render(<R2Uploader endpoint={endpoint} onError={onError} />);
    await userEvent.upload(input(), catPng());

    expect(await within(row('cat.png')).findByText('Files must be under 5 bytes.')).toBeInTheDocument();
    expect(within(row('cat.png')).getByText('Failed')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry upload of cat.png' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('cat.png failed: Files must be under 5 bytes.');
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'backend_error', status: 413, backendCode: 'too_large' });
    expect(bucket.keys()).toEqual([]);
  });

  it("shows the store's S3 error code and its fix, and a retry uploads the file", async () => {
    bucket.failNext({ status: 403, s3Code: 'SignatureDoesNotMatch' });
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} />);
    await user.upload(input(), catPng());

    const error = await within(row('cat.png')).findByText(/403 SignatureDoesNotMatch/);
    expect(error.closest('.r2u-error')).toBeInTheDocument();
    expect(within(row('cat.png')).getByText(/differs from what was signed/)).toHaveClass('r2u-hint');
    expect(bucket.keys()).toEqual([]);
    // The bar and the Retry button are described by the error and its fix.
    expect(screen.getByRole('progressbar', { name: 'Upload of cat.png' })).toHaveAccessibleDescription(/403 SignatureDoesNotMatch.*differs from what was signed/);
    expect(screen.getByRole('button', { name: 'Retry upload of cat.png' })).toHaveAccessibleDescription(/403 SignatureDoesNotMatch/);

    await user.click(screen.getByRole('button', { name: 'Retry upload of cat.png' }));
    expect(await within(row('cat.png')).findByText('Uploaded')).toBeInTheDocument();
    expect(within(row('cat.png')).queryByText(/SignatureDoesNotMatch/)).not.toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Upload of cat.png' })).not.toHaveAttribute('aria-describedby');
    expect(bucket.keys()).toEqual(['uploads/cat.png']);
  });

  it('names the CORS fix when the bucket hides the ETag', async () => {
    bucket.hideEtag();
    render(<R2Uploader endpoint={endpoint} />);
    await userEvent.upload(input(), catPng());
    expect(await within(row('cat.png')).findByText(/hide its ETag/)).toBeInTheDocument();
    expect(within(row('cat.png')).getByText(/ExposeHeaders: \["ETag"\]/)).toHaveClass('r2u-hint');
    expect(bucket.keys()).toEqual(['uploads/cat.png']);
  });

  it('cancels a running upload, keeping keyboard focus on the row’s button, which becomes Retry', async () => {
    bucket.delay(5_000);
    const onError = vi.fn();
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} onError={onError} />);
    await user.upload(input(), catPng());

    const cancel = await screen.findByRole('button', { name: 'Cancel upload of cat.png' });
    cancel.focus();
    await user.keyboard('{Enter}');

    expect(await within(row('cat.png')).findByText('Canceled')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Upload of cat.png canceled.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry upload of cat.png' }));
    expect(onError).not.toHaveBeenCalled();
    expect(bucket.keys()).toEqual([]);
  });

  it('pauses and resumes an upload from its row, announcing both and keeping keyboard focus', async () => {
    bucket.delay(400);
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} />);
    await user.upload(input(), catPng());

    const pause = await screen.findByRole('button', { name: 'Pause upload of cat.png' });
    pause.focus();
    await user.keyboard('{Enter}');
    expect(await within(row('cat.png')).findByText('Paused at 0%')).toBeInTheDocument();
    expect(row('cat.png')).toHaveAttribute('data-status', 'paused');
    expect(screen.getByRole('status')).toHaveTextContent('Upload of cat.png paused.');
    const resume = screen.getByRole('button', { name: 'Resume upload of cat.png' });
    expect(document.activeElement).toBe(resume);
    // A paused upload can still be canceled.
    expect(screen.getByRole('button', { name: 'Cancel upload of cat.png' })).toBeInTheDocument();
    expect(bucket.keys()).toEqual([]);

    await user.keyboard('{Enter}');
    // Renders are throttled to 30 a second, so the announcement may come one render window later.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Resuming cat.png.'));
    expect(await within(row('cat.png')).findByText('Uploaded', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /pause upload|resume upload/i })).not.toBeInTheDocument();
    expect(new TextDecoder().decode(bucket.get('uploads/cat.png')?.bytes)).toBe('meow meow');
  });

  it('shows a retry in the row, with its attempt and the error, then the upload completing', async () => {
    // Retry-After (exposed by the bucket's CORS) makes the wait exact, where full jitter could pick ~0.
    bucket.failNext({ status: 503, s3Code: 'SlowDown', retryAfter: 1 });
    const onError = vi.fn();
    render(<R2Uploader endpoint={endpoint} onError={onError} />);
    await userEvent.upload(input(), catPng());
    expect(await within(row('cat.png')).findByText(/^Retrying \(attempt 2\)…: The store refused the upload \(503 SlowDown\)/)).toBeInTheDocument();
    expect(row('cat.png')).toHaveAttribute('data-status', 'retrying');
    expect(await within(row('cat.png')).findByText('Uploaded', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(onError).not.toHaveBeenCalled();
    expect(bucket.keys()).toEqual(['uploads/cat.png']);
  });

  it('is operable by keyboard: Tab reaches the labelled input first', async () => {
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} label="Add photos" />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText(/add photos/i));
    expect(document.activeElement).toHaveAccessibleName(/^Add photos or drop them here$/);
  });

  it('marks drag-over, uploads every dropped file, and lists types outside `accept` as refused', async () => {
    render(<R2Uploader endpoint={endpoint} accept="image/*" />);
    const zone = input().closest('label')!;
    const files = [catPng(), new File(['woof'], 'dog.png', { type: 'image/png' }), new File(['MZ'], 'virus.exe', { type: 'application/x-msdownload' })];
    const dataTransfer = { files, types: ['Files'], dropEffect: 'none' };

    fireEvent.dragEnter(zone, { dataTransfer });
    expect(zone).toHaveAttribute('data-dragging');
    expect(zone).toHaveTextContent('Drop to upload them');
    fireEvent.drop(zone, { dataTransfer });
    expect(zone).not.toHaveAttribute('data-dragging');

    // The refused file is listed with its reason, without a Retry (it would be refused again).
    const refused = within(row('virus.exe'));
    expect(refused.getByText('Refused')).toBeInTheDocument();
    expect(refused.getByText('Files of type application/x-msdownload are not accepted (accepted: image/*).')).toBeInTheDocument();
    expect(refused.queryByRole('button')).not.toBeInTheDocument();
    expect(await within(row('cat.png')).findByText('Uploaded')).toBeInTheDocument();
    expect(await within(row('dog.png')).findByText('Uploaded')).toBeInTheDocument();
    expect(bucket.keys().sort()).toEqual(['uploads/cat.png', 'uploads/dog.png']);
  });

  it('clears finished uploads', async () => {
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} />);
    await user.upload(input(), catPng());
    await within(row('cat.png')).findByText('Uploaded');
    await user.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear finished' })).not.toBeInTheDocument();
  });

  it('disables picking and dropping', () => {
    render(<R2Uploader endpoint={endpoint} disabled />);
    expect(input()).toBeDisabled();
    const zone = input().closest('label')!;
    fireEvent.drop(zone, { dataTransfer: { files: [catPng()], types: ['Files'] } });
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('works without a QueryClientProvider, and invalidates r2-uploader queries in the app’s client when there is one', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<R2Uploader endpoint={endpoint} />);
    await user.upload(input(), catPng());
    await within(row('cat.png')).findByText('Uploaded');
    unmount();

    const queryClient = new QueryClient();
    queryClient.setQueryData([...R2_UPLOADER_QUERY_KEY, 'objects'], ['old.png']);
    queryClient.setQueryData(['unrelated'], 1);
    render(
      <QueryClientProvider client={queryClient}>
        <R2Uploader endpoint={endpoint} />
      </QueryClientProvider>,
    );
    expect(queryClient.getQueryState([...R2_UPLOADER_QUERY_KEY, 'objects'])?.isInvalidated).toBe(false);
    await user.upload(input(), catPng());
    await within(row('cat.png')).findByText('Uploaded');
    expect(queryClient.getQueryState([...R2_UPLOADER_QUERY_KEY, 'objects'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['unrelated'])?.isInvalidated).toBe(false);
  });
});
