import type { ObjectListPage } from '../core/protocol/list-protocol.js';
import type { ResolvedConfig } from './config.js';
import { HttpError, invalid, jsonResponse } from './http-error.js';
import { parseListBucketResult, type ListBucketResult } from './list-xml.js';
import { bucketOf, fetchS3 } from './s3-request.js';
import { requestScope, resolveListPrefix } from './scope.js';
import { storeError } from './store-error.js';

/** ListObjectsV2 returns at most 1,000 keys a call; larger limits are capped, not refused. */
export const MAX_LIST_LIMIT = 1000;

/** Continuation tokens are opaque but short (R2's encode a key: at most about 1,400 characters). */
const MAX_CURSOR_LENGTH = 4096;


function parseLimit(value: string | null): number {
  if (value === null || value === '') return MAX_LIST_LIMIT;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1) throw invalid('"limit" must be a whole number from 1 to 1000.');
  return Math.min(limit, MAX_LIST_LIMIT);
}

function parseDelimiter(value: string | null): '/' | undefined {
  if (value === null || value === '') return undefined;
  if (value !== '/') throw invalid('"delimiter" can only be "/".');
  return value;
}

function parseCursor(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  if (value.length > MAX_CURSOR_LENGTH) throw invalid('"cursor" is not a cursor this endpoint returned.');
  return value;
}

function parseStoreAnswer(xml: string): ListBucketResult {
  try {
    return parseListBucketResult(xml);
  } catch (error) {
    console.error('r2-uploader: the store answered the listing with unreadable XML', error);
    throw new HttpError(502, 'store_error', 'The store answered the listing with something other than ListObjectsV2 XML.');
  }
}

/**
 * GET `?prefix=&cursor=&limit=&delimiter=` → 200 `ObjectListPage`, for one
 * page of ListObjectsV2 within the caller's scope. Keys and prefixes are full
 * keys, the same strings upload results carry.
 */
export async function listRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  if (!config.features.list) throw new HttpError(404, 'not_found', 'Listing is not enabled here.');
  const scope = await requestScope(config, request, 'list');
  const params = new URL(request.url).searchParams;
  const prefix = resolveListPrefix(params.get('prefix'), scope);
  const limit = parseLimit(params.get('limit'));
  const delimiter = parseDelimiter(params.get('delimiter'));
  const cursor = parseCursor(params.get('cursor'));
  const query: Record<string, string> = { 'list-type': '2', 'max-keys': String(limit) };
  if (prefix) query.prefix = prefix;
  if (delimiter) query.delimiter = delimiter;
  if (cursor) query['continuation-token'] = cursor;
  const response = await fetchS3(bucketOf(config), { method: 'GET', query }, request.signal);
  if (!response.ok) throw await storeError(response, 'list the files');
  const result = parseStoreAnswer(await response.text());
  const page: ObjectListPage = {
    // The store applied the prefix already; filtering again costs nothing and keeps the scope a promise.
    objects: result.objects.filter((object) => object.key.startsWith(prefix)),
    prefixes: result.prefixes.filter((folder) => folder.startsWith(prefix)),
    prefix,
    ...(result.nextToken ? { cursor: result.nextToken } : {}),
    capabilities: { download: config.features.download !== undefined, delete: config.features.delete },
  };
  return jsonResponse(200, page);
}
