'use client';

import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { DownloadTarget } from '../core/protocol/list-protocol.js';
import { cx } from './class-names.js';
import { LiveRegion } from './LiveRegion.js';
import { R2MessagesProvider, useR2Text, type R2MessagesOverrides } from './messages-context.js';
import { ObjectTableRow } from './ObjectTableRow.js';
import { nextSort, sortObjects, type ObjectSort, type ObjectSortKey } from './sort-objects.js';
import { useR2Objects, type UseR2ObjectsOptions } from './use-r2-objects.js';

/** Props of `<R2ObjectList>`. */
export interface R2ObjectListProps extends Omit<UseR2ObjectsOptions, 'delimiter' | 'prefix'> {
  /** The full key prefix to start in; default: everything the backend lets the caller see. */
  prefix?: string;
  /** Groups keys by `/` into folders that open in place, with a breadcrumb back. Default `false`: every key. */
  folders?: boolean;
  /** Offers downloads when the backend allows them. Default `true`. */
  allowDownload?: boolean;
  /** Offers deletes (after a confirmation) when the backend allows them. Default `true`. */
  allowDelete?: boolean;
  /** The table's caption, which names it. Default from `messages` ("Files"). */
  label?: string;
  /** Words to use instead of the defaults (or of an `R2MessagesProvider` above); any subset. */
  messages?: R2MessagesOverrides;
  /** The locale sizes and dates are formatted for; default: the provider's, else the browser's. */
  locale?: string;
  /**
   * Called with the download URL instead of going to it (to open it elsewhere,
   * log it, ...). By default a click follows the link, which downloads.
   */
  onDownload?: (target: DownloadTarget) => void;
  /** The order before the user picks one. Default by name, ascending (the store's order). */
  initialSort?: ObjectSort;
  /** Extra class for the outer element. */
  className?: string;
}

const COLUMNS: readonly ObjectSortKey[] = ['name', 'size', 'lastModified'];

/** The breadcrumb's folders from `root` down to `current`, each as [label, prefix]. */
function crumbs(root: string, current: string): Array<[string, string]> {
  const names = current.slice(root.length).split('/').filter(Boolean);
  return names.map((name, index) => [name, `${root}${names.slice(0, index + 1).join('/')}/`]);
}

/**
 * A table of the objects behind an r2-uploader endpoint: name, size, date
 * and ETag, sortable by name, size and date, with download and delete links
 * when the backend allows them, folder navigation with `folders`, and "Load
 * more". Uploads made on the page show at once. Each row is labelled by its
 * name; on narrow screens rows stack into a list. Themed by the uploader's
 * CSS variables (`r2-uploader/styles.css`).
 *
 * @example
 * <R2ObjectList endpoint="/api/upload" folders />
 */
export function R2ObjectList(props: R2ObjectListProps): ReactElement {
  return (
    <R2MessagesProvider messages={props.messages} locale={props.locale}>
      <ObjectList {...props} />
    </R2MessagesProvider>
  );
}

function ObjectList(props: R2ObjectListProps): ReactElement {
  const t = useR2Text();
  const { prefix, folders = false, allowDownload = true, allowDelete = true, label = t.files, onDownload, initialSort, className, messages, locale, ...options } = props;
  const [path, setPath] = useState(prefix);
  const list = useR2Objects({ ...options, prefix: path, delimiter: folders ? '/' : undefined });
  const [sort, setSort] = useState<ObjectSort>(initialSort ?? { by: 'name', direction: 'ascending' });
  // What the live region says last, and whether it is a failure, which is also shown.
  const [said, setSaid] = useState<[string, boolean?]>(['']);
  const tableRef = useRef<HTMLTableElement>(null);

  // Where navigation started: the prefix asked for, else the scope the backend listed first.
  const [root, setRoot] = useState(prefix);
  useEffect(() => {
    setPath(prefix);
    setRoot(prefix);
  }, [prefix]);
  useEffect(() => {
    if (root === undefined) setRoot(list.prefix);
  }, [root, list.prefix]);
  const current = list.prefix ?? path ?? '';
  const rows = useMemo(() => sortObjects(list.objects, sort), [list.objects, sort]);
  const folderRows = useMemo(() => [...list.prefixes].sort(), [list.prefixes]);
  const nameOf = (key: string) => key.slice(current.length) || key;
  const canDownload = allowDownload && list.capabilities.download;
  const fromHistory = list.source === 'history';
  const hasRows = rows.length > 0 || folderRows.length > 0;
  const crumb = (name: string, target: string) => (
    <button type="button" className="r2u-link" aria-current={target === current ? 'page' : undefined} onClick={() => setPath(target)}>
      {name}
    </button>
  );

  return (
    <div className={cx('r2u-root', 'r2u-objects', className)}>
      {folders && root !== undefined ? (
        <nav aria-label={t.folders} className="r2u-crumbs">
          {crumb(label, root)}
          {crumbs(root, current).map(([name, target]) => (
            <span key={target}>
              {' / '}
              {crumb(name, target)}
            </span>
          ))}
        </nav>
      ) : null}
      {hasRows ? (
        <table className="r2u-table" ref={tableRef} tabIndex={-1} aria-busy={list.isFetching || undefined}>
          <caption className="r2u-caption">
            {label}
            {fromHistory ? t.fromBrowser : ''}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((key) => (
                <th key={key} scope="col" aria-sort={sort.by === key ? sort.direction : undefined}>
                  <button type="button" className="r2u-link" onClick={() => setSort(nextSort(sort, key))}>
                    {t.columns[key]}
                    <span aria-hidden="true">{sort.by === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col">{t.columns.etag}</th>
              <th scope="col">
                <span className="r2u-visually-hidden">{t.columns.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {folderRows.map((folder) => (
              <tr key={folder} className="r2u-folder">
                <th scope="row" className="r2u-name" colSpan={5}>
                  <button type="button" className="r2u-link" onClick={() => setPath(folder)} aria-label={t.openFolder(nameOf(folder))}>
                    {nameOf(folder)}
                  </button>
                </th>
              </tr>
            ))}
            {rows.map((object) => (
              <ObjectTableRow
                key={object.key}
                object={object}
                name={nameOf(object.key)}
                downloadHref={canDownload ? list.downloadHref(object.key) : undefined}
                // A plain link cannot send the app's headers: fetch the URL with them instead.
                download={
                  canDownload && (options.headers || onDownload)
                    ? () => list.getDownloadUrl(object.key).then((target) => (onDownload ? onDownload(target) : window.location.assign(target.url)))
                    : undefined
                }
                // Once the row and its buttons are gone, the focus stays in the table.
                onDelete={allowDelete && list.capabilities.delete ? () => list.remove(object.key).then(() => tableRef.current?.focus()) : undefined}
                announce={(text, failed) => setSaid([text, failed])}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {list.isFetching && !hasRows ? (
        <p className="r2u-state" role="status">
          {t.loading}
        </p>
      ) : null}
      {said[1] ? <p className="r2u-notice">{said[0]}</p> : null}
      {list.status === 'success' && !list.isFetching && !hasRows ? (
        <p className="r2u-state">{fromHistory ? t.emptyHistory : current !== root ? t.emptyFolder : t.empty}</p>
      ) : null}
      {list.error && !list.isFetching ? (
        <div className="r2u-error" role="alert">
          <p>{t.loadFailed(t.error(list.error))}</p>
          <button type="button" className="r2u-button" onClick={() => void list.refetch()}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" className="r2u-button r2u-more" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? t.loadingMore : t.loadMore}
        </button>
      ) : null}
      <LiveRegion message={said[0]} />
    </div>
  );
}
