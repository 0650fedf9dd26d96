import { pageSlot } from '../page/page-runtime.js';
import type { UploadResult } from '../protocol/upload-protocol.js';
import type { MultipartTransfer } from './features.js';

/** What the engine keeps for one file beside its state in the store, for as long as the file is in the uploader. */
export interface UploadRecord {
  readonly id: string;
  /** The file's place in the queue: files are served in the order they were added, across every uploader of the page. */
  readonly priority: number;
  /** Aborts the current run (pause, cancel). */
  controller?: AbortController;
  /** The current run, until it unwinds. */
  running?: Promise<void>;
  /** A multipart upload kept between runs, until it completes or is discarded. */
  multipart?: MultipartTransfer;
  /** The file is the processed image already (`resizeImages`, `stripImageMetadata`): a retry does not process it again. */
  prepared?: boolean;
  /** Resolves the `upload()` or `retry()` call that waits for this file. */
  settle?: (result: UploadResult | undefined) => void;
}

/** The page's counts, so that ids and queue places never repeat across uploaders (or copies of the library). */
const counts = () => pageSlot('upload-counts@1', () => ({ uploaders: 0, files: 0 }));

/** An uploader's records, by upload id. `onSettle` hears of every file whose call was answered. */
export function createUploadRecords(onSettle: (id: string) => void) {
  const records = new Map<string, UploadRecord>();
  const prefix = `u${(counts().uploaders += 1)}${Math.random().toString(36).slice(2, 6)}`;
  let added = 0;

  return {
    /** A record for a new file; returns its id. */
    add(): string {
      const id = `${prefix}-${(added += 1)}`;
      records.set(id, { id, priority: (counts().files += 1) });
      return id;
    },
    get: (id: string) => records.get(id),
    /** Forgets a file that left the uploader. */
    remove: (id: string) => void records.delete(id),
    /** Starts a file's run; resolves with its result, or `undefined` when it fails or is canceled. */
    track(record: UploadRecord, start: () => void): Promise<UploadResult | undefined> {
      return new Promise((resolve) => {
        record.settle = resolve;
        start();
      });
    },
    settle(record: UploadRecord, result: UploadResult | undefined): void {
      onSettle(record.id);
      record.settle?.(result);
      record.settle = undefined;
    },
    /** Ends a multipart upload that will not complete (failed or canceled), leaving nothing in the bucket. */
    discard(record: UploadRecord): Promise<void> {
      const kept = record.multipart;
      record.multipart = undefined;
      return kept ? kept.discard() : Promise.resolve();
    },
  };
}
