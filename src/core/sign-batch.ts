import { backendErrorFrom } from './failure-kit.js';
import { invalidTarget, isRecord, parseUploadTarget, postToBackend, R2UploadError, toR2UploadError, type BackendOptions } from './engine-shared.js';
import { SIGN_BATCH_ACTION, type UploadTarget, type UploadUrlRequest } from './protocol.js';

/** A target, or the typed error a single request for that file would have given. */
export type SignOutcome = UploadTarget | R2UploadError;

/** Endpoints that answered a batch with "no such route": they get one request per file from then on. */
const withoutBatch = new Set<string>();

/** False once the endpoint showed it has no `sign-batch` route. */
export const signsBatches = (endpoint: string) => !withoutBatch.has(endpoint);

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
  if (withoutBatch.has(options.endpoint)) return undefined;
  let answer: unknown;
  try {
    answer = await postToBackend(options, { files: requests }, signal, invalidTarget, SIGN_BATCH_ACTION);
  } catch (error) {
    if (!(error instanceof R2UploadError && error.code === 'backend_error' && NO_BATCH_ROUTE.includes(error.status ?? 0))) throw error;
  }
  if (isRecord(answer) && Array.isArray(answer.files)) return parseSignBatchAnswer(answer, requests.length);
  withoutBatch.add(options.endpoint);
  return undefined;
}
