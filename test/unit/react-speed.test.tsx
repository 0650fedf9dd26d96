import { render, screen } from '@testing-library/react';
import type { UploadState } from '../../src/core/engine/types.ts';
import { announcementFor, announcedState } from '../../src/react/announcement.ts';
import { formatDuration, formatRate } from '../../src/react/format.ts';
import { R2MessagesProvider, R2Uploader } from '../../src/react/index.ts';
import { resolveText } from '../../src/react/messages-context.tsx';
import { en } from '../../src/react/messages.ts';
import { de } from '../../src/locales/de.ts';

const file = new File(['x'], 'clip.mp4', { type: 'video/mp4' });
const uploading = (patch: Partial<UploadState> = {}): UploadState => ({
  id: '1', name: 'clip.mp4', size: 100_000_000, type: 'video/mp4', status: 'uploading', loaded: 40_000_000, total: 100_000_000, file, ...patch,
});
const noop = () => undefined;

describe('speed and time left', () => {
  it('format as the locale writes them, as precise as they are worth', () => {
    expect(formatRate(3_240_000, 'en')).toBe('3.2 MB/s');
    expect(formatRate(850, 'en')).toBe('850 byte/s');
    expect(formatRate(3_240_000, 'de')).toBe('3,2 MB/s');
    expect(formatDuration(12, 'en')).toBe('12 sec');
    expect(formatDuration(0.2, 'en')).toBe('1 sec');
    expect(formatDuration(185, 'en')).toBe('3 min');
    expect(formatDuration(5_400, 'en')).toBe('1.5 hr');
    // Read aloud: tens of seconds, words in full.
    expect(formatDuration(12, 'en', true)).toBe('20 seconds');
    expect(formatDuration(185, 'en', true)).toBe('3 minutes');
  });

  it('show in a running row after its status, and not before they are measured', () => {
    const { rerender } = render(<R2Uploader.FileRow upload={uploading()} onCancel={noop} onRetry={noop} />);
    expect(screen.getByText('Uploading… 40%')).toBeInTheDocument();
    expect(document.querySelector('.r2u-speed')).toBeNull();
    rerender(<R2Uploader.FileRow upload={uploading({ bytesPerSecond: 3_240_000, secondsLeft: 19 })} onCancel={noop} onRetry={noop} classNames={{ speed: 'mine' }} />);
    const speed = screen.getByText('3.2 MB/s · 19 sec left');
    expect(speed).toHaveClass('r2u-speed', 'mine');
    // Inside the status, so a screen reader reads it with "Uploading… 40%".
    expect(speed.closest('.r2u-status')).toHaveTextContent('Uploading… 40%3.2 MB/s · 19 sec left');
  });

  it('are German with the German messages', () => {
    render(
      <R2MessagesProvider messages={de} locale="de">
        <R2Uploader.FileRow upload={uploading({ bytesPerSecond: 3_240_000, secondsLeft: 19 })} onCancel={noop} onRetry={noop} />
      </R2MessagesProvider>,
    );
    expect(screen.getByText('3,2 MB/s · noch 19 Sek.')).toBeInTheDocument();
  });

  it('are announced only at the 25 % steps, rounded for speech', () => {
    const t = resolveText(en, {}, 'en');
    let previous = announcedState(uploading({ loaded: 10_000_000 }), undefined);
    const between = uploading({ loaded: 20_000_000, bytesPerSecond: 1_000_000, secondsLeft: 80 });
    expect(announcementFor(between, previous, t)).toBeUndefined();
    previous = announcedState(between, previous);
    expect(announcementFor(uploading({ loaded: 50_000_000, bytesPerSecond: 1_000_000, secondsLeft: 50 }), previous, t)).toBe('clip.mp4: 50% uploaded, about 50 seconds left.');
    expect(announcementFor(uploading({ loaded: 50_000_000 }), previous, t)).toBe('clip.mp4: 50% uploaded.');
    // German writes a no-break space before the percent sign.
    expect(announcementFor(uploading({ loaded: 50_000_000, secondsLeft: 50 }), previous, resolveText(de, {}, 'de'))?.replace(/\s/g, ' ')).toBe('clip.mp4: 50 % hochgeladen, noch etwa 50 Sekunden.');
  });
});
