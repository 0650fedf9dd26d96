'use client';

import type { ReactElement } from 'react';
import { shortEtag, unquoteEtag } from './format.js';
import { useR2Text } from './messages-context.js';
import { ObjectActions } from './ObjectActions.js';
import { ObjectThumbnail } from './ObjectThumbnail.js';
import { ObjectName, type ObjectItemProps } from './object-view.js';

/**
 * One object: its thumbnail (images) and name as the row header, size, date,
 * a shortened ETag with a copy button, and the download and delete actions
 * when allowed.
 */
export function ObjectTableRow({ object, thumbnail, ...actions }: ObjectItemProps): ReactElement {
  const t = useR2Text();
  const { name, announce } = actions;

  const copy = () => {
    navigator.clipboard.writeText(unquoteEtag(object.etag)).then(
      () => announce(t.copied(name)),
      () => announce(t.copyFailed(name), true),
    );
  };

  return (
    <tr className="r2u-object" data-pending={object.pending ? '' : undefined}>
      <th scope="row" className="r2u-name" title={object.key}>
        {thumbnail ? (
          // A flex box inside the cell, not the cell itself: a flex <th> would no longer lay out as a table cell.
          <span className="r2u-object-named">
            <ObjectThumbnail className="r2u-object-thumb" src={thumbnail} name={name} size={40} />
            <span>
              <ObjectName name={name} />
            </span>
          </span>
        ) : (
          <ObjectName name={name} />
        )}
      </th>
      <td data-label={t.columns.size}>{t.bytes(object.size)}</td>
      <td data-label={t.columns.lastModified}>
        <time dateTime={object.lastModified}>{t.date(object.lastModified)}</time>
      </td>
      <td data-label={t.columns.etag}>
        <code title={unquoteEtag(object.etag)}>{shortEtag(object.etag)}</code>{' '}
        <button type="button" className="r2u-button" aria-label={t.copyLabel(name)} onClick={copy}>
          {t.copy}
        </button>
      </td>
      <td className="r2u-actions">
        <ObjectActions objectKey={object.key} {...actions} />
      </td>
    </tr>
  );
}
