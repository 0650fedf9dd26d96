'use client';

import { useId, type ReactElement } from 'react';
import { useR2Text } from './messages-context.js';
import { ObjectActions } from './ObjectActions.js';
import { ObjectName, type ObjectItemProps, type ObjectViewProps } from './object-view.js';
import { extensionOf } from '../core/policy/content-type.js';
import { ObjectThumbnail } from './ObjectThumbnail.js';

/** The thumbnail's side in a card, in CSS pixels: its width and height attributes reserve the square before it loads, and CSS fits it to the column. */
const CARD_THUMBNAIL = 160;

/** A folder, drawn: a card with no image still shows what it is at a glance. */
const folderIcon = (
  <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M3 6.5A1.5 1.5 0 0 1 4.5 5h4.38l2 2h8.62A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z" />
  </svg>
);

/** The extension in a neutral box, for files with no thumbnail; the name beside it already says it to screen readers. */
const placeholder = (key: string) => (
  <span className="r2u-card-thumb" aria-hidden="true">
    {extensionOf(key.slice(key.lastIndexOf('/') + 1)).toUpperCase()}
  </span>
);

function ObjectCard({ object, thumbnail, ...actions }: ObjectItemProps): ReactElement {
  const t = useR2Text();
  const id = useId();
  return (
    <li className="r2u-card" aria-labelledby={id} data-pending={object.pending ? '' : undefined}>
      {thumbnail ? (
        <ObjectThumbnail className="r2u-card-thumb" src={thumbnail} name={actions.name} size={CARD_THUMBNAIL} fallback={placeholder(object.key)} />
      ) : (
        placeholder(object.key)
      )}
      <span className="r2u-name" id={id} title={object.key}>
        <ObjectName name={actions.name} />
      </span>
      <span className="r2u-size">{t.bytes(object.size)}</span>
      <span className="r2u-actions">
        <ObjectActions objectKey={object.key} {...actions} />
      </span>
    </li>
  );
}

/**
 * `<R2ObjectList view="grid">`: a list of cards, folders first (each opens in
 * place), then one per object with a large thumbnail, its name, size and the
 * same actions as a table row. Each card is named by its file.
 */
export function ObjectGrid({ caption, folders, nameOf, onOpen, items, busy, containerRef }: ObjectViewProps): ReactElement {
  const t = useR2Text();
  const captionId = useId();
  return (
    <>
      <div className="r2u-caption" id={captionId}>
        {caption}
      </div>
      <ul className="r2u-grid" ref={containerRef} tabIndex={-1} aria-labelledby={captionId} aria-busy={busy || undefined}>
        {folders.map((folder) => (
          <li key={folder} className="r2u-card r2u-folder">
            <button type="button" className="r2u-link r2u-card-open" onClick={() => onOpen(folder)} aria-label={t.openFolder(nameOf(folder))}>
              <span className="r2u-card-thumb">{folderIcon}</span>
              <span className="r2u-name">{nameOf(folder)}</span>
            </button>
          </li>
        ))}
        {items.map((item) => (
          <ObjectCard key={item.object.key} {...item} />
        ))}
      </ul>
    </>
  );
}
