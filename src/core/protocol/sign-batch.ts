import { pageSlot } from '../page/page-runtime.js';
import { backendErrorFrom } from './backend-failure.js';
import { invalidTarget, parseUploadTarget } from './backend-client.js';
import { isRecord } from './is-record.js';
import { postToBackend, type BackendOptions } from './backend-fetch.js';
import { R2UploadError, toR2UploadError } from '../errors/upload-error.js';
import { SIGN_BATCH_ACTION, type UploadTarget, type UploadUrlRequest } from './upload-protocol.js';

/** A target, or the typed error a single request for that file would have given. */
export type SignOutcome = UploadTarget | R2UploadError;

/** How long an endpoint that showed no `sign-batch` route gets one request per file before a batch is tried again: a deploy may add the route, and one odd 400 must not turn batches off until reload. */
export const BATCH_RETRY_AFTER = 10 * 60 * 1000;

/** When each endpoint that answered a batch with "no such route" did so, page-wide. */
const refusedAt = () => pageSlot('batch-refusals@1', () => new Map<string, number>());

/** False for a while after the endpoint showed it has no `sign-batch` route. */
export function signsBatches(endpoint: string): boolean {
  const at = refusedAt().get(endpoint);
  if (at === undefined) return true;
  if (Date.now() - at < BATCH_RETRY_AFTER) return false;
  refusedAt().delete(endpoint);
  return true;
}

/** Statuses by which a backend says it has no `sign-batch` route. */
const NO_BATCH_ROUTE = [400, 404, 405, 501];

/** One entry of a batch answer: a target, or a refusal `{ status, error: { code, message } }` as that file's error. */
function outcomeOf(entry: unknown): SignOutcome {
  if (isRecord(entry) && 'error' in entry) return backendErrorFrom(typeof entry.status === 'number' ? entry.status : 400, '', entry);
  try {
    return parseUploadTarget(entry);
  } catch (error) {
    return toR2UploadError(error);
  }
}

/** Checks a batch answer: one entry per file asked for, in order. */
export function parseSignBatchAnswer(value: unknown, count: number): SignOutcome[] {
  const files = isRecord(value) ? value.files : undefined;
  if (!Array.isArray(files) || files.length !== count) {
    throw invalidTarget(`The backend answered sign-batch without "files" holding one entry for each of the ${count} files.`);
  }
  return files.map(outcomeOf);
}

/**
 * `POST <endpoint>?action=sign-batch`. Resolves to `undefined` when the
 * backend has no such route (and remembers that for the endpoint), so the
 * caller signs file by file instead. A backend that ignores `action` and
 * answers 2xx without `files` counts as having no such route too.
 */
export async function requestSignBatch(options: BackendOptions, requests: readonly UploadUrlRequest[], signal: AbortSignal): Promise<SignOutcome[] | undefined> {
  if (!signsBatches(options.endpoint)) return undefined;
  let answer: unknown;
  try {
    answer = await postToBackend(options, { files: requests }, signal, invalidTarget, SIGN_BATCH_ACTION);
  } catch (error) {
    if (!(error instanceof R2UploadError && error.code === 'backend_error' && NO_BATCH_ROUTE.includes(error.status ?? 0))) throw error;
  }
  if (isRecord(answer) && Array.isArray(answer.files)) return parseSignBatchAnswer(answer, requests.length);
  refusedAt().set(options.endpoint, Date.now());
  return undefined;
}
