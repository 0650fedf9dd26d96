import { R2_UPLOADER_QUERY_KEY } from './query-client.js';

/** What makes one object list different from another of the same endpoint. */
export interface ObjectListKeyParams {
  prefix: string | undefined;
  delimiter: string | undefined;
  pageSize: number;
}

/**
 * The query keys r2-uploader caches under, all below `['r2-uploader']`, for
 * apps that invalidate, prefetch or read them:
 * `queryClient.invalidateQueries({ queryKey: r2QueryKeys.objects('/api/upload') })`.
 */
export const r2QueryKeys = {
  /** Everything r2-uploader caches; every successful upload invalidates it. */
  all: R2_UPLOADER_QUERY_KEY,
  /** Every object list, or every list of one endpoint. */
  objects: (endpoint?: string) =>
    endpoint === undefined ? ([...R2_UPLOADER_QUERY_KEY, 'objects'] as const) : ([...R2_UPLOADER_QUERY_KEY, 'objects', endpoint] as const),
  /** One list: `useR2Objects`'s infinite query. */
  objectList: (endpoint: string, { prefix, delimiter, pageSize }: ObjectListKeyParams) =>
    [...R2_UPLOADER_QUERY_KEY, 'objects', endpoint, { prefix: prefix ?? null, delimiter: delimiter ?? null, pageSize }] as const,
};
