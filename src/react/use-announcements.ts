import { useEffect, useRef } from 'react';
import type { UploadState } from '../core/types.js';
import { announcedState, announcementFor, type AnnouncedState } from './announcement.js';
import { useR2Text } from './messages-context.js';

/**
 * Calls `say` with what a polite live region should read: starts, every 25 %
 * of progress, successes, failures and cancellations, never each progress
 * tick; and `extra`, one's own message, whenever it changes. After the
 * commit, so that saying something never costs a render.
 */
export function useAnnouncements(uploads: readonly UploadState[], say: (message: string) => void, extra?: string): void {
  const previous = useRef(new Map<string, AnnouncedState>());
  const t = useR2Text();

  useEffect(() => {
    const sentences: string[] = [];
    const seen = new Map<string, AnnouncedState>();
    for (const upload of uploads) {
      const before = previous.current.get(upload.id);
      const sentence = announcementFor(upload, before, t);
      if (sentence) sentences.push(sentence);
      seen.set(upload.id, announcedState(upload, before));
    }
    previous.current = seen;
    if (sentences.length > 0) say(sentences.join(' '));
  }, [uploads, t, say]);

  useEffect(() => {
    if (extra) say(extra);
  }, [extra, say]);
}
