import type { ListedObject } from '../core/protocol/list-protocol.js';
import { childElements, childText, textOf, xmlRoot, type XmlElement } from './xml.js';

/** What the handler keeps of a ListObjectsV2 answer. */
export interface ListBucketResult {
  objects: ListedObject[];
  prefixes: string[];
  /** The continuation token, when the listing is truncated. */
  nextToken: string | undefined;
}


function toListedObject(contents: XmlElement): ListedObject {
  const key = childText(contents, 'Key');
  const size = Number(childText(contents, 'Size'));
  if (key === undefined || !Number.isSafeInteger(size) || size < 0) throw new Error('a <Contents> entry lacks a usable <Key> or <Size>');
  const modified = new Date(childText(contents, 'LastModified') ?? '');
  return {
    key,
    size,
    etag: childText(contents, 'ETag') ?? '',
    lastModified: Number.isNaN(modified.getTime()) ? '' : modified.toISOString(),
  };
}

/**
 * Reads a ListObjectsV2 answer with a real XML parser: keys may hold any
 * character, escaped as entities or character references, and must come
 * back to the client exactly as stored (never trimmed, never read as numbers).
 * Throws on anything that is not a `ListBucketResult`.
 */
export function parseListBucketResult(xml: string): ListBucketResult {
  const root = xmlRoot(xml, 'ListBucketResult');
  if (!root) throw new Error('expected a <ListBucketResult>');
  const truncated = childText(root, 'IsTruncated') === 'true';
  return {
    objects: childElements(root, 'Contents').map(toListedObject),
    prefixes: childElements(root, 'CommonPrefixes').flatMap((group) => childElements(group, 'Prefix').map(textOf)),
    nextToken: truncated ? childText(root, 'NextContinuationToken') || undefined : undefined,
  };
}
