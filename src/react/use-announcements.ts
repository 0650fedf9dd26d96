import { useEffect, useRef } from 'react';
import type { UploadState } from '../core/types.js';
import { announcedState, announcementFor, type AnnouncedState } from './announcement.js';
import { useR2Text } from './messages-context.js';
import { isRunning } from './status-text.js';

/** Beyond this many starts (or successes) in one update, their count is said instead. */
const MAX_SENTENCES = 3;

/**
 * Calls `say` with what a polite live region should read: starts, every 25 %
 * of progress, successes, failures and cancellations, never each progress
 * tick; and `extra`, one's own message, whenever it changes. After the
 * commit, so that saying something never costs a render.
 */
export function useAnnouncements(uploads: readonly UploadState[], say: (message: string) => void, extra?: string): void {
  // Each upload as last seen, with what was said about it.
  const previous = useRef(new Map<string, [UploadState, AnnouncedState]>());
  const t = useR2Text();

  useEffect(() => {
    const sentences: string[] = [];
    // Starts and successes, by count: a thousand files must not make a thousand sentences.
    const started: Array<() => string> = [];
    const done: string[] = [];
    const seen = new Map<string, [UploadState, AnnouncedState]>();
    for (const upload of uploads) {
      const kept = previous.current.get(upload.id);
      // The store replaces only the uploads that change: one untouched since the last commit has nothing new to say.
      if (kept?.[0] === upload) {
        seen.set(upload.id, kept);
        continue;
      }
      const before = kept?.[1];
      seen.set(upload.id, [upload, announcedState(upload, before)]);
      const restarted = before === undefined || !isRunning(before.status);
      if (restarted && isRunning(upload.status)) {
        // Built only if few start: 1,000 files added at once are counted, not named.
        started.push(() => announcementFor(upload, before, t) ?? '');
        continue;
      }
      const sentence = announcementFor(upload, before, t);
      if (sentence) (!restarted && upload.status === 'done' ? done : sentences).push(sentence);
    }
    previous.current = seen;
    const count = (group: unknown[], summary: (count: number, formatted: string) => string) => [summary(group.length, t.count(group.length))];
    const all = [
      ...(started.length > MAX_SENTENCES ? count(started, t.announceStartMany) : started.map((sentence) => sentence())),
      ...(done.length > MAX_SENTENCES ? count(done, t.announceDoneMany) : done),
      ...sentences,
    ];
    if (all.length > 0) say(all.join(' '));
  }, [uploads, t, say]);

  useEffect(() => {
    if (extra) say(extra);
  }, [extra, say]);
}
