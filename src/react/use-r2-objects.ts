'use client';

import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BackendOptions } from '../core/protocol/backend-client.js';
import type { R2UploadError } from '../core/errors/upload-error.js';
import type { DownloadTarget, ObjectListCapabilities, ObjectListPage } from '../core/protocol/list-protocol.js';
import { deleteObject, endpointUrl, fetchObjectPage, requestDownloadUrl } from '../core/protocol/object-client.js';
import { isRetryable } from '../core/policy/retry-policy.js';
import { historyListing, mergeListing, type Listing, type ObjectRow } from '../core/listing/merge-listing.js';
import { useR2QueryClient } from './query-client.js';
import { r2QueryKeys } from './query-keys.js';
import { getUploadHistory, resolveEndpoint, type HistoryEntry } from '../core/listing/upload-history.js';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect.js';

/** Objects per page unless `pageSize` says otherwise. */
export const DEFAULT_PAGE_SIZE = 100;

/** ListObjectsV2's own maximum; the server caps larger limits anyway. */
const MAX_PAGE_SIZE = 1000;

/** Options of {@link useR2Objects}. */
export interface UseR2ObjectsOptions {
  /** The endpoint the upload handler answers at; the list is `GET <endpoint>`. */
  endpoint: string;
  /** A full key prefix to list (`users/42/photos/`); default: everything the backend lets the caller see. */
  prefix?: string;
  /** `/` returns "folders" as `prefixes` instead of every key below them. */
  delimiter?: '/';
  /** Objects per page, 1 to 1,000. Default 100. */
  pageSize?: number;
  /** Extra headers for the backend, as for uploads (an auth header, ...). */
  headers?: BackendOptions['headers'];
  /** `fetch` credentials mode for the backend. Default `same-origin`. */
  credentials?: RequestCredentials;
  /** Set `false` to wait before listing. Default `true`. */
  enabled?: boolean;
}

/** What {@link useR2Objects} returns. */
export interface UseR2ObjectsResult {
  /** The objects loaded so far, in key order, with this page's unconfirmed uploads added (`pending: true`). */
  objects: readonly ObjectRow[];
  /** With a delimiter: the "folders" under the listed prefix, as full prefixes. */
  prefixes: readonly string[];
  /** The prefix the backend listed (its scope when no `prefix` was asked for); `undefined` until known. */
  prefix: string | undefined;
  /**
   * `server` when the backend lists objects; `history` when it has no list
   * route (404, 405 or 501), and `objects` are this browser's recent uploads.
   */
  source: 'server' | 'history';
  /** What else the backend allows; nothing while unknown or for `history`. */
  capabilities: ObjectListCapabilities;
  /** `pending` until the first page (or the first failure). */
  status: 'pending' | 'error' | 'success';
  /** True while any page is being fetched, in the background too. */
  isFetching: boolean;
  /** Why the last fetch failed (kept while older data is still shown). */
  error: R2UploadError | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** Loads the next page. */
  fetchNextPage: () => Promise<unknown>;
  /** Loads every loaded page again. */
  refetch: () => Promise<unknown>;
  /** Deletes an object (when the backend allows it), then updates every list of this endpoint. Rejects with an `R2UploadError`. */
  remove: (key: string) => Promise<void>;
  /** Asks the backend for a short-lived download URL. Rejects with an `R2UploadError`. */
  getDownloadUrl: (key: string) => Promise<DownloadTarget>;
  /** A link that downloads the object when followed (the backend redirects a browser navigation). */
  downloadHref: (key: string) => string;
}

/** A page as cached: what the backend answered, plus what merging needs. */
interface LoadedPage extends ObjectListPage {
  /** The page's upload `seq` when the fetch started: later uploads cannot be in it. */
  fetchSeq: number;
  /** The backend has no list route. */
  unsupported: boolean;
}

const NO_CAPABILITIES: ObjectListCapabilities = { download: false, delete: false };
const NO_ENTRIES: readonly HistoryEntry[] = [];
const EMPTY: Listing = { objects: [], prefixes: [] };

/** Retries what may pass by the uploads' own rules (no answer, 5xx, 408, 429), at most twice; a 4xx or a malformed answer will not change. */
const retryTransient = (failureCount: number, error: R2UploadError) => failureCount < 2 && isRetryable(error);

function withoutKey(data: InfiniteData<LoadedPage, string> | undefined, key: string): InfiniteData<LoadedPage, string> | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, objects: page.objects.filter((object) => object.key !== key) })) };
}

