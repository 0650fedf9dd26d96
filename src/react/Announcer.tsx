import type { ReactElement } from 'react';
import type { UploadState } from '../core/types.js';
import { LiveRegion } from './LiveRegion.js';
import { useAnnouncements } from './use-announcements.js';

/** Props of {@link Announcer} (`R2Uploader.Announcer`). */
export interface AnnouncerProps {
  uploads: readonly UploadState[];
  /** A message of your own to announce instead, when it changes. */
  message?: string | undefined;
}

/**
 * A visually hidden polite live region that announces each start, every 25 %
 * of progress, each success, failure and cancellation, never each tick.
 */
export function Announcer({ uploads, message }: AnnouncerProps): ReactElement {
  const announced = useAnnouncements(uploads, message);
  return <LiveRegion message={announced} />;
}
