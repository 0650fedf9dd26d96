import { useCallback, useState, type ReactElement, type ReactNode } from 'react';
import type { UploaderOptions } from '../core/types.js';
import { cx, type R2UploaderClassNames } from './class-names.js';
import { Dropzone } from './Dropzone.js';
import { FileRow } from './FileRow.js';
import { LiveRegion } from './LiveRegion.js';
import { useAnnouncements } from './use-announcements.js';
import { useR2Upload } from './use-r2-upload.js';

/** The look and behaviour props of `<R2Uploader>`, besides the uploader's own options. */
export interface R2UploaderUiProps {
  /** Whether several files may be picked or dropped at once. Default `true`. */
  multiple?: boolean;
  /** Disables picking and dropping; running uploads go on. */
  disabled?: boolean;
  /** Extra class for the outer element. */
  className?: string;
  /** Extra classes per part. */
  classNames?: R2UploaderClassNames;
  /** The drop zone's main text, which names the file input. Default "Choose files" ("Choose a file" when not `multiple`). */
  label?: ReactNode;
}

/**
 * Props of `<R2Uploader>`: where to get upload URLs (`endpoint` or
 * `getUploadUrl`), callbacks (`onSuccess`, `onError`, `onProgress`), the
 * rules (`accept`, which the file picker also offers, `maxFileSize`,
 * `minFileSize`, `maxFiles`, `validate`), and UI props.
 */
export type R2UploaderProps = UploaderOptions & R2UploaderUiProps;

const NO_CLASS_NAMES: R2UploaderClassNames = {};

/**
 * A drop zone and file picker that uploads straight to R2 (or any
 * S3-compatible store) through presigned URLs, with one row per file:
 * progress, status, the ETag when done, the error and its fix when not.
 * Operable by keyboard; starts, successes and failures are announced to
 * screen readers. Import `r2-uploader/styles.css` for the default look.
 *
 * @example
 * <R2Uploader endpoint="/api/uploads" accept="image/*" onSuccess={(result) => console.log(result.key)} />
 */
export function R2Uploader(props: R2UploaderProps): ReactElement {
  const { multiple = true, disabled = false, className, classNames = NO_CLASS_NAMES, label, ...options } = props;
  const { upload, uploads, cancel, retry, clear, pause, resume } = useR2Upload(options);
  // Stable, so that memoized rows re-render only when their own upload changes.
  const onRetry = useCallback((id: string) => void retry(id), [retry]);
  const { message, announce } = useAnnouncements(uploads);
  const [notice, setNotice] = useState('');

  // Files the rules refuse are still handed over: the uploader lists them with the reason.
  const onFiles = (files: File[]) => {
    const chosen = multiple ? files : files.slice(0, 1);
    const problem = files.length > chosen.length ? `Only one file at a time: uploading ${chosen[0]?.name ?? ''} only.` : '';
    setNotice(problem);
    if (problem) announce(problem);
    void upload(chosen);
  };

  const hasFinished = uploads.some((item) => item.status === 'done' || item.status === 'error' || item.status === 'canceled');

  return (
    <div className={cx('r2u-root', className, classNames.root)} data-disabled={disabled ? '' : undefined}>
      <Dropzone
        onFiles={onFiles}
        accept={typeof options.accept === 'string' ? options.accept : options.accept?.join(',')}
        multiple={multiple}
        disabled={disabled}
        label={label ?? (multiple ? 'Choose files' : 'Choose a file')}
        hint={multiple ? 'or drop them here' : 'or drop it here'}
        dropHint={multiple ? 'Drop to upload them' : 'Drop to upload it'}
        className={classNames.dropzone}
        labelClassName={classNames.label}
      />
      {notice ? <p className={cx('r2u-notice', classNames.notice)}>{notice}</p> : null}
      {uploads.length > 0 ? (
        <ul className={cx('r2u-list', classNames.list)} aria-label="Uploads">
          {uploads.map((item) => (
            <FileRow
              key={item.id}
              upload={item}
              onCancel={cancel}
              onRetry={onRetry}
              onPause={pause}
              onResume={resume}
              classNames={classNames}
            />
          ))}
        </ul>
      ) : null}
      {hasFinished ? (
        <button type="button" className={cx('r2u-button', 'r2u-clear', classNames.button, classNames.clear)} onClick={() => { clear(); setNotice(''); }}>
          Clear finished
        </button>
      ) : null}
      <LiveRegion message={message} />
    </div>
  );
}
