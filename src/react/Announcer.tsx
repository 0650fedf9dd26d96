'use client';

import { useCallback, useRef, type ReactElement } from 'react';
import type { UploadState } from '../core/engine/types.js';
import { useAnnouncements } from './use-announcements.js';

/** Props of {@link Announcer} (`R2Uploader.Announcer`). */
export interface AnnouncerProps {
  uploads: readonly UploadState[];
  /** A message of your own to announce, when it changes. */
  message?: string | undefined;
}

/**
 * A visually hidden polite live region that announces each start, every 25 %
 * of progress, each success, failure and cancellation, never each tick. It
 * writes its text itself: with a thousand uploads, a render per announcement
 * would double the page's commits.
 */
export function Announcer({ uploads, message }: AnnouncerProps): ReactElement {
  const region = useRef<HTMLDivElement>(null);
  const say = useCallback((text: string) => {
    if (region.current) region.current.textContent = text;
  }, []);
  useAnnouncements(uploads, say, message);
  return <div ref={region} className="r2u-visually-hidden" role="status" aria-live="polite" aria-atomic="true" />;
}
