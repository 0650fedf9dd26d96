'use client';

import { useEffect, useState, type ReactElement } from 'react';
import type { UploadState } from '../core/engine/types.js';
import { cx, type R2UploaderClassNames } from './class-names.js';
import { FileRow, type FileRowProps } from './FileRow.js';
import { useR2Text } from './messages-context.js';
import { useWarmFormatters } from './use-warm-formatters.js';

/** Rows shown at first, and added by each "Show more". Mounting a thousand rows at once would block the page. */
export const ROW_SLICE = 100;

/**
 * Rows mounted by one render; the rest of the slice follows, this many per
 * task. A row costs about a quarter of a millisecond to mount, so a whole
 * slice in one go made the change event that added 1,000 files a long task.
 */
export const ROWS_PER_RENDER = 25;

/** Props of {@link FileList} (`R2Uploader.FileList`). */
export interface FileListProps extends Pick<FileRowProps, 'onCancel' | 'onRetry' | 'onPause' | 'onResume' | 'previews'> {
  uploads: readonly UploadState[];
  /** How many rows to show before "Show more". Default {@link ROW_SLICE}. */
  slice?: number | undefined;
  /** Extra class for the `<ul>`. */
  className?: string | undefined;
  /** Extra classes for each row's parts (`row`, `name`, `button`, ...). */
  classNames?: R2UploaderClassNames | undefined;
}

/**
 * The uploads as a labelled list of {@link FileRow}s, `slice` rows at a time:
 * beyond them, a count of what is shown (a polite live region) and a "Show
 * more" button, both reachable by keyboard. Rows mount
 * {@link ROWS_PER_RENDER} per task, so adding many files never blocks the page.
 */
export function FileList({ uploads, slice = ROW_SLICE, className, classNames, ...actions }: FileListProps): ReactElement | null {
  const t = useR2Text();
  const [shown, setShown] = useState(slice);
  // Rows mounted before this render's step.
  const [mounted, setMounted] = useState(0);
  const count = Math.min(shown, uploads.length, mounted + ROWS_PER_RENDER);
  // Each step is followed by the next in a task of its own, so the browser paints and handles input in between; once
  // uploads are cleared, the count comes down the same way, so the next batch starts small again.
  useEffect(() => {
    setTimeout(() => setMounted(count));
  }, [count]);
  useWarmFormatters(t);
  if (uploads.length === 0) return null;
  return (
    <>
      <ul className={cx('r2u-list', className, classNames?.list)} aria-label={t.uploads}>
        {uploads.slice(0, count).map((upload) => (
          <FileRow key={upload.id} upload={upload} {...actions} classNames={classNames} />
        ))}
      </ul>
      {shown < uploads.length ? (
        <p className="r2u-more">
          {/* The slice's size, not the rows mounted so far: the count changes once per "Show more", not per step. */}
          <span aria-live="polite">{t.showing(shown, uploads.length)}</span>{' '}
          <button type="button" className={cx('r2u-button', classNames?.button)} onClick={() => setShown(shown + slice)}>
            {t.showMore}
          </button>
        </p>
      ) : null}
    </>
  );
}
