import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadState, UploadStatus } from '../core/types.js';
import { isRunning } from './status-text.js';

/** The sentence a status change is announced with, or undefined for changes not worth announcing. */
function announcementFor(upload: UploadState, previous: UploadStatus | undefined): string | undefined {
  const wasRunning = previous !== undefined && isRunning(previous);
  if (upload.status === 'paused') return previous === 'paused' ? undefined : `Upload of ${upload.name} paused.`;
  if (previous === 'paused' && isRunning(upload.status)) return `Resuming ${upload.name}.`;
  if (isRunning(upload.status)) return wasRunning ? undefined : `Uploading ${upload.name}.`;
  if (upload.status === previous) return undefined;
  if (upload.status === 'done') return `${upload.name} uploaded.`;
  if (upload.status === 'error') return `${upload.name} failed: ${upload.error?.message ?? 'unknown error'}`;
  return `Upload of ${upload.name} canceled.`;
}

/**
 * The text for an `aria-live="polite"` region: starts, successes, failures and
 * cancellations, never progress ticks. `announce` adds a message of one's own.
 */
export function useAnnouncements(uploads: readonly UploadState[]): { message: string; announce: (message: string) => void } {
  const previous = useRef(new Map<string, UploadStatus>());
  const [message, setMessage] = useState('');

  useEffect(() => {
    const sentences: string[] = [];
    const seen = new Map<string, UploadStatus>();
    for (const upload of uploads) {
      const sentence = announcementFor(upload, previous.current.get(upload.id));
      if (sentence) sentences.push(sentence);
      seen.set(upload.id, upload.status);
    }
    previous.current = seen;
    if (sentences.length > 0) setMessage(sentences.join(' '));
  }, [uploads]);

  const announce = useCallback((text: string) => setMessage(text), []);
  return { message, announce };
}