/**
 * Lists the objects behind an r2-uploader endpoint, page by page, as a
 * TanStack Query infinite query (key: `r2QueryKeys.objectList(...)`). It
 * needs no `QueryClientProvider`.
 *
 * Uploads made on this page through `useR2Upload` or `<R2Uploader>` show at
 * once, as `pending` rows built from the upload result; the list is then
 * fetched again, and each row is replaced by the server's without a
 * duplicate or a gap. This works whether the uploader and the list share the
 * app's `QueryClient` or not. A backend without a list route still shows the
 * uploads made in this browser (`source: 'history'`).
 *
 * @example
 * const { objects, hasNextPage, fetchNextPage } = useR2Objects({ endpoint: '/api/upload' });
 */
export function useR2Objects(options: UseR2ObjectsOptions): UseR2ObjectsResult {
  const { endpoint, prefix, delimiter, enabled = true } = options;
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
  const queryClient = useR2QueryClient();
  const history = getUploadHistory();
  const backend = useRef<BackendOptions>(options);
  useIsomorphicLayoutEffect(() => {
    backend.current = options;
  });

  const entries = useSyncExternalStore(history.subscribe, history.getSnapshot, () => NO_ENTRIES);
  const endpointId = useMemo(() => resolveEndpoint(endpoint), [endpoint]);
  const recent = useMemo(() => entries.filter((entry) => entry.endpoint === undefined || entry.endpoint === endpointId), [entries, endpointId]);

  const queryKey = r2QueryKeys.objectList(endpoint, { prefix, delimiter, pageSize });
  const query = useInfiniteQuery<LoadedPage, R2UploadError, InfiniteData<LoadedPage, string>, typeof queryKey, string>(
    {
      queryKey,
      queryFn: async ({ pageParam, signal }) => {
        const fetchSeq = history.lastSeq();
        const page = await fetchObjectPage(backend.current, { prefix, cursor: pageParam || undefined, limit: pageSize, delimiter }, signal);
        return page ? { ...page, fetchSeq, unsupported: false } : { objects: [], prefixes: [], prefix: prefix ?? '', fetchSeq, unsupported: true };
      },
      initialPageParam: '',
      getNextPageParam: (last) => last.cursor,
      retry: retryTransient,
      enabled,
    },
    queryClient,
  );

  const pages = query.data?.pages;
  const first = pages?.[0];
  const unsupported = first?.unsupported === true;
  const listedPrefix = first?.prefix;
  const confirmedSeq = first?.fetchSeq ?? 0;
  const listing = useMemo((): Listing => {
    if (!pages || listedPrefix === undefined) return EMPTY;
    if (unsupported) return historyListing(recent, listedPrefix, delimiter);
    return mergeListing({ pages, prefix: listedPrefix, delimiter, recent, confirmedSeq, complete: !query.hasNextPage });
  }, [pages, listedPrefix, unsupported, recent, delimiter, confirmedSeq, query.hasNextPage]);

  // An upload newer than the data: fetch again, unless a fetch is under way (the uploader's own
  // invalidation, when it shares this QueryClient). At most once per upload, so failures do not loop.
  const newestSeq = recent.reduce((newest, entry) => (listedPrefix !== undefined && entry.key.startsWith(listedPrefix) ? Math.max(newest, entry.seq) : newest), 0);
  const requested = useRef(0);
  const { isFetching } = query;
  useEffect(() => {
    if (!enabled || unsupported || isFetching || newestSeq <= confirmedSeq || newestSeq <= requested.current) return;
    requested.current = newestSeq;
    void queryClient.invalidateQueries({ queryKey, exact: true });
    // queryKey is rebuilt on every render: its parts are the dependencies.
  }, [enabled, unsupported, isFetching, newestSeq, confirmedSeq, queryClient, endpoint, prefix, delimiter, pageSize]);

  const remove = useCallback(
    async (key: string) => {
      await deleteObject(backend.current, key);
      history.forget(key, endpoint);
      const lists = r2QueryKeys.objects(endpoint);
      queryClient.setQueriesData<InfiniteData<LoadedPage, string>>({ queryKey: lists }, (data) => withoutKey(data, key));
      void queryClient.invalidateQueries({ queryKey: lists });
    },
    [endpoint, history, queryClient],
  );
  const getDownloadUrl = useCallback((key: string) => requestDownloadUrl(backend.current, key), []);
  const downloadHref = useCallback((key: string) => endpointUrl(endpoint, '/download', { key }), [endpoint]);

  return {
    objects: listing.objects,
    prefixes: listing.prefixes,
    prefix: listedPrefix,
    source: unsupported ? 'history' : 'server',
    capabilities: unsupported ? NO_CAPABILITIES : (first?.capabilities ?? NO_CAPABILITIES),
    status: query.status,
    isFetching,
    error: query.error,
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    // Bound by TanStack Query: stable for the hook's life.
    fetchNextPage: query.fetchNextPage,
    refetch: query.refetch,
    remove,
    getDownloadUrl,
    downloadHref,
  };
}
