'use client';

import { useState, type MouseEvent, type ReactElement } from 'react';
import { useR2Text, type R2Text } from './messages-context.js';
import { isR2UploadError } from '../core/errors/upload-error.js';

/** What an object's download and delete actions need: shared by table rows and grid cards. */
export interface ObjectActionsProps {
  /** The object's full key: its last segment names the downloaded file. */
  objectKey: string;
  /** The name shown: the key below the listed prefix. */
  name: string;
  /** Where the download link points; absent: no download. */
  downloadHref?: string;
  /**
   * Fetches the download URL and goes to it (or hands it to the app), for
   * backends that need headers a plain link cannot send; absent: the link is
   * followed as it is.
   */
  download?: () => Promise<void>;
  /** Deletes the object; absent: no delete. */
  onDelete?: () => Promise<void>;
  /** Says something to screen readers; failures are also shown. */
  announce: (message: string, failed?: boolean) => void;
}

/** An `R2UploadError` in the locale's words, anything else by its message. */
const messageOf = (t: R2Text, error: unknown): string => (isR2UploadError(error) ? t.error(error) : String((error as Error)?.message ?? error));

const isPlainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/**
 * An object's download link and delete button, when allowed. Delete asks
 * first, in place: Cancel gets the focus, so Enter twice deletes nothing.
 * Renders no wrapper: a table cell or a card holds them.
 */
export function ObjectActions({ objectKey, name, downloadHref, download, onDelete, announce }: ObjectActionsProps): ReactElement {
  const t = useR2Text();
  const [stage, setStage] = useState<'idle' | 'confirm' | 'deleting'>('idle');
  // Once asked, the Delete button gets the focus back when the question ends (`autoFocus` focuses on mount).
  const [asked, setAsked] = useState(false);
  const backToDelete = () => {
    setAsked(true);
    setStage('idle');
  };

  const onDownloadClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!download || !isPlainClick(event)) return;
    event.preventDefault();
    download().catch((error: unknown) => announce(t.downloadFailed(name, messageOf(t, error)), true));
  };

  const confirmDelete = () => {
    setStage('deleting');
    onDelete?.().then(
      () => announce(t.deleted(name)),
      (error: unknown) => {
        backToDelete();
        announce(t.deleteFailed(name, messageOf(t, error)), true);
      },
    );
  };

  return (
    <>
      {downloadHref ? (
        // The file's own name, not the path shown: browsers would turn its slashes into underscores.
        <a className="r2u-button" href={downloadHref} download={objectKey.slice(objectKey.lastIndexOf('/') + 1)} aria-label={t.downloadLabel(name)} onClick={onDownloadClick}>
          {t.download}
        </a>
      ) : null}
      {onDelete && stage === 'idle' ? (
        <button autoFocus={asked} type="button" className="r2u-button" aria-label={t.deleteLabel(name)} onClick={() => setStage('confirm')}>
          {t.delete}
        </button>
      ) : null}
      {onDelete && stage !== 'idle' ? (
        <span role="group" aria-label={t.confirmDelete(name)}>
          <button type="button" className="r2u-button r2u-danger" disabled={stage === 'deleting'} onClick={confirmDelete}>
            {stage === 'deleting' ? t.deleting : t.yesDelete}
          </button>{' '}
          <button autoFocus type="button" className="r2u-button" disabled={stage === 'deleting'} onClick={backToDelete}>
            {t.cancel}
          </button>
        </span>
      ) : null}
    </>
  );
}
