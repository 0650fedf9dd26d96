import { HttpResponse } from 'msw';
import type { CompleteUploadAnswer } from '../core/protocol/upload-protocol.js';
import type { UploadMetadata } from '../core/policy/upload-metadata.js';
import type { FakeBucket } from './fake-bucket.js';
import { badRequest, errorResponse, isRecord } from './fake-protocol.js';

/** What the fake backend hands to its `onUploadComplete`, as `createR2UploadHandler` does (without the request). */
export interface FakeCompletedUpload {
  key: string;
  size: number;
  contentType: string;
  etag: string;
  /** The route the upload was signed for, with `routes`. */
  route?: string;
  /** The metadata the client sent with the file. */
  metadata?: UploadMetadata;
}

/** The app's code for a stored upload in tests: its result is the client's `serverData`; a throw answers 422 `complete_failed` with its message. */
export type FakeUploadComplete = (upload: FakeCompletedUpload) => unknown;

const PREFIX = 'fake-completion.';

/** A readable stand-in for the real handler's HMAC token: what was signed, in the clear (tests need no secrecy). */
export function fakeCompletionToken(upload: Omit<FakeCompletedUpload, 'etag'>): string {
  return `${PREFIX}${encodeURIComponent(JSON.stringify(upload))}`;
}

function claimsOf(token: unknown): Omit<FakeCompletedUpload, 'etag'> | undefined {
  if (typeof token !== 'string' || !token.startsWith(PREFIX)) return undefined;
  try {
    const claims = JSON.parse(decodeURIComponent(token.slice(PREFIX.length))) as unknown;
    return isRecord(claims) && typeof claims.key === 'string' ? (claims as Omit<FakeCompletedUpload, 'etag'>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `?action=complete` of the fake backend: checks the token (and its route) and, with a fake
 * bucket, that the object is stored with the ETag the client reports (409
 * `upload_incomplete` / `object_mismatch` otherwise), then runs `onUploadComplete`.
 */
export async function fakeCompleteRoute(body: unknown, onUploadComplete: FakeUploadComplete, bucket: FakeBucket | undefined, route: string | undefined): Promise<Response> {
  const claims = isRecord(body) ? claimsOf(body.token) : undefined;
  const etag = isRecord(body) ? body.etag : undefined;
  // A token signed for one route completes only through it, as the real handler's does.
  if (!claims || claims.route !== route) return errorResponse({ status: 400, code: 'invalid_token', message: 'The completion token is missing or was not signed by this backend.' });
  if (typeof etag !== 'string' || etag === '') return badRequest('Send { token, etag }.');
  const stored = bucket?.get(claims.key);
  if (bucket && !stored) return errorResponse({ status: 409, code: 'upload_incomplete', message: 'The file is not in the bucket: upload it before completing.' });
  if (stored && stored.etag !== etag) return errorResponse({ status: 409, code: 'object_mismatch', message: 'The stored file differs from the upload (ETag).' });
  try {
    const serverData = await onUploadComplete({ ...claims, etag });
    const answer: CompleteUploadAnswer = { key: claims.key, etag, ...(serverData === undefined ? {} : { serverData }) };
    return HttpResponse.json(answer);
  } catch (error) {
    return errorResponse({ status: 422, code: 'complete_failed', message: error instanceof Error ? error.message : String(error) });
  }
}
