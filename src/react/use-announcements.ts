import { useEffect, useRef, useState } from 'react';
import type { UploadState } from '../core/types.js';
import { announcedState, announcementFor, type AnnouncedState } from './announcement.js';
import { useR2Text } from './messages-context.js';

/**
 * The text for an `aria-live="polite"` region: starts, every 25 % of
 * progress, successes, failures and cancellations, never each progress tick;
 * and `extra`, one's own message, whenever it changes.
 */
export function useAnnouncements(uploads: readonly UploadState[], extra?: string): string {
  const previous = useRef(new Map<string, AnnouncedState>());
  const [message, setMessage] = useState('');
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
    if (sentences.length > 0) setMessage(sentences.join(' '));
  }, [uploads, t]);

  useEffect(() => {
    if (extra) setMessage(extra);
  }, [extra]);

  return message;
}
