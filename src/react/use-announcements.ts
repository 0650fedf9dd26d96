'use client';

import { useEffect, useRef } from 'react';
import type { UploadState } from '../core/engine/types.js';
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
  const previous = useRef(new Map<string, AnnouncedState>());
  const t = useR2Text();

  useEffect(() => {
    const sentences: string[] = [];
    // Starts and successes, by count: a thousand files must not make a thousand sentences.
    const started: string[] = [];
    const done: string[] = [];
    const seen = new Map<string, AnnouncedState>();
    for (const upload of uploads) {
      const before = previous.current.get(upload.id);
      const sentence = announcementFor(upload, before, t);
      if (sentence) (before === undefined || !isRunning(before.status) ? (isRunning(upload.status) ? started : sentences) : upload.status === 'done' ? done : sentences).push(sentence);
      seen.set(upload.id, announcedState(upload, before));
    }
    previous.current = seen;
    const many = (group: string[], summary: (count: number, formatted: string) => string) =>
      group.length > MAX_SENTENCES ? [summary(group.length, t.count(group.length))] : group;
    const all = [...many(started, t.announceStartMany), ...many(done, t.announceDoneMany), ...sentences];
    if (all.length > 0) say(all.join(' '));
  }, [uploads, t, say]);

  useEffect(() => {
    if (extra) say(extra);
  }, [extra, say]);
}
