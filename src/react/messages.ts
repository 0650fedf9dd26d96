import type { R2UploadErrorCode } from '../core/errors/upload-error.js';
import type { FileRejectionReason } from '../core/policy/rules.js';
import type { UploadStatus } from '../core/engine/types.js';

/** A row's buttons: what each does to an upload. */
export type UploadAction = 'cancel' | 'retry' | 'pause' | 'resume';

/**
 * Every word the components show or announce. Functions take what they
 * interpolate already formatted for the locale (sizes, percents, dates), so a
 * translation never needs `Intl` itself. Override any part with the `messages`
 * prop or `<R2MessagesProvider>`; the rest stays English.
 */
export interface R2Messages {
  /** The drop zone's main text, which names the file input. */
  choose: (multiple: boolean) => string;
  /** The drop zone's smaller text; `dragging` while files hover over it. */
  dropHint: (multiple: boolean, dragging: boolean) => string;
  /** Shown when several files reach an uploader that takes one. */
  onlyOne: (name: string) => string;
  /** The accessible name of the list of uploads. */
  uploads: string;
  clearFinished: string;
  /** Each status as a row shows it (`uploading` and `paused` take the percent). */
  status: Record<UploadStatus, string>;
  uploading: (percent: string) => string;
  /** A running upload's speed and, once known, its time left ("3.2 MB/s · 12 sec left"), both already formatted. */
  speed: (rate: string, timeLeft: string | undefined) => string;
  /** The line over the list while several files upload: how many (and as the locale writes it), and the percent of all their bytes. */
  summary: (count: number, formatted: string, percent: string) => string;
  pausedAt: (percent: string) => string;
  /** `attempt` is undefined before the first retry; `reason` is the error being retried, if any. */
  retrying: (attempt: number | undefined, reason: string | undefined) => string;
  /** The status of a file a rule refused. */
  refused: string;
  /** A progress bar's name and value text. */
  progressLabel: (name: string) => string;
  progressValue: (percent: string, loaded: string, total: string) => string;
  /** The accessible name (alt text) of an image's thumbnail, in upload rows and in the object list. */
  preview: (name: string) => string;
  /** A button's text, and its accessible name with the file ("Cancel upload of cat.png"). */
  action: Record<UploadAction, string>;
  actionLabel: (action: UploadAction, name: string) => string;
  etag: string;
  /** The live region's sentences. */
  announceStart: (name: string) => string;
  /** Each 25 % step; `timeLeft`, when known, is rounded for speech ("20 seconds", "3 minutes"). */
  announceProgress: (name: string, percent: string, timeLeft?: string) => string;
  announcePaused: (name: string) => string;
  announceResumed: (name: string) => string;
  announceDone: (name: string) => string;
  announceFailed: (name: string, error: string) => string;
  announceCanceled: (name: string) => string;
  /** Said instead of one sentence per file when many start, or finish, at once: the count, and as the locale writes it. */
  announceStartMany: (count: number, formatted: string) => string;
  announceDoneMany: (count: number, formatted: string) => string;
  /** Announced when only some rows are shown: how many there are in all. */
  showing: (shown: number, total: number) => string;
  showMore: string;
  /**
   * A user-facing summary per error code, or per `file_rejected` reason (the
   * reason wins). Where none is given, the error's own (English) `message` is
   * shown. A `validate` refusal always shows the app's own message.
   */
  errors: Partial<Record<R2UploadErrorCode | FileRejectionReason, string>>;

  /** `<R2ObjectList>`: its default caption, and the caption's suffix for this browser's uploads. */
  files: string;
  fromBrowser: string;
  folders: string;
  openFolder: (name: string) => string;
  columns: { name: string; size: string; lastModified: string; etag: string; actions: string };
  loading: string;
  empty: string;
  emptyFolder: string;
  emptyHistory: string;
  loadFailed: (error: string) => string;
  retry: string;
  loadMore: string;
  loadingMore: string;
  copy: string;
  copyLabel: (name: string) => string;
  copied: (name: string) => string;
  copyFailed: (name: string) => string;
  download: string;
  downloadLabel: (name: string) => string;
  downloadFailed: (name: string, error: string) => string;
  delete: string;
  deleteLabel: (name: string) => string;
  confirmDelete: (name: string) => string;
  yesDelete: string;
  deleting: string;
  cancel: string;
  deleted: (name: string) => string;
  deleteFailed: (name: string, error: string) => string;
}

