'use client';

import { useState, type ReactElement, type ReactNode } from 'react';
import type { UploaderOptions } from '../core/engine/types.js';
import { Announcer } from './Announcer.js';
import { cx, type R2UploaderClassNames } from './class-names.js';
import { Dropzone } from './Dropzone.js';
import { FileList } from './FileList.js';
import { FileRow } from './FileRow.js';
import { R2MessagesProvider, useR2Text, type R2MessagesOverrides } from './messages-context.js';
import { Speed } from './Speed.js';
import { isPausable, isRunning } from './status-text.js';
import { useR2Upload } from './use-r2-upload.js';

/** The look and behaviour props of `<R2Uploader>`, besides the uploader's own options. */
export interface R2UploaderUiProps {
  /** Whether several files may be picked or dropped at once. Default `true`. */
  multiple?: boolean;
  /** Disables picking and dropping; running uploads go on. */
  disabled?: boolean;
  /** On phones, take a photo or video with the camera (`'environment'`: the back one, `'user'`: the front one) instead of picking a file. */
  capture?: 'user' | 'environment';
  /** Extra class for the outer element. */
  className?: string;
  /** Extra classes per part. */
  classNames?: R2UploaderClassNames;
  /** The drop zone's main text, which names the file input. Default from `messages` ("Choose files", "Choose a file"). */
  label?: ReactNode;
  /** Words to use instead of the defaults (or of an `R2MessagesProvider` above); any subset. */
  messages?: R2MessagesOverrides;
  /** The locale sizes and percents are formatted for; default: the provider's, else the browser's. */
  locale?: string;
  /** Rows shown before "Show more". Default 100. */
  slice?: number;
  /** Shows a thumbnail in the rows of image files, made off the main thread. Default `true`. */
  previews?: boolean;
}

/**
 * Props of `<R2Uploader>`: where to get upload URLs (`endpoint` or
 * `getUploadUrl`), callbacks (`onSuccess`, `onError`, `onProgress`), the
 * rules (`accept`, which the file picker also offers, `maxFileSize`,
 * `minFileSize`, `maxFiles`, `validate`), and UI props.
 */
export type R2UploaderProps = UploaderOptions & R2UploaderUiProps;

function Uploader(props: R2UploaderProps): ReactElement {
  const { multiple = true, disabled = false, capture, className, classNames, label, messages, locale, slice, previews, ...options } = props;
  const t = useR2Text();
  const { upload, uploads, progress, cancel, retry, clear, pause, resume, rules } = useR2Upload(options);
  // The picker offers what the uploader accepts: the app's own rule, or the backend's route's.
  const accept = options.accept ?? rules?.accept;
  const [notice, setNotice] = useState('');

  // Files the rules refuse are still handed over: the uploader lists them with the reason.
  const onFiles = (files: File[]) => {
    const chosen = multiple ? files : files.slice(0, 1);
    setNotice(files.length > chosen.length ? t.onlyOne(files[0]!.name) : '');
    void upload(chosen);
  };

  const hasFinished = uploads.some((item) => !isRunning(item.status));
  const underWay = uploads.filter((item) => isPausable(item.status)).length;

  return (
    <div className={cx('r2u-root', className, classNames?.root)} data-disabled={disabled ? '' : undefined}>
      <Dropzone
        onFiles={onFiles}
        accept={typeof accept === 'string' ? accept : accept?.join(',')}
        multiple={multiple}
        disabled={disabled}
        capture={capture}
        label={label}
        className={classNames?.dropzone}
        labelClassName={classNames?.label}
      />
      {notice ? <p className={cx('r2u-notice', classNames?.notice)}>{notice}</p> : null}
      {underWay > 1 ? (
        <p className={cx('r2u-summary', classNames?.summary)}>
          {t.summary(underWay, t.count(underWay), t.percent(progress.percent))}
          <Speed progress={progress} className={classNames?.speed} />
        </p>
      ) : null}
      {/* useR2Upload's actions are stable for its life: memoized rows re-render only when their own upload changes. */}
      <FileList uploads={uploads} slice={slice} previews={previews} onCancel={cancel} onRetry={retry} onPause={pause} onResume={resume} classNames={classNames} />
      {hasFinished ? (
        <button type="button" className={cx('r2u-button', 'r2u-clear', classNames?.button, classNames?.clear)} onClick={() => { clear(); setNotice(''); }}>
          {t.clearFinished}
        </button>
      ) : null}
      <Announcer uploads={uploads} message={notice} />
    </div>
  );
}

/**
 * A drop zone and file picker that uploads straight to R2 (or any
 * S3-compatible store) through presigned URLs, with one row per file:
 * progress, status, the ETag when done, the error and its fix when not.
 * Operable by keyboard; starts, successes and failures are announced to
 * screen readers. Import `r2-uploader/styles.css` for the default look.
 *
 * Its parts compose a UI of your own around `useR2Upload`:
 * `R2Uploader.Dropzone`, `.FileList`, `.FileRow` and `.Announcer`.
 *
 * @example
 * <R2Uploader endpoint="/api/uploads" accept="image/*" onSuccess={(result) => console.log(result.key)} />
 */
export function R2Uploader(props: R2UploaderProps): ReactElement {
  return (
    <R2MessagesProvider messages={props.messages} locale={props.locale}>
      <Uploader {...props} />
    </R2MessagesProvider>
  );
}

/** The labelled drop zone and file input: pick, drop (folders too), paste. */
R2Uploader.Dropzone = Dropzone;
/** The labelled list of upload rows, 100 at a time with "Show more". */
R2Uploader.FileList = FileList;
/** One upload's row. */
R2Uploader.FileRow = FileRow;
/** The polite live region announcing starts, 25 % steps, successes and failures. */
R2Uploader.Announcer = Announcer;
