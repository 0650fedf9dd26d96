import { pageSlot } from '../page/page-runtime.js';
import type { UploadResult } from '../protocol/upload-protocol.js';

/** What an uploader reports of a success: enough for a list to show the object at once. */
export type ReportedUpload = Pick<UploadResult, 'key' | 'size' | 'etag'>;

/**
 * Where uploaders drop their successes for the page's upload history. The
 * history takes them when it exists (a list, or `getUploadHistory()`, created
 * it), so a page with uploaders alone never loads the history's code or
 * touches `localStorage`.
 */
export interface UploadInbox {
  /** Successes reported before the history existed, oldest first, at most {@link UPLOAD_INBOX_LIMIT}. */
  pending: Array<[result: ReportedUpload, endpoint: string | undefined]>;
  /** Set by the history once it exists. */
  record?: (result: ReportedUpload, endpoint: string | undefined) => void;
}

/**
 * How many successes the inbox holds for a history that may never come: the
 * history keeps no more than this many (`UPLOAD_HISTORY_LIMIT`), so older ones
 * would be dropped on arrival anyway. A page that uploads for hours without a
 * list must not grow without end.
 */
export const UPLOAD_INBOX_LIMIT = 200;

/** The page's inbox, shared by every copy of the library on it. */
export function uploadInbox(): UploadInbox {
  return pageSlot<UploadInbox>('upload-inbox.v1', () => ({ pending: [] }));
}

/** Hands a success to the page's history, now or when it is created. */
export function reportUpload(result: ReportedUpload, endpoint: string | undefined): void {
  const inbox = uploadInbox();
  if (inbox.record) return inbox.record(result, endpoint);
  inbox.pending.push([{ key: result.key, size: result.size, etag: result.etag }, endpoint]);
  if (inbox.pending.length > UPLOAD_INBOX_LIMIT) inbox.pending.splice(0, inbox.pending.length - UPLOAD_INBOX_LIMIT);
}
