import type { ObjectListPage } from '../core/protocol/list-protocol.js';
import type { StoredObject } from './stored-object.js';

/** What {@link listStoredObjects} lists. */
export interface ListStoredObjectsOptions {
  /** Only keys starting with it. */
  prefix: string;
  /** Groups keys by it below `prefix`, as "folders". */
  delimiter?: string;
  /** The `cursor` of the previous page. */
  cursor?: string;
  /** Objects and folders per page. */
  limit: number;
}

/**
 * ListObjectsV2 over an in-memory map, as the fake backend answers it: keys
 * in code-unit order, each folder counted once towards the limit like a key,
 * and the last key or folder of a page as the cursor.
 */
export function listStoredObjects(objects: ReadonlyMap<string, StoredObject>, { prefix, delimiter, cursor, limit }: ListStoredObjectsOptions): ObjectListPage {
  // Keys sharing a folder are adjacent once sorted, so each folder is one entry, in order.
  const entries: Array<{ name: string; folder: boolean }> = [];
  for (const key of [...objects.keys()].filter((key) => key.startsWith(prefix)).sort()) {
    const end = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const name = end === -1 ? key : key.slice(0, end + (delimiter ?? '').length);
    if (entries.at(-1)?.name !== name) entries.push({ name, folder: end !== -1 });
  }
  const start = cursor === undefined ? 0 : entries.filter((entry) => entry.name <= cursor).length;
  const shown = entries.slice(start, start + limit);
  const page: ObjectListPage = { objects: [], prefixes: [], prefix };
  for (const { name, folder } of shown) {
    const object = objects.get(name);
    if (folder || !object) page.prefixes.push(name);
    else page.objects.push({ key: name, size: object.bytes.byteLength, etag: object.etag, lastModified: object.lastModified.toISOString() });
  }
  if (start + limit < entries.length) page.cursor = shown.at(-1)?.name;
  return page;
}
