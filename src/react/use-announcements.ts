import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadState } from '../core/types.js';
import { announcedState, announcementFor, type AnnouncedState } from './announcement.js';

/**
 * The text for an `aria-live="polite"` region: starts, every 25 % of
 * progress, successes, failures and cancellations, never each progress tick.
 * `announce` adds a message of one's own.
 */
export function useAnnouncements(uploads: readonly UploadState[]): { message: string; announce: (message: string) => void } {
  const previous = useRef(new Map<string, AnnouncedState>());
  const [message, setMessage] = useState('');

  useEffect(() => {
    const sentences: string[] = [];
    const seen = new Map<string, AnnouncedState>();
    for (const upload of uploads) {
      const before = previous.current.get(upload.id);
      const sentence = announcementFor(upload, before);
      if (sentence) sentences.push(sentence);
      seen.set(upload.id, announcedState(upload, before));
    }
    previous.current = seen;
    if (sentences.length > 0) setMessage(sentences.join(' '));
  }, [uploads]);

  const announce = useCallback((text: string) => setMessage(text), []);
  return { message, announce };
}
