'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { DownloadTarget } from '../core/protocol/list-protocol.js';
import type { ObjectRow } from '../core/listing/merge-listing.js';
import { cx } from './class-names.js';
import { LiveRegion } from './LiveRegion.js';
import { R2MessagesProvider, useR2Text, type R2MessagesOverrides } from './messages-context.js';
import { ObjectGrid } from './ObjectGrid.js';
import { ObjectTable } from './ObjectTable.js';
import { isImageKey } from './ObjectThumbnail.js';
import type { ObjectItemProps, ObjectViewProps } from './object-view.js';
import { sortObjects, type ObjectSort } from './sort-objects.js';
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
  /**
   * The order before the user picks one. Default by name, ascending (the
   * store's order). The grid keeps the order the table had; it has no sort
   * buttons of its own.
   */
  initialSort?: ObjectSort;
  /**
   * `table` (the default): a row per object, sortable by column. `grid`:
   * cards with a large thumbnail, name, size and the same actions.
   */
  view?: 'table' | 'grid';
  /**
   * Shows a thumbnail for keys ending in `.jpg`, `.jpeg`, `.png`, `.webp`,
   * `.gif` or `.avif`, when downloads are offered. Default `true`. The browser
   * loads each lazily from the download route (an `<img>` request, which
   * carries cookies but not `headers`): turn them off for a backend that
   * authorizes downloads by a header only, where each would fail (and hide).
   */
  thumbnails?: boolean;
  /** Extra class for the outer element. */
  className?: string;
}

/** The breadcrumb's folders from `root` down to `current`, each as [label, prefix]. */
function crumbs(root: string, current: string): Array<[string, string]> {
  const names = current.slice(root.length).split('/').filter(Boolean);
  return names.map((name, index) => [name, `${root}${names.slice(0, index + 1).join('/')}/`]);
}

/**
 * A table of the objects behind an r2-uploader endpoint: name, size, date
 * and ETag, sortable by name, size and date, with download and delete links
 * when the backend allows them, folder navigation with `folders`, and "Load
 * more". Images show a lazily loaded thumbnail; `view="grid"` shows cards
 * instead of rows. Uploads made on the page show at once. Each row is
 * labelled by its name; on narrow screens rows stack into a list. Themed by
 * the uploader's CSS variables (`r2-uploader/styles.css`).
 *
 * @example
 * <R2ObjectList endpoint="/api/upload" folders view="grid" />
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
  const {
    prefix,
    folders = false,
    allowDownload = true,
    allowDelete = true,
    label = t.files,
    onDownload,
    initialSort,
    view = 'table',
    thumbnails = true,
    className,
    messages,
    locale,
    ...options
  } = props;
  const [path, setPath] = useState(prefix);
  const list = useR2Objects({ ...options, prefix: path, delimiter: folders ? '/' : undefined });
  const [sort, setSort] = useState<ObjectSort>(initialSort ?? { by: 'name', direction: 'ascending' });
  // What the live region says last, and whether it is a failure, which is also shown.
  const [said, setSaid] = useState<[string, boolean?]>(['']);
  // The table or the grid, whichever is shown: it keeps the focus when a deleted item took its buttons along.
  const container = useRef<HTMLElement | null>(null);
  const containerRef = useCallback((element: HTMLElement | null) => void (container.current = element), []);

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
  const announce = (text: string, failed?: boolean) => setSaid([text, failed]);
  const itemOf = (object: ObjectRow): ObjectItemProps => ({
    object,
    name: nameOf(object.key),
    downloadHref: canDownload ? list.downloadHref(object.key) : undefined,
    // The download route itself: a plain GET redirects to the object, so the browser loads it lazily, with no script.
    thumbnail: canDownload && thumbnails && isImageKey(object.key) ? list.downloadHref(object.key) : undefined,
    // A plain link cannot send the app's headers: fetch the URL with them instead.
    download:
      canDownload && (options.headers || onDownload)
        ? () => list.getDownloadUrl(object.key).then((target) => (onDownload ? onDownload(target) : window.location.assign(target.url)))
        : undefined,
    onDelete: allowDelete && list.capabilities.delete ? () => list.remove(object.key).then(() => container.current?.focus()) : undefined,
    announce,
  });
  const shown: ObjectViewProps = {
    caption: fromHistory ? `${label}${t.fromBrowser}` : label,
    folders: folderRows,
    nameOf,
    onOpen: setPath,
    items: rows.map(itemOf),
    busy: list.isFetching,
    containerRef,
  };
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
      {hasRows && view === 'grid' ? <ObjectGrid {...shown} /> : null}
      {hasRows && view !== 'grid' ? <ObjectTable {...shown} sort={sort} onSort={setSort} /> : null}
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
