import { pageSlot } from '../page/page-runtime.js';
import { UPLOAD_INBOX_LIMIT, uploadInbox, type ReportedUpload } from './upload-inbox.js';

/** One upload completed in this browser, as kept in `localStorage`. */
export interface RecentUpload {
  key: string;
  size: number;
  etag: string;
  /** When it completed, in milliseconds since the epoch (this browser's clock). */
  time: number;
  /** The endpoint it was uploaded through, resolved to an absolute URL; absent for `getUploadUrl` uploads. */
  endpoint?: string;
}

/**
 * A recent upload as the page holds it. `seq` orders the uploads completed
 * in this page (1, 2, ...); entries read from storage have 0. Lists show an
 * entry before their server confirms it only when its `seq` is newer than
 * their last fetch.
 */
export interface HistoryEntry extends RecentUpload {
  seq: number;
}

/** The `localStorage` key of the history. */
export const UPLOAD_HISTORY_STORAGE_KEY = 'r2-uploader:recent-uploads';

/** How many uploads the history keeps, newest first. */
export const UPLOAD_HISTORY_LIMIT = UPLOAD_INBOX_LIMIT;

/** A stored value longer than this is not ours, or broken: ignored unread. 200 entries of 1 KiB keys fit easily. */
const MAX_STORED_LENGTH = 512 * 1024;

/** Keys are at most 1,024 bytes of UTF-8, which is never fewer than their UTF-16 length. */
const MAX_KEY_LENGTH = 1024;

/** A stored entry's known fields, if they are valid and within the store's limits. */
function recentUpload(value: unknown): RecentUpload | undefined {
  const { key, size, etag, time, endpoint } = Object(value) as Record<string, unknown>;
  const valid =
    typeof key === 'string' && key !== '' && key.length <= MAX_KEY_LENGTH &&
    Number.isSafeInteger(size) && (size as number) >= 0 &&
    typeof etag === 'string' && etag.length <= 256 &&
    Number.isFinite(time) &&
    (endpoint === undefined || (typeof endpoint === 'string' && endpoint.length <= 2048));
  return valid ? ({ key, size, etag, time, ...(endpoint === undefined ? {} : { endpoint }) } as RecentUpload) : undefined;
}

/**
 * The history in a stored value, newest first. Anything unexpected (not
 * JSON, too long, another shape, single broken entries) is dropped rather
 * than thrown: the history is a convenience and must never break a page.
 */
export function parseUploadHistory(stored: string | null | undefined): RecentUpload[] {
  if (!stored || stored.length > MAX_STORED_LENGTH) return [];
  let uploads: unknown;
  try {
    uploads = (Object(JSON.parse(stored)) as { uploads?: unknown }).uploads;
  } catch {
    return [];
  }
  return Array.isArray(uploads) ? uploads.flatMap((upload) => recentUpload(upload) ?? []).slice(0, UPLOAD_HISTORY_LIMIT) : [];
}

/** An endpoint as an absolute URL, so `/api/upload` and `http://host/api/upload` are one endpoint. */
export function resolveEndpoint(endpoint: string): string {
  try {
    return new URL(endpoint, globalThis.location?.href).href;
  } catch {
    return endpoint;
  }
}

/** The uploads of this browser, shared by every uploader and list on the page. */
export interface UploadHistory {
  /** Newest first; the same array until something changes. */
  getSnapshot(): readonly HistoryEntry[];
  subscribe(listener: () => void): () => void;
  /** Adds a completed upload (and stores it, when storage works). */
  record(result: ReportedUpload, endpoint: string | undefined): void;
  /** Forgets an object uploaded through `endpoint` or through no endpoint, for example once it is deleted. */
  forget(key: string, endpoint: string | undefined): void;
  /** The `seq` of the newest upload recorded on this page (0 for none). */
  lastSeq(): number;
  /** Forgets everything. */
  clear(): void;
}

/** `localStorage`, or null where it is missing or throws (Safari private mode, sandboxed frames, SSR). */
function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const idOf = (upload: RecentUpload) => `${upload.endpoint}\n${upload.key}`;

/**
 * A history kept in `storage` (default `localStorage`; `null` for none) and
 * in memory, so it works without storage too. Each change starts from what
 * storage holds, so uploads from other tabs are kept. Tests create their own;
 * apps share `getUploadHistory()`.
 */
export function createUploadHistory(storage: Storage | null = defaultStorage()): UploadHistory {
  let seq = 0;
  let entries: readonly HistoryEntry[] = [];
  const listeners = new Set<() => void>();
  /** What storage holds, with this page's `seq` kept; the memory's entries when it cannot be read. */
  const stored = (): readonly HistoryEntry[] => {
    let uploads: RecentUpload[];
    try {
      if (!storage) return entries;
      uploads = parseUploadHistory(storage.getItem(UPLOAD_HISTORY_STORAGE_KEY));
    } catch {
      return entries;
    }
    const ours = new Map(entries.map((entry) => [idOf(entry), entry.seq]));
    return uploads.map((upload) => ({ ...upload, seq: ours.get(idOf(upload)) ?? 0 }));
  };
  const change = (edit: (current: readonly HistoryEntry[]) => readonly HistoryEntry[]) => {
    entries = edit(stored());
    try {
      storage?.setItem(UPLOAD_HISTORY_STORAGE_KEY, JSON.stringify({ uploads: entries.map(({ seq: _seq, ...upload }) => upload) }));
    } catch {
      // Quota exceeded or storage disabled: from now on the history lives in memory only.
      storage = null;
    }
    for (const listener of [...listeners]) listener();
  };
  entries = stored();
  return {
    getSnapshot: () => entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    record({ key, size, etag }, endpoint) {
      seq += 1;
      const entry: HistoryEntry = { key, size, etag, time: Date.now(), ...(endpoint === undefined ? {} : { endpoint: resolveEndpoint(endpoint) }), seq };
      // Newest first, one entry per key and endpoint, capped.
      change((current) => [entry, ...current.filter((other) => idOf(other) !== idOf(entry))].slice(0, UPLOAD_HISTORY_LIMIT));
    },
    forget(key, endpoint) {
      const resolved = endpoint === undefined ? undefined : resolveEndpoint(endpoint);
      change((current) => current.filter((entry) => entry.key !== key || (entry.endpoint !== undefined && entry.endpoint !== resolved)));
    },
    lastSeq: () => seq,
    clear: () => change(() => []),
  };
}

/** The page's upload history, shared by every copy of the library on the page, so uploaders and lists always meet. */
export function getUploadHistory(): UploadHistory {
  return pageSlot('upload-history.v1', () => {
    const history = createUploadHistory();
    // Uploads that finished before anything read the history join it now, in order.
    const inbox = uploadInbox();
    for (const [result, endpoint] of inbox.pending.splice(0)) history.record(result, endpoint);
    inbox.record = (result, endpoint) => history.record(result, endpoint);
    return history;
  });
}
