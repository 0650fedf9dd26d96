import { memo, useId, type ReactElement } from 'react';
import type { UploadState } from '../core/types.js';
import { cx, type R2UploaderClassNames } from './class-names.js';
import { formatBytes } from './format.js';
import { ProgressBar } from './ProgressBar.js';
import { uploadProgress } from './progress.js';
import { detailedStatusText, isPausable, isRunning } from './status-text.js';

/** Props of {@link FileRow}. */
export interface FileRowProps {
  upload: UploadState;
  onCancel: (id: string) => void;
  onRetry: (id: string) => void;
  /** Shows a Pause button while the upload runs. */
  onPause?: (id: string) => void;
  /** Shows a Resume button while the upload is paused. */
  onResume?: (id: string) => void;
  classNames?: R2UploaderClassNames;
}

/**
 * One upload: name, size, progress, status, then the ETag or the error and its fix.
 * Memoized: with thousands of rows, a progress tick re-renders only its own row.
 */
export const FileRow = memo(function FileRow({ upload, onCancel, onRetry, onPause, onResume, classNames = {} }: FileRowProps): ReactElement {
  const { id, name, size, status, etag, error } = upload;
  const { percent, loaded } = uploadProgress(upload);
  const running = isRunning(status);
  // A refused file would be refused again: the file itself is the problem.
  const refused = error?.code === 'file_rejected';
  const retryable = (status === 'error' && !refused) || status === 'canceled';
  const paused = status === 'paused';
  const pausable = isPausable(status) && onPause !== undefined;
  // The bar and the Retry button point at the error, so it is read along with them.
  const errorId = useId();
  const describedBy = status === 'error' && error ? errorId : undefined;
  return (
    <li className={cx('r2u-row', classNames.row)} data-status={status}>
      <div className="r2u-row-head">
        <span className={cx('r2u-name', classNames.name)}>{name}</span>
        <span className={cx('r2u-size', classNames.size)}>{formatBytes(size)}</span>
      </div>
      <ProgressBar
        value={percent}
        label={`Upload of ${name}`}
        valueText={`${percent}% (${formatBytes(loaded)} of ${formatBytes(size)})`}
        describedBy={describedBy}
        className={classNames.progress}
        barClassName={classNames.bar}
      />
      <div className="r2u-row-foot">
        <span className={cx('r2u-status', classNames.status)}>
          {refused && status === 'error' ? 'Refused' : detailedStatusText(upload, percent)}
        </span>
        {pausable || (paused && onResume) ? (
          // Like Cancel/Retry: one keyed button that changes from Pause to Resume keeps keyboard focus.
          <button
            key="pause"
            type="button"
            className={cx('r2u-button', classNames.button)}
            aria-label={`${paused ? 'Resume' : 'Pause'} upload of ${name}`}
            onClick={() => (paused ? onResume?.(id) : onPause?.(id))}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
        ) : null}
        {running || retryable ? (
          // One keyed button that changes from Cancel to Retry keeps keyboard focus where it was.
          <button
            key="action"
            type="button"
            className={cx('r2u-button', classNames.button)}
            aria-label={`${running ? 'Cancel' : 'Retry'} upload of ${name}`}
            aria-describedby={describedBy}
            onClick={() => (running ? onCancel(id) : onRetry(id))}
          >
            {running ? 'Cancel' : 'Retry'}
          </button>
        ) : null}
      </div>
      {status === 'done' && etag ? (
        <p className={cx('r2u-etag', classNames.etag)}>
          ETag <code>{etag}</code>
        </p>
      ) : null}
      {status === 'error' && error ? (
        <div id={errorId} className={cx('r2u-error', classNames.error)}>
          <p>{error.message}</p>
          {error.hint ? <p className={cx('r2u-hint', classNames.hint)}>{error.hint}</p> : null}
        </div>
      ) : null}
    </li>
  );
});
