'use client';

import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { pageSlot } from '../core/page/page-runtime.js';

/**
 * The query-key prefix of everything r2-uploader caches (object lists, ...).
 * Every successful upload invalidates the queries under it.
 */
export const R2_UPLOADER_QUERY_KEY = ['r2-uploader'] as const;

/**
 * The browser page's default client, one per copy of TanStack Query (a client
 * of another copy would not fit its hooks), kept in the page runtime.
 */
function pageClient(): QueryClient {
  const clients = pageSlot('query-clients.v1', () => new WeakMap<typeof QueryClient, QueryClient>());
  let client = clients.get(QueryClient);
  if (!client) clients.set(QueryClient, (client = new QueryClient()));
  return client;
}

/** No window: server rendering, where a module-level client would carry one request's cache into the next. */
const onServer = () => typeof window === 'undefined';

/**
 * The app's `QueryClient` when a `QueryClientProvider` is above, else a
 * default one, so r2-uploader works with no setup and never throws "No
 * QueryClient set". In the browser the default is one per page; on the
 * server each component gets its own, so one request's cache never reaches
 * another's.
 */
export function useR2QueryClient(): QueryClient {
  const provided = useContext(QueryClientContext);
  const [own] = useState(() => (provided || !onServer() ? undefined : new QueryClient()));
  return provided ?? own ?? pageClient();
}
