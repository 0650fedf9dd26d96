import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UploadState } from '../../src/react/index.ts';
import { R2Uploader } from '../../src/react/index.ts';

const items = () => within(screen.getByRole('list', { name: 'Uploads' })).getAllByRole('listitem');

const upload = (index: number): UploadState =>
  ({ id: `u${index}`, name: `file-${index}.bin`, size: 16_384, type: 'application/octet-stream', status: 'uploading', loaded: 4_096, total: 16_384, mode: 'single' }) as UploadState;
const uploads = (count: number) => Array.from({ length: count }, (_, index) => upload(index));
const noop = () => {};

describe('R2Uploader.FileList with many uploads', () => {
  it('mounts 100 rows, says how many there are in a live region, and shows the rest by keyboard', async () => {
    const user = userEvent.setup();
    render(<R2Uploader.FileList uploads={uploads(250)} onCancel={noop} onRetry={noop} />);
    const list = screen.getByRole('list', { name: 'Uploads' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(100));
    const count = screen.getByText('Showing 100 of 250 uploads.');
    expect(count).toHaveAttribute('aria-live', 'polite');

    await user.tab();
    expect(within(list).getByRole('button', { name: 'Cancel upload of file-0.bin' })).toHaveFocus();
    const more = screen.getByRole('button', { name: 'Show more' });
    more.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(200));
    expect(screen.getByText('Showing 200 of 250 uploads.')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(250));
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    // 250 rows under jsdom on a loaded machine take seconds.
  }, 20_000);

  it('shows every row, with no count, up to the slice', async () => {
    render(<R2Uploader.FileList uploads={uploads(100)} onCancel={noop} onRetry={noop} slice={100} />);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(100));
    expect(screen.queryByText(/^Showing/)).not.toBeInTheDocument();
  });

  it('mounts 25 rows in the render that adds them, and the rest of the slice 25 per task after it', async () => {
    const { rerender } = render(<R2Uploader.FileList uploads={uploads(1_000)} onCancel={noop} onRetry={noop} />);
    expect(items()).toHaveLength(25);
    // The count names the slice at once, so the live region speaks once, not at every step.
    expect(screen.getByText('Showing 100 of 1000 uploads.')).toBeInTheDocument();
    await waitFor(() => expect(items()).toHaveLength(50));
    await waitFor(() => expect(items()).toHaveLength(100));
    expect(items()[99]).toHaveTextContent('file-99.bin');

    // Cleared, then (a task later, as a click and a pick are) 1,000 more: they start small again.
    rerender(<R2Uploader.FileList uploads={[]} onCancel={noop} onRetry={noop} />);
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    await act(() => new Promise((resolve) => setTimeout(resolve)));
    rerender(<R2Uploader.FileList uploads={uploads(1_000)} onCancel={noop} onRetry={noop} />);
    expect(items()).toHaveLength(25);
    await waitFor(() => expect(items()).toHaveLength(100));
  });
});

describe('<R2Uploader> picking 1,000 files', () => {
  const neverSigned = () => new Promise<never>(() => {});
  const files = () => Array.from({ length: 1_000 }, (_, index) => new File(['x'], `pick-${index}.txt`, { type: 'text/plain' }));

  it('returns from the change event with the first 25 rows, and shows 100 in later tasks', async () => {
    render(<R2Uploader getUploadUrl={neverSigned} />);
    // In-memory files are quick to make into uploads: in one slice, within the event, however busy the machine (the clock stands still).
    const clock = vi.spyOn(performance, 'now').mockReturnValue(0);
    try {
      fireEvent.change(screen.getByLabelText(/choose files/i), { target: { files: files() } });
    } finally {
      clock.mockRestore();
    }
    expect(items()).toHaveLength(25);
    expect(items()[0]).toHaveTextContent('pick-0.txt');
    expect(screen.getByText('Showing 100 of 1000 uploads.')).toBeInTheDocument();
    await waitFor(() => expect(items()).toHaveLength(100));
    expect(screen.getByRole('status')).toHaveTextContent('Uploading 1,000 files.');
  });

  it('builds its number formatter after mounting, before any file is picked', async () => {
    const NumberFormat = vi.spyOn(Intl, 'NumberFormat');
    try {
      // A locale no other test formats for, so that its formatters are not cached yet.
      await act(async () => void render(<R2Uploader getUploadUrl={neverSigned} locale="pt-BR" />));
      await waitFor(() => expect(NumberFormat).toHaveBeenCalledWith('pt-BR', expect.objectContaining({ style: 'percent' })));
      expect(screen.queryByRole('list')).not.toBeInTheDocument();
    } finally {
      NumberFormat.mockRestore();
    }
  });

  it('builds every formatter a row uses while idle, so the render that shows the first rows builds none', async () => {
    const NumberFormat = vi.spyOn(Intl, 'NumberFormat');
    try {
      // A locale no other test formats for, so that its formatters are not cached yet.
      await act(async () => void render(<R2Uploader getUploadUrl={neverSigned} locale="fr-CA" />));
      await waitFor(() => expect(NumberFormat).toHaveBeenCalledWith('fr-CA', expect.objectContaining({ unit: 'kilobyte-per-second' })));
      const built = NumberFormat.mock.calls.length;
      // Sizes in bytes and in kB, nothing sent yet.
      const picked = [new File(['x'], 'one.txt'), new File(['y'.repeat(1500)], 'two.txt')];
      fireEvent.change(screen.getByLabelText(/choose files/i), { target: { files: picked } });
      expect(items()).toHaveLength(2);
      expect(items()[1]).toHaveTextContent('1,5 ko');
      expect(NumberFormat).toHaveBeenCalledTimes(built);
    } finally {
      NumberFormat.mockRestore();
    }
  });
});

describe('R2Uploader.Announcer with many uploads', () => {
  it('says how many start and finish at once instead of a sentence per file, and each file when few', () => {
    const many = uploads(1_000).map((item) => ({ ...item, status: 'queued' as const, loaded: 0 }));
    const { rerender } = render(<R2Uploader.Announcer uploads={[]} />);
    rerender(<R2Uploader.Announcer uploads={many} />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Uploading 1,000 files\.$/);

    const finished = many.map((item, index) => (index < 10 ? { ...item, status: 'done' as const, loaded: item.total } : item));
    rerender(<R2Uploader.Announcer uploads={finished} />);
    expect(screen.getByRole('status')).toHaveTextContent(/^10 files uploaded\.$/);

    const failed = finished.map((item, index) => (index === 10 ? { ...item, status: 'canceled' as const } : item));
    rerender(<R2Uploader.Announcer uploads={failed} />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Upload of file-10\.bin canceled\.$/);
  });
});
