import type { ObjectRow } from '../core/listing/merge-listing.js';

/** The columns a list sorts by. */
export type ObjectSortKey = 'name' | 'size' | 'lastModified';

/** A sort order, in `aria-sort`'s words. */
export interface ObjectSort {
  by: ObjectSortKey;
  direction: 'ascending' | 'descending';
}

/** Names compare like a file manager's: `file2` before `file10`, case and accents mostly ignored. */
const collator = /* @__PURE__ */ new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: ObjectRow, b: ObjectRow, by: ObjectSortKey): number {
  if (by === 'size') return a.size - b.size;
  if (by === 'lastModified') return a.lastModified.localeCompare(b.lastModified);
  return collator.compare(a.key, b.key);
}

/** A sorted copy; ties keep key order, so rows never swap places between renders. */
export function sortObjects(objects: readonly ObjectRow[], { by, direction }: ObjectSort): ObjectRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...objects].sort((a, b) => sign * compare(a, b, by) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The order after clicking a column: the other direction on the sorted column, else ascending. */
export function nextSort(current: ObjectSort, by: ObjectSortKey): ObjectSort {
  return { by, direction: current.by === by && current.direction === 'ascending' ? 'descending' : 'ascending' };
}
