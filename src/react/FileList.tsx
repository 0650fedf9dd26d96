import { useState, type ReactElement } from 'react';
import type { UploadState } from '../core/types.js';
import { cx, type R2UploaderClassNames } from './class-names.js';
import { FileRow, type FileRowProps } from './FileRow.js';
import { useR2Text } from './messages-context.js';

/** Rows shown at first, and added by each "Show more". Mounting a thousand rows at once would block the page. */
export const ROW_SLICE = 100;

/** Props of {@link FileList} (`R2Uploader.FileList`). */
export interface FileListProps extends Pick<FileRowProps, 'onCancel' | 'onRetry' | 'onPause' | 'onResume'> {
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
 * more" button, both reachable by keyboard.
 */
export function FileList({ uploads, slice = ROW_SLICE, className, classNames, ...actions }: FileListProps): ReactElement | null {
  const t = useR2Text();
  const [shown, setShown] = useState(slice);
  if (uploads.length === 0) return null;
  const rows = uploads.length > shown ? uploads.slice(0, shown) : uploads;
  return (
    <>
      <ul className={cx('r2u-list', className, classNames?.list)} aria-label={t.uploads}>
        {rows.map((upload) => (
          <FileRow key={upload.id} upload={upload} {...actions} classNames={classNames} />
        ))}
      </ul>
      {rows.length < uploads.length ? (
        <p className="r2u-more">
          <span aria-live="polite">{t.showing(rows.length, uploads.length)}</span>{' '}
          <button type="button" className={cx('r2u-button', classNames?.button)} onClick={() => setShown(shown + slice)}>
            {t.showMore}
          </button>
        </p>
      ) : null}
    </>
  );
}
