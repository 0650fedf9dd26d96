import type { UploadResult } from '../core/protocol/upload-protocol.js';

/**
 * Where uploaders drop their successes for the page's upload history. The
 * history takes them when it exists (a list, or `getUploadHistory()`, created
 * it), so a page with uploaders alone never loads the history's code.
 */
export interface UploadInbox {
  /** Successes reported before the history existed, oldest first. */
  pending: Array<[result: Pick<UploadResult, 'key' | 'size' | 'etag'>, endpoint: string | undefined]>;
  /** Set by the history once it exists. */
  record?: (result: Pick<UploadResult, 'key' | 'size' | 'etag'>, endpoint: string | undefined) => void;
}

/** One inbox per page, even when two copies of this module are bundled. */
const PAGE_INBOX = Symbol.for('r2-uploader.upload-inbox.v1');

export function uploadInbox(): UploadInbox {
  const holder = globalThis as typeof globalThis & { [PAGE_INBOX]?: UploadInbox };
  return (holder[PAGE_INBOX] ??= { pending: [] });
}

/** Hands a success to the page's history, now or when it is created. */
export function reportUpload(result: Pick<UploadResult, 'key' | 'size' | 'etag'>, endpoint: string | undefined): void {
  const inbox = uploadInbox();
  if (inbox.record) inbox.record(result, endpoint);
  else inbox.pending.push([result, endpoint]);
}
