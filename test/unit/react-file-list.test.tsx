import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UploadState } from '../../src/react/index.ts';
import { R2Uploader } from '../../src/react/index.ts';

const upload = (index: number): UploadState =>
  ({ id: `u${index}`, name: `file-${index}.bin`, size: 16_384, type: 'application/octet-stream', status: 'uploading', loaded: 4_096, total: 16_384, mode: 'single' }) as UploadState;
const uploads = (count: number) => Array.from({ length: count }, (_, index) => upload(index));
const noop = () => {};

describe('R2Uploader.FileList with many uploads', () => {
  it('mounts 100 rows, says how many there are in a live region, and shows the rest by keyboard', async () => {
    const user = userEvent.setup();
    render(<R2Uploader.FileList uploads={uploads(250)} onCancel={noop} onRetry={noop} />);
    const list = screen.getByRole('list', { name: 'Uploads' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(100);
    const count = screen.getByText('Showing 100 of 250 uploads.');
    expect(count).toHaveAttribute('aria-live', 'polite');

    await user.tab();
    expect(within(list).getByRole('button', { name: 'Cancel upload of file-0.bin' })).toHaveFocus();
    const more = screen.getByRole('button', { name: 'Show more' });
    more.focus();
    await user.keyboard('{Enter}');
    expect(within(list).getAllByRole('listitem')).toHaveLength(200);
    expect(screen.getByText('Showing 200 of 250 uploads.')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(within(list).getAllByRole('listitem')).toHaveLength(250);
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    // 250 rows under jsdom on a loaded machine take seconds.
  }, 20_000);

  it('shows every row, with no count, up to the slice', () => {
    render(<R2Uploader.FileList uploads={uploads(100)} onCancel={noop} onRetry={noop} slice={100} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(100);
    expect(screen.queryByText(/^Showing/)).not.toBeInTheDocument();
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
