'use client';

import type { ReactElement } from 'react';
import { useR2Text } from './messages-context.js';
import type { ObjectViewProps } from './object-view.js';
import { ObjectTableRow } from './ObjectTableRow.js';
import { nextSort, type ObjectSort, type ObjectSortKey } from './sort-objects.js';

const COLUMNS: readonly ObjectSortKey[] = ['name', 'size', 'lastModified'];

/** Props of {@link ObjectTable}. */
export interface ObjectTableProps extends ObjectViewProps {
  sort: ObjectSort;
  onSort: (sort: ObjectSort) => void;
}

/** `<R2ObjectList>`'s table: sortable column headers, folder rows, then a row per object. */
export function ObjectTable({ caption, folders, nameOf, onOpen, items, busy, containerRef, sort, onSort }: ObjectTableProps): ReactElement {
  const t = useR2Text();
  return (
    <table className="r2u-table" ref={containerRef} tabIndex={-1} aria-busy={busy || undefined}>
      <caption className="r2u-caption">{caption}</caption>
      <thead>
        <tr>
          {COLUMNS.map((key) => (
            <th key={key} scope="col" aria-sort={sort.by === key ? sort.direction : undefined}>
              <button type="button" className="r2u-link" onClick={() => onSort(nextSort(sort, key))}>
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
        {folders.map((folder) => (
          <tr key={folder} className="r2u-folder">
            <th scope="row" className="r2u-name" colSpan={5}>
              <button type="button" className="r2u-link" onClick={() => onOpen(folder)} aria-label={t.openFolder(nameOf(folder))}>
                {nameOf(folder)}
              </button>
            </th>
          </tr>
        ))}
        {items.map((item) => (
          <ObjectTableRow key={item.object.key} {...item} />
        ))}
      </tbody>
    </table>
  );
}