/** The English defaults. */
export const en: R2Messages = {
  choose: (multiple) => (multiple ? 'Choose files' : 'Choose a file'),
  dropHint: (multiple, dragging) => (dragging ? 'Drop to upload ' : 'or drop ') + (multiple ? 'them' : 'it') + (dragging ? '' : ' here'),
  onlyOne: (name) => `Only one file at a time: uploading ${name} only.`,
  uploads: 'Uploads',
  clearFinished: 'Clear finished',
  status: {
    queued: 'Waiting',
    signing: 'Preparing…',
    uploading: 'Uploading…',
    retrying: 'Retrying…',
    paused: 'Paused',
    done: 'Uploaded',
    error: 'Failed',
    canceled: 'Canceled',
  },
  uploading: (percent) => `Uploading… ${percent}`,
  speed: (rate, timeLeft) => (timeLeft ? `${rate} · ${timeLeft} left` : rate),
  summary: (count, formatted, percent) => `Uploading ${formatted} ${count === 1 ? 'file' : 'files'}: ${percent}`,
  pausedAt: (percent) => `Paused at ${percent}`,
  retrying: (attempt, reason) => `Retrying${attempt === undefined ? '' : ` (attempt ${attempt})`}…${reason ? `: ${reason}` : ''}`,
  refused: 'Refused',
  progressLabel: (name) => `Upload of ${name}`,
  progressValue: (percent, loaded, total) => `${percent} (${loaded} of ${total})`,
  preview: (name) => `Preview of ${name}`,
  action: { cancel: 'Cancel', retry: 'Retry', pause: 'Pause', resume: 'Resume' },
  actionLabel: (action, name) => `${en.action[action]} upload of ${name}`,
  etag: 'ETag',
  announceStart: (name) => `Uploading ${name}.`,
  announceProgress: (name, percent, timeLeft) => `${name}: ${percent} uploaded${timeLeft ? `, about ${timeLeft} left` : ''}.`,
  announcePaused: (name) => `Upload of ${name} paused.`,
  announceResumed: (name) => `Resuming ${name}.`,
  announceDone: (name) => `${name} uploaded.`,
  announceFailed: (name, error) => `${name} failed: ${error}`,
  announceCanceled: (name) => `Upload of ${name} canceled.`,
  announceStartMany: (_, count) => `Uploading ${count} files.`,
  announceDoneMany: (_, count) => `${count} files uploaded.`,
  showing: (shown, total) => `Showing ${shown} of ${total} uploads.`,
  showMore: 'Show more',
  errors: {},

  files: 'Files',
  fromBrowser: ' (uploaded from this browser)',
  folders: 'Folders',
  openFolder: (name) => `Open folder ${name}`,
  columns: { name: 'Name', size: 'Size', lastModified: 'Last modified', etag: 'ETag', actions: 'Actions' },
  loading: 'Loading files…',
  empty: 'No files yet.',
  emptyFolder: 'This folder is empty.',
  emptyHistory: 'No uploads from this browser yet.',
  loadFailed: (error) => `The files could not be loaded: ${error}`,
  retry: 'Retry',
  loadMore: 'Load more',
  loadingMore: 'Loading more…',
  copy: 'Copy',
  copyLabel: (name) => `Copy ETag of ${name}`,
  copied: (name) => `ETag of ${name} copied.`,
  copyFailed: (name) => `The ETag of ${name} could not be copied.`,
  download: 'Download',
  downloadLabel: (name) => `Download ${name}`,
  downloadFailed: (name, error) => `${name} could not be downloaded: ${error}`,
  delete: 'Delete',
  deleteLabel: (name) => `Delete ${name}`,
  confirmDelete: (name) => `Delete ${name}?`,
  yesDelete: 'Yes, delete',
  deleting: 'Deleting…',
  cancel: 'Cancel',
  deleted: (name) => `${name} deleted.`,
  deleteFailed: (name, error) => `${name} could not be deleted: ${error}`,
};
