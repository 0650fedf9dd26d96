import { useEffect, useRef, useState, type MouseEvent, type ReactElement } from 'react';
import { formatBytes, formatDateTime, shortEtag, unquoteEtag } from './format.js';
import type { ObjectRow } from './merge-listing.js';

/** Props of {@link ObjectTableRow}. */
export interface ObjectTableRowProps {
  object: ObjectRow;
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

const isPlainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/**
 * One object: its name as the row header, size, date, a shortened ETag with
 * a copy button, and the download link and delete button when allowed. Delete
 * asks first, in the row: Cancel gets the focus, so Enter twice deletes nothing.
 */
export function ObjectTableRow({ object, name, downloadHref, download, onDelete, announce }: ObjectTableRowProps): ReactElement {
  const [stage, setStage] = useState<'idle' | 'confirm' | 'deleting'>('idle');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const slash = name.lastIndexOf('/');

  useEffect(() => {
    if (stage === 'confirm') cancelRef.current?.focus();
    else if (stage === 'idle' && asked.current) deleteRef.current?.focus();
  }, [stage]);

  const copy = () => {
    navigator.clipboard.writeText(unquoteEtag(object.etag)).then(
      () => announce(`ETag of ${name} copied.`),
      () => announce(`The ETag of ${name} could not be copied.`, true),
    );
  };

  const onDownloadClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!download || !isPlainClick(event)) return;
    event.preventDefault();
    download().catch((error: Error) => announce(`${name} could not be downloaded: ${error.message}`, true));
  };

  const confirmDelete = () => {
    setStage('deleting');
    onDelete?.().then(
      () => announce(`${name} deleted.`),
      (error: Error) => {
        asked.current = true;
        setStage('idle');
        announce(`${name} could not be deleted: ${error.message}`, true);
      },
    );
  };

  return (
    <tr className="r2u-object" data-pending={object.pending ? '' : undefined}>
      <th scope="row" className="r2u-name" title={object.key}>
        {/* The file name stands out; the path before it (often a random id) is muted. */}
        {slash === -1 ? null : <span className="r2u-path">{name.slice(0, slash + 1)}</span>}
        {name.slice(slash + 1)}
      </th>
      <td data-label="Size">{formatBytes(object.size)}</td>
      <td data-label="Modified">
        <time dateTime={object.lastModified}>{formatDateTime(object.lastModified)}</time>
      </td>
      <td data-label="ETag">
        <code title={unquoteEtag(object.etag)}>{shortEtag(object.etag)}</code>{' '}
        <button type="button" className="r2u-button" aria-label={`Copy ETag of ${name}`} onClick={copy}>
          Copy
        </button>
      </td>
      <td className="r2u-actions">
        {downloadHref ? (
          // The file's own name, not the path shown: browsers would turn its slashes into underscores.
          <a className="r2u-button" href={downloadHref} download={object.key.slice(object.key.lastIndexOf('/') + 1)} aria-label={`Download ${name}`} onClick={onDownloadClick}>
            Download
          </a>
        ) : null}
        {onDelete && stage === 'idle' ? (
          <button ref={deleteRef} type="button" className="r2u-button" aria-label={`Delete ${name}`} onClick={() => setStage('confirm')}>
            Delete
          </button>
        ) : null}
        {onDelete && stage !== 'idle' ? (
          <span role="group" aria-label={`Delete ${name}?`}>
            <button type="button" className="r2u-button r2u-danger" disabled={stage === 'deleting'} onClick={confirmDelete}>
              {stage === 'deleting' ? 'Deleting…' : 'Yes, delete'}
            </button>{' '}
            <button
              ref={cancelRef}
              type="button"
              className="r2u-button"
              disabled={stage === 'deleting'}
              onClick={() => {
                asked.current = true;
                setStage('idle');
              }}
            >
              Cancel
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  );
}
