import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { R2ObjectList } from '../../src/react/index.ts';
import type { ListHandlersOptions } from '../../src/testing/index.ts';
import { useFakeListBackend } from '../support/fake-list-backend.ts';

const endpoint = `${location.origin}/api/uploads`;
const { bucket, serve: serveAt } = useFakeListBackend();
const serve = (options: Partial<ListHandlersOptions> = {}) => serveAt(endpoint, options);

/** Renders under a fresh QueryClient, so no test sees another's cache. */
const show = (element: ReactElement) => render(<QueryClientProvider client={new QueryClient()}>{element}</QueryClientProvider>);
/** The download route's URL, encoded as the list encodes its links (form encoding: a space is `+`). */
const downloadUrl = (key: string) => `${endpoint}/download?${new URLSearchParams({ key })}`;
const images = () => screen.queryAllByRole('img');

function seed() {
  bucket.put('uploads/cat.png', 'not really a png', { contentType: 'image/png' });
  bucket.put('uploads/holiday photo.JPG', 'x'.repeat(2_000), { contentType: 'image/jpeg' });
  bucket.put('uploads/report.pdf', 'x'.repeat(30_000), { contentType: 'application/pdf' });
  bucket.put('uploads/notes', 'n');
}

describe('<R2ObjectList> thumbnails', () => {
  it('shows a lazy thumbnail from the download route in the name cell of image rows only', async () => {
    serve();
    seed();
    for (const key of ['uploads/a.jpeg', 'uploads/b.webp', 'uploads/c.gif', 'uploads/d.avif']) bucket.put(key, 'i');
    show(<R2ObjectList endpoint={endpoint} />);
    await screen.findByRole('table');

    const row = screen.getByRole('row', { name: /holiday photo\.JPG/ });
    const thumbnail = within(row).getByRole('img', { name: 'Preview of uploads/holiday photo.JPG' });
    expect(thumbnail).toHaveAttribute('src', downloadUrl('uploads/holiday photo.JPG'));
    expect(thumbnail.getAttribute('src')).toContain('key=uploads%2Fholiday+photo.JPG');
    expect(new URL(thumbnail.getAttribute('src')!).searchParams.get('key')).toBe('uploads/holiday photo.JPG');
    expect(thumbnail).toHaveAttribute('loading', 'lazy');
    expect(thumbnail).toHaveAttribute('decoding', 'async');
    expect(thumbnail).toHaveAttribute('width', '40');
    expect(thumbnail).toHaveAttribute('height', '40');
    // In the row header, before the name.
    const header = within(row).getByRole('rowheader');
    expect(header.querySelector(':scope > :first-child > :first-child')).toBe(thumbnail);
    expect(header).toHaveTextContent('uploads/holiday photo.JPG');

    expect(images().map((image) => image.getAttribute('alt'))).toEqual([
      'Preview of uploads/a.jpeg',
      'Preview of uploads/b.webp',
      'Preview of uploads/c.gif',
      'Preview of uploads/cat.png',
      'Preview of uploads/d.avif',
      'Preview of uploads/holiday photo.JPG',
    ]);
    for (const name of [/report\.pdf/, /uploads\/notes/]) expect(within(screen.getByRole('row', { name })).queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows none when the backend has no downloads, when downloads are not offered, or with thumbnails={false}', async () => {
    serve({ download: false });
    seed();
    const first = show(<R2ObjectList endpoint={endpoint} />);
    await screen.findByRole('table');
    expect(images()).toEqual([]);
    first.unmount();

    serve();
    for (const props of [{ allowDownload: false }, { thumbnails: false }]) {
      const { unmount } = show(<R2ObjectList endpoint={endpoint} {...props} />);
      await screen.findByRole('table');
      expect(images()).toEqual([]);
      unmount();
    }
  });

  it('hides a thumbnail that fails to load, and keeps the name', async () => {
    serve();
    seed();
    show(<R2ObjectList endpoint={endpoint} />);
    const thumbnail = await screen.findByRole('img', { name: 'Preview of uploads/cat.png' });
    fireEvent.error(thumbnail);
    expect(screen.queryByRole('img', { name: 'Preview of uploads/cat.png' })).not.toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'uploads/cat.png' })).toBeInTheDocument();
    expect(images()).toHaveLength(1);
  });
});

