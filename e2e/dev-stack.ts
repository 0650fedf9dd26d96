import { createHash } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import type { DevFault, DevProxyReport } from '../demo/dev-proxy-routes.ts';
import type { CorsRule } from '../test/support/s3-proxy.ts';
import type { ResumeRecord } from '../src/core/engine/resume-store.ts';

/**
 * A fresh connection per control request: after a long upload, a kept-alive one may be the one
 * the dev server is just closing (its keep-alive timeout is 5 s), and the request fails with ECONNRESET.
 */
export const FRESH_CONNECTION = { headers: { connection: 'close' } };

/** Steers the dev server's fault proxy (R2_DEV_PROXY=1, as the e2e config sets). */
export const devProxy = {
  reset: (request: APIRequestContext) => request.delete('/__r2-dev/proxy', FRESH_CONNECTION),
  inject: (request: APIRequestContext, faults: DevFault[]) => request.post('/__r2-dev/proxy', { ...FRESH_CONNECTION, data: { faults } }),
  cors: (request: APIRequestContext, cors: CorsRule[] | null) => request.post('/__r2-dev/proxy', { ...FRESH_CONNECTION, data: { cors } }),
  report: async (request: APIRequestContext): Promise<DevProxyReport> =>
    (await request.get('/__r2-dev/proxy', FRESH_CONNECTION)).json() as Promise<DevProxyReport>,
};

export type LoggedRequest = DevProxyReport['requests'][number];

/** The part number of a logged UploadPart, or undefined for any other request. */
export function partNumberOf(request: LoggedRequest): number | undefined {
  const match = /[?&]partNumber=(\d+)/.exec(request.url);
  return request.method === 'PUT' && match ? Number(match[1]) : undefined;
}

export const partPuts = (report: DevProxyReport) => report.requests.filter((request) => partNumberOf(request) !== undefined);

/** True when two logged requests were in flight at the same time. */
export function overlapped(requests: readonly LoggedRequest[]): boolean {
  return requests.some((a) => requests.some((b) => a !== b && a.start < (b.end ?? Infinity) && b.start < (a.end ?? Infinity)));
}

/** The bucket's incomplete multipart uploads, read from the store's own records. */
export async function incompleteUploads(request: APIRequestContext): Promise<Array<{ key: string; uploadId: string }>> {
  return (await request.get('/__r2-dev/multipart-uploads', FRESH_CONNECTION)).json() as Promise<Array<{ key: string; uploadId: string }>>;
}

/** The ETag R2 gives a multipart object: the MD5 of the part MD5s, then -N. */
export function multipartEtag(bytes: Uint8Array, partSize: number): string {
  const digests: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += partSize) digests.push(createHash('md5').update(bytes.subarray(start, start + partSize)).digest());
  return `${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${digests.length}`;
}

/**
 * The resumable uploads in the page's IndexedDB (the library's database, read
 * directly), after putting `records` there first, as an earlier visit would
 * have left them. The schema is the library's: version 1, one store keyed by id.
 */
export function savedUploads(page: Page, records: ResumeRecord[] = []): Promise<ResumeRecord[]> {
  return page.evaluate(
    (items) =>
      new Promise<ResumeRecord[]>((resolve, reject) => {
        const open = indexedDB.open('r2-uploader', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('multipart-uploads', { keyPath: 'id' }).createIndex('expiresAt', 'expiresAt');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('multipart-uploads', 'readwrite').objectStore('multipart-uploads');
          for (const item of items) store.put(item);
          const all = store.getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as ResumeRecord[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    records,
  );
}
