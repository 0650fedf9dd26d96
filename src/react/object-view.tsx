import type { ReactElement, ReactNode, RefCallback } from 'react';
import type { ObjectActionsProps } from './ObjectActions.js';
import type { ObjectRow } from '../core/listing/merge-listing.js';

/** What one object's table row or grid card shows and offers. */
export interface ObjectItemProps extends Omit<ObjectActionsProps, 'objectKey'> {
  object: ObjectRow;
  /** Where its thumbnail loads from; absent: none (not an image, or downloads are off). */
  thumbnail?: string;
}

/** What the table and the grid both show: the folders, then the objects, already sorted. */
export interface ObjectViewProps {
  /** Names the table or the grid. */
  caption: ReactNode;
  /** Full prefixes of the folders, shown first. */
  folders: readonly string[];
  /** The name shown for a key or prefix: what follows the listed prefix. */
  nameOf: (key: string) => string;
  /** Opens a folder. */
  onOpen: (prefix: string) => void;
  items: readonly ObjectItemProps[];
  /** A fetch is under way (`aria-busy`). */
  busy: boolean;
  /** Gets the element that takes the focus when the item that had it is deleted. */
  containerRef: RefCallback<HTMLElement>;
}

/** The name with the path before it (often a random id) muted, so the file name stands out. */
export function ObjectName({ name }: { name: string }): ReactElement {
  const slash = name.lastIndexOf('/');
  return (
    <>
      {slash === -1 ? null : <span className="r2u-path">{name.slice(0, slash + 1)}</span>}
      {name.slice(slash + 1)}
    </>
  );
}
