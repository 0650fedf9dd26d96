import { http, HttpResponse } from 'msw';
import type { GetUploadUrl } from '../../src/core/protocol/upload-protocol.ts';
import type { Uploader, UploadState } from '../../src/core/engine/types.ts';

/** The bucket unit tests answer with msw handlers of their own. */
export const BUCKET = 'https://bucket.test';

/** The CORS headers of a bucket that allows browser PUTs and exposes the ETag. */
export const bucketCors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'PUT',
  'access-control-allow-headers': 'content-type',
  'access-control-expose-headers': 'ETag',
};

/** Signs nothing: each file goes to `BUCKET/<name>`, where the test's handlers answer. */
export const toBucket: GetUploadUrl = async (file) => ({ url: `${BUCKET}/${file.name}`, method: 'PUT', headers: {}, key: file.name });

/** Every state the uploader's first upload is in while `retrying`, in order. */
export function retryingStates(uploader: Uploader): UploadState[] {
  const retrying: UploadState[] = [];
  uploader.subscribe(() => {
    const upload = uploader.getSnapshot().uploads[0];
    if (upload?.status === 'retrying') retrying.push(upload);
  });
  return retrying;
}

/**
 * msw handlers for the bucket: its CORS preflight, and PUTs stored with the
 * ETag `"e"`, unless `answer` returns a response to send instead (a refusal,
 * or `HttpResponse.error()` for no answer at all).
 */
export function bucketHandlers(answer: () => Response | undefined = () => undefined) {
  return [
    http.options(`${BUCKET}/*`, () => new HttpResponse(null, { status: 204, headers: bucketCors })),
    http.put(`${BUCKET}/*`, () => answer() ?? new HttpResponse(null, { status: 200, headers: { ...bucketCors, etag: '"e"' } })),
  ];
}
