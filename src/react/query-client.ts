import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { useContext } from 'react';

/**
 * The query-key prefix of everything r2-uploader caches (object lists, ...).
 * Every successful upload invalidates the queries under it.
 */
export const R2_UPLOADER_QUERY_KEY = ['r2-uploader'] as const;

/** The module's own client, created on first use, for apps without a `QueryClientProvider`. */
let fallbackClient: QueryClient | undefined;

/**
 * The app's `QueryClient` when a `QueryClientProvider` is above, else a
 * module-level default one, so r2-uploader works with no setup and never
 * throws "No QueryClient set".
 */
export function useR2QueryClient(): QueryClient {
  return useContext(QueryClientContext) ?? (fallbackClient ??= new QueryClient());
}
