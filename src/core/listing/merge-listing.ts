import type { ListedObject, ObjectListPage } from '../protocol/list-protocol.js';
import type { HistoryEntry, RecentUpload } from './upload-history.js';

/** One object as a list shows it. */
export interface ObjectRow extends ListedObject {
  /** True while the row comes from an upload made on this page that the listing has not confirmed yet. */
  pending: boolean;
}

/** Objects and "folders", ready to show. */
export interface Listing {
  objects: ObjectRow[];
  /** Full prefixes ending in the delimiter. */
  prefixes: string[];
}

/**
 * Where a key shows in a listing of `prefix`: as an object, as the folder
 * holding it (with a delimiter, when it lies deeper), or not at all.
 */
export function placeKey(key: string, prefix: string, delimiter: string | undefined): { folder?: string } | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const end = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
  return end === -1 ? {} : { folder: key.slice(0, end + 1) };
}

function rowOf({ key, size, etag, time }: RecentUpload, pending: boolean): ObjectRow {
  return { key, size, etag, lastModified: new Date(time).toISOString(), pending };
}

/**
 * The listing of `objects` and `folders` (each kept once, in the order first
 * added) with uploads added where they belong, skipping keys and folders it
 * already has.
 */
function withUploads(objects: Map<string, ObjectRow>, folders: Set<string>, uploads: readonly HistoryEntry[], prefix: string, delimiter: string | undefined, pending: boolean): Listing {
  for (const upload of uploads) {
    const place = placeKey(upload.key, prefix, delimiter);
    if (place?.folder !== undefined) folders.add(place.folder);
    else if (place && !objects.has(upload.key)) objects.set(upload.key, rowOf(upload, pending));
  }
  return { objects: [...objects.values()], prefixes: [...folders] };
}

/** What {@link mergeListing} merges. */
export interface MergeInput {
  /** The pages loaded so far, in order. */
  pages: readonly ObjectListPage[];
  /** The prefix the server listed. */
  prefix: string;
  delimiter: string | undefined;
  /** The page's uploads for this endpoint, newest first. */
  recent: readonly HistoryEntry[];
  /** The upload `seq` the first page's fetch started after: uploads up to it are in the server's answer. */
  confirmedSeq: number;
  /** True when every page is loaded. */
  complete: boolean;
}

/**
 * The server's pages, without duplicates, plus the uploads made on this
 * page that the server has not shown yet: those completed after the last
 * fetch started, and, while pages remain to load, any whose key may be on a
 * later page. An upload therefore never vanishes between its optimistic row
 * and its server row. Uploads from earlier visits are never added: the
 * server is the truth about them.
 */
export function mergeListing({ pages, prefix, delimiter, recent, confirmedSeq, complete }: MergeInput): Listing {
  const objects = new Map<string, ObjectRow>();
  const folders = new Set<string>();
  for (const page of pages) {
    for (const object of page.objects) if (!objects.has(object.key)) objects.set(object.key, { ...object, pending: false });
    for (const folder of page.prefixes) folders.add(folder);
  }
  const unconfirmed = recent.filter((upload) => upload.seq > 0 && (upload.seq > confirmedSeq || !complete));
  return withUploads(objects, folders, unconfirmed, prefix, delimiter, true);
}

/** A listing made of the browser's recent uploads alone, for backends without a list route. */
export function historyListing(recent: readonly HistoryEntry[], prefix: string, delimiter: string | undefined): Listing {
  return withUploads(new Map(), new Set(), recent, prefix, delimiter, false);
}
