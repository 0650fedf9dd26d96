'use client';

import { memo, useId, useState, type ReactElement } from 'react';
import type { UploadState } from '../core/engine/types.js';
import { cx, type R2UploaderClassNames } from './class-names.js';
import type { UploadAction } from './messages.js';
import { useR2Text } from './messages-context.js';
import { ProgressBar } from './ProgressBar.js';
import { uploadProgress } from '../core/engine/progress.js';
import { rowStatus } from './row-status.js';
import { Speed } from './Speed.js';
import { isPausable, isRunning } from './status-text.js';
import { usePreview } from './use-preview.js';

/** Props of {@link FileRow} (`R2Uploader.FileRow`). */
export interface FileRowProps {
  upload: UploadState;
  onCancel: (id: string) => unknown;
  onRetry: (id: string) => unknown;
  /** Shows a Pause button while the upload runs. */
  onPause?: ((id: string) => unknown) | undefined;
  /** Shows a Resume button while the upload is paused. */
  onResume?: ((id: string) => unknown) | undefined;
  /** Extra class for the row. */
  className?: string | undefined;
  /** Extra classes for the row's parts. */
  classNames?: R2UploaderClassNames | undefined;
  /** Shows a thumbnail of an image file. Default `true`. */
  previews?: boolean | undefined;
}

/**
 * One upload as an `<li>`: name, size, progress, status, then the ETag or the
 * error and its fix. Memoized: with thousands of rows, a progress tick
 * re-renders only its own row.
 */
export const FileRow = /* @__PURE__ */ memo(function FileRow({ upload, onCancel, onRetry, onPause, onResume, className, classNames, previews = true }: FileRowProps): ReactElement {
  const t = useR2Text();
  const { id, name, size, status, etag, error } = upload;
  // The file as it was picked: a resized copy replacing it would only make the same thumbnail again.
  const [picked] = useState<File | undefined>(upload.file);
  const image = previews && upload.type.startsWith('image/');
  const preview = usePreview(picked, { enabled: image });
  const progress = uploadProgress(upload);
  const { percent, loaded } = progress;
  const running = isRunning(status);
  // A refused file would be refused again: the file itself is the problem.
  const retryable = (status === 'error' && error?.code !== 'file_rejected') || status === 'canceled';
  const paused = status === 'paused';
  // The bar and the Retry button point at the error, so it is read along with them.
  const errorId = useId();
  const failed = status === 'error' && error;
  const describedBy = failed ? errorId : undefined;
  const button = (action: UploadAction, run: ((id: string) => unknown) | undefined, key: string) => (
    // One keyed button per place, whose action changes (Cancel → Retry, Pause → Resume), keeps keyboard focus where it was.
    <button key={key} type="button" className={cx('r2u-button', classNames?.button)} aria-label={t.actionLabel(action, name)} aria-describedby={action === 'retry' ? describedBy : undefined} onClick={() => run?.(id)}>
      {t.action[action]}
    </button>
  );
  return (
    <li className={cx('r2u-row', className, classNames?.row)} data-status={status}>
      <div className="r2u-row-head">
        {/* The box is there before the thumbnail is, so the row does not shift when it comes. */}
        {image ? <span className={cx('r2u-thumb', classNames?.thumb)}>{preview ? <img src={preview} alt={t.preview(name)} width={48} height={48} /> : null}</span> : null}
        <span className={cx('r2u-name', classNames?.name)}>{name}</span>
        <span className={cx('r2u-size', classNames?.size)}>{t.bytes(size)}</span>
      </div>
      <ProgressBar
        value={percent}
        label={t.progressLabel(name)}
        valueText={t.progressValue(t.percent(percent), t.bytes(loaded), t.bytes(size))}
        describedBy={describedBy}
        className={classNames?.progress}
        barClassName={classNames?.bar}
      />
      <div className="r2u-row-foot">
        <span className={cx('r2u-status', classNames?.status)}>
          {rowStatus(upload, percent, t)}
          <Speed progress={progress} className={classNames?.speed} />
        </span>
        {paused && onResume ? button('resume', onResume, 'pause') : isPausable(status) && onPause ? button('pause', onPause, 'pause') : null}
        {running ? button('cancel', onCancel, 'action') : retryable ? button('retry', onRetry, 'action') : null}
      </div>
      {status === 'done' && etag ? (
        <p className={cx('r2u-etag', classNames?.etag)}>
          {t.etag} <code>{etag}</code>
        </p>
      ) : null}
      {failed ? (
        <div id={errorId} className={cx('r2u-error', classNames?.error)}>
          <p>{t.error(error)}</p>
          {/* The hint is for developers, in English whatever the locale: marked so, a screen reader pronounces it right. */}
          {error.hint ? <p className={cx('r2u-hint', classNames?.hint)} lang="en">{error.hint}</p> : null}
        </div>
      ) : null}
    </li>
  );
});