describe('<R2ObjectList view="grid">', () => {
  const cardNames = () => within(screen.getByRole('list', { name: 'Files' })).getAllByRole('listitem').map((card) => card.querySelector('.r2u-name')?.textContent);

  it('shows a card per object, named by it, with a large thumbnail or its extension, its size and its actions', async () => {
    serve();
    seed();
    show(<R2ObjectList endpoint={endpoint} view="grid" />);
    const grid = await screen.findByRole('list', { name: 'Files' });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(cardNames()).toEqual(['uploads/cat.png', 'uploads/holiday photo.JPG', 'uploads/notes', 'uploads/report.pdf']);

    const cat = within(grid).getByRole('listitem', { name: 'uploads/cat.png' });
    const thumbnail = within(cat).getByRole('img', { name: 'Preview of uploads/cat.png' });
    expect(thumbnail).toHaveAttribute('src', downloadUrl('uploads/cat.png'));
    expect(thumbnail).toHaveAttribute('loading', 'lazy');
    expect(thumbnail).toHaveAttribute('width', '160');

    const report = within(grid).getByRole('listitem', { name: 'uploads/report.pdf' });
    expect(within(report).queryByRole('img')).not.toBeInTheDocument();
    // The extension is for the eye: the name beside it says it already.
    expect(within(report).getByText('PDF')).toHaveAttribute('aria-hidden', 'true');
    expect(within(report).getByText('30 kB')).toBeInTheDocument();
    expect(within(report).getByRole('link', { name: 'Download uploads/report.pdf' })).toHaveAttribute('href', downloadUrl('uploads/report.pdf'));
    expect(within(report).getByRole('button', { name: 'Delete uploads/report.pdf' })).toBeInTheDocument();
  });

  it('shows the extension instead of an image that fails to load', async () => {
    serve();
    seed();
    show(<R2ObjectList endpoint={endpoint} view="grid" />);
    const cat = await screen.findByRole('listitem', { name: 'uploads/cat.png' });
    fireEvent.error(within(cat).getByRole('img'));
    expect(within(cat).queryByRole('img')).not.toBeInTheDocument();
    expect(within(cat).getByText('PNG')).toBeInTheDocument();
  });

  it('deletes from a card after the same confirmation, by keyboard, and keeps the focus in the grid', async () => {
    serve();
    seed();
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} view="grid" />);
    const card = await screen.findByRole('listitem', { name: 'uploads/report.pdf' });
    within(card).getByRole('button', { name: 'Delete uploads/report.pdf' }).focus();
    await user.keyboard('{Enter}');
    const confirm = within(card).getByRole('group', { name: 'Delete uploads/report.pdf?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(card).getByRole('button', { name: 'Delete uploads/report.pdf' })).toHaveFocus();
    expect(bucket.get('uploads/report.pdf')).toBeDefined();

    await user.keyboard('{Enter}');
    await user.click(within(card).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(cardNames()).toEqual(['uploads/cat.png', 'uploads/holiday photo.JPG', 'uploads/notes']));
    expect(bucket.get('uploads/report.pdf')).toBeUndefined();
    expect(screen.getByRole('list', { name: 'Files' })).toHaveFocus();
    expect(screen.getAllByRole('status').at(-1)).toHaveTextContent('uploads/report.pdf deleted.');
  });

  it('keeps the sort it starts with', async () => {
    serve();
    seed();
    show(<R2ObjectList endpoint={endpoint} view="grid" initialSort={{ by: 'size', direction: 'descending' }} />);
    await screen.findByRole('list', { name: 'Files' });
    expect(cardNames()).toEqual(['uploads/report.pdf', 'uploads/holiday photo.JPG', 'uploads/cat.png', 'uploads/notes']);
  });

  it('shows folders as cards that open in place', async () => {
    serve({ scope: 'users/7' });
    bucket.put('users/7/notes.txt', 'n');
    bucket.put('users/7/photos/cat.png', 'c');
    const user = userEvent.setup();
    show(<R2ObjectList endpoint={endpoint} view="grid" folders />);
    const open = await screen.findByRole('button', { name: 'Open folder photos/' });
    expect(open.closest('li')).toHaveClass('r2u-card');
    expect(cardNames()).toEqual(['photos/', 'notes.txt']);
    await user.click(open);
    await waitFor(() => expect(cardNames()).toEqual(['cat.png']));
    expect(screen.getByRole('img', { name: 'Preview of cat.png' })).toHaveAttribute('src', downloadUrl('users/7/photos/cat.png'));
  });
});
