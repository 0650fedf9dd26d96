import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import { R2ObjectList, R2Uploader, type DownloadTarget } from '../../src/react/index.ts';
import type { ListHandlersOptions } from '../../src/testing/index.ts';
import { useFakeListBackend } from '../support/fake-list-backend.ts';

const endpoint = `${location.origin}/api/uploads`;
const { bucket, server, requests, serve: serveAt } = useFakeListBackend();
const serve = (options: Partial<ListHandlersOptions> = {}) => serveAt(endpoint, options);

/** Renders under a fresh QueryClient, so no test sees another's cache. */
const show = (element: ReactElement) => render(<QueryClientProvider client={new QueryClient()}>{element}</QueryClientProvider>);
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
const rowNames = () => within(screen.getByRole('table')).getAllByRole('rowheader').map((cell) => cell.textContent);

function seed() {
  bucket.put('uploads/b-medium.txt', 'x'.repeat(2_500), { lastModified: day(3) });
  bucket.put('uploads/a-large.bin', 'x'.repeat(1_500_000), { lastModified: day(1) });
  bucket.put('uploads/c-small.txt', 'x', { lastModified: day(2) });
}

describe('<R2ObjectList>', () => {
  it('shows a table named by its caption: name as row header, readable size, date, short ETag, actions', async () => {
    serve();
    seed();
    show(<R2ObjectList endpoint={endpoint} />);
    const table = await screen.findByRole('table', { name: 'Files' });
    // The sort arrow is aria-hidden: the headers' names are the words alone.
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent?.replace(/ [▲▼]$/, ''))).toEqual(['Name', 'Size', 'Last modified', 'ETag', 'Actions']);
    expect(rowNames()).toEqual(['uploads/a-large.bin', 'uploads/b-medium.txt', 'uploads/c-small.txt']);

    const row = screen.getByRole('row', { name: /a-large\.bin/ });
    expect(within(row).getByText('1.5 MB')).toBeInTheDocument();
    expect(within(row).getByText((_text, element) => element?.tagName === 'TIME')).toHaveAttribute('datetime', day(1).toISOString());
    const etag = bucket.get('uploads/a-large.bin')!.etag.replaceAll('"', '');
    expect(within(row).getByText(`${etag.slice(0, 8)}…`)).toHaveAttribute('title', etag);
    expect(within(row).getByRole('link', { name: 'Download uploads/a-large.bin' })).toHaveAttribute('href', `${endpoint}/download?key=uploads%2Fa-large.bin`);
    expect(within(row).getByRole('button', { name: 'Delete uploads/a-large.bin' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Copy ETag of uploads/a-large.bin' })).toBeInTheDocument();
  });

  it('sorts by name, size and date, saying so with aria-sort', async () => {
    serve();
    seed();
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} />);
    await screen.findByRole('table');
    const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(name) });
    expect(header('Name')).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByRole('button', { name: /Size/ }));
    expect(header('Size')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Name')).not.toHaveAttribute('aria-sort');
    expect(rowNames()).toEqual(['uploads/c-small.txt', 'uploads/b-medium.txt', 'uploads/a-large.bin']);
    await user.click(screen.getByRole('button', { name: /Size/ }));
    expect(header('Size')).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()).toEqual(['uploads/a-large.bin', 'uploads/b-medium.txt', 'uploads/c-small.txt']);

    await user.click(screen.getByRole('button', { name: /Last modified/ }));
    expect(rowNames()).toEqual(['uploads/a-large.bin', 'uploads/c-small.txt', 'uploads/b-medium.txt']);
    // Keyboard: the header buttons are reachable and work with Enter.
    screen.getByRole('button', { name: /Name/ }).focus();
    await user.keyboard('{Enter}{Enter}');
    expect(header('Name')).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()).toEqual(['uploads/c-small.txt', 'uploads/b-medium.txt', 'uploads/a-large.bin']);
  });

  it('deletes only after a confirmation, which starts on Cancel', async () => {
    serve();
    seed();
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} />);
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Delete uploads/c-small.txt' }));
    const confirm = screen.getByRole('group', { name: 'Delete uploads/c-small.txt?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Delete uploads/c-small.txt' })).toHaveFocus();
    expect(bucket.get('uploads/c-small.txt')).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Delete uploads/c-small.txt' }));
    await user.click(within(screen.getByRole('group', { name: 'Delete uploads/c-small.txt?' })).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(rowNames()).toEqual(['uploads/a-large.bin', 'uploads/b-medium.txt']));
    expect(bucket.get('uploads/c-small.txt')).toBeUndefined();
    expect(screen.getByRole('table')).toHaveFocus();
    expect(screen.getAllByRole('status').at(-1)).toHaveTextContent('uploads/c-small.txt deleted.');
  });

  it('shows a failed delete and keeps the row', async () => {
    serve({ reject: (request) => (request.method === 'DELETE' ? { status: 409, code: 'locked', message: 'The file is on legal hold.' } : undefined) });
    seed();
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} />);
    await user.click(await screen.findByRole('button', { name: 'Delete uploads/c-small.txt' }));
    await user.click(within(screen.getByRole('group')).getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText('uploads/c-small.txt could not be deleted: The file is on legal hold.', { selector: 'p' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Delete uploads/c-small.txt' })).toHaveFocus();
    expect(rowNames()).toHaveLength(3);
  });

  it('offers neither download nor delete when the backend does not, nor when told not to', async () => {
    serve({ download: false, delete: false });
    seed();
    const { unmount } = show(<R2ObjectList endpoint={endpoint} />);
    await screen.findByRole('table');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
    unmount();
    serve();
    show(<R2ObjectList endpoint={endpoint} allowDownload={false} allowDelete={false} />);
    await screen.findByRole('table');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
  });

  it('copies the full ETag, without quotes, and says so', async () => {
    serve();
    seed();
    const user = userEvent.setup();
    // jsdom has no clipboard (user-event installs a stub in setup(): replace it after).
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    show(<R2ObjectList endpoint={endpoint} />);
    await user.click(await screen.findByRole('button', { name: 'Copy ETag of uploads/c-small.txt' }));
    expect(writeText).toHaveBeenCalledWith(bucket.get('uploads/c-small.txt')!.etag.replaceAll('"', ''));
    await waitFor(() => expect(screen.getAllByRole('status').at(-1)).toHaveTextContent('ETag of uploads/c-small.txt copied.'));
  });

  it('opens folders and goes back through the breadcrumb', async () => {
    serve({ scope: 'users/7' });
    bucket.put('users/7/notes.txt', 'n');
    bucket.put('users/7/photos/cat.png', 'c');
    bucket.put('users/7/photos/2024/dog.png', 'd');
    bucket.put('users/8/secret.txt', 's');
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} folders />);
    const crumbs = await screen.findByRole('navigation', { name: 'Folders' });
    await waitFor(() => expect(rowNames()).toEqual(['photos/', 'notes.txt']));
    expect(within(crumbs).getByRole('button', { name: 'Files' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'Open folder photos/' }));
    await waitFor(() => expect(rowNames()).toEqual(['2024/', 'cat.png']));
    await user.click(screen.getByRole('button', { name: 'Open folder 2024/' }));
    await waitFor(() => expect(rowNames()).toEqual(['dog.png']));
    expect(within(crumbs).getAllByRole('button').map((button) => button.textContent)).toEqual(['Files', 'photos', '2024']);
    expect(within(crumbs).getByRole('button', { name: '2024' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(crumbs).getByRole('button', { name: 'photos' }));
    await waitFor(() => expect(rowNames()).toEqual(['2024/', 'cat.png']));
    await user.click(within(crumbs).getByRole('button', { name: 'Files' }));
    await waitFor(() => expect(rowNames()).toEqual(['photos/', 'notes.txt']));
    expect(requests.map((request) => new URL(request.url).searchParams.get('prefix'))).not.toContain('users/8/');
  });

  it('shows loading, then "Load more" until every page is in', async () => {
    serve({ delay: 50 });
    for (let i = 1; i <= 5; i++) bucket.put(`uploads/${i}.txt`, String(i));
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} pageSize={2} />);
    expect(screen.getByText('Loading files…')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(rowNames()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(screen.getByRole('button', { name: 'Loading more…' })).toBeDisabled();
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rowNames()).toHaveLength(5));
    expect(screen.queryByRole('button', { name: /Load more/ })).not.toBeInTheDocument();
  });

  it('says when there is nothing, and when a folder is empty', async () => {
    serve();
    show(<R2ObjectList endpoint={endpoint} />);
    expect(await screen.findByText('No files yet.')).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows an error with a Retry that works', async () => {
    let failing = true;
    serve({ reject: () => (failing ? { status: 403, code: 'forbidden', message: 'Sign in to see your files.' } : undefined) });
    seed();
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The files could not be loaded: Sign in to see your files.');
    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rowNames()).toHaveLength(3));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('falls back to this browser’s uploads when the backend cannot list', async () => {
    serve();
    server.use(http.get(endpoint, () => new HttpResponse('Not found', { status: 404 })));
    const user = userEvent.setup();
    show(
      <>
        <R2Uploader endpoint={endpoint} />
        <R2ObjectList endpoint={endpoint} />
      </>,
    );
    expect(await screen.findByText('No uploads from this browser yet.')).toBeVisible();
    await user.upload(screen.getByLabelText(/choose files/i), new File(['hello'], 'hello.txt', { type: 'text/plain' }));
    expect(await screen.findByRole('table', { name: 'Files (uploaded from this browser)' })).toBeVisible();
    expect(rowNames()).toEqual(['uploads/hello.txt']);
  });

  it('fetches the download URL with the app’s headers when a plain link could not send them', async () => {
    serve();
    seed();
    const user = userEvent.setup();
    const onDownload = vi.fn<(target: DownloadTarget) => void>();
    show(<R2ObjectList endpoint={endpoint} headers={{ authorization: 'Bearer abc' }} onDownload={onDownload} />);
    const link = await screen.findByRole('link', { name: 'Download uploads/c-small.txt' });
    let followed: boolean | undefined;
    const onClick = (event: MouseEvent) => void (followed = !event.defaultPrevented);
    document.addEventListener('click', onClick);
    await user.click(link);
    document.removeEventListener('click', onClick);
    expect(followed).toBe(false);
    await waitFor(() => expect(requests.some((request) => new URL(request.url).pathname.endsWith('/download'))).toBe(true));
    const asked = requests.find((request) => new URL(request.url).pathname.endsWith('/download'));
    expect(asked?.headers.get('authorization')).toBe('Bearer abc');
    expect(new URL(asked!.url).searchParams.get('key')).toBe('uploads/c-small.txt');
    await waitFor(() => expect(onDownload).toHaveBeenCalledWith(expect.objectContaining({ key: 'uploads/c-small.txt', url: `${bucket.url}/uploads/c-small.txt` })));
  });
});
