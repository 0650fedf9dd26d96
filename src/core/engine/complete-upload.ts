import { requestCompletion } from '../protocol/completion-client.js';
import { withBackendTimeout } from '../protocol/backend-timeout.js';
import type { StoredUpload, UploadResult } from '../protocol/upload-protocol.js';
import { withRetries } from '../policy/with-retries.js';
import { visibleRetries, type TransferContext } from './transfer-context.js';
import type { UploaderOptions } from './types.js';

/**
 * Verified completion: when the backend signed the upload with a completion
 * token, the upload is done only once `?action=complete` succeeded (the
 * backend checked the object and ran the app's code), retried on transient
 * failures like any backend request. Its `serverData` joins the result.
 * Without an `endpoint` (a custom `getUploadUrl`), the app completes on its own.
 */
export async function completeStored(context: TransferContext, options: UploaderOptions, stored: StoredUpload): Promise<UploadResult> {
  const { completion, ...result } = stored;
  const { endpoint } = options;
  if (!completion || !endpoint) return result;
  // Not interrupted by a pause: the bytes are stored, and the app's code may already be running.
  const signal = new AbortController().signal;
  const answer = await withRetries(
    () => withBackendTimeout(options.backendTimeout, signal, (timed) => requestCompletion({ ...options, endpoint }, { token: completion, etag: stored.etag }, timed)),
    visibleRetries(context, { count: 0 }, signal),
  );
  return answer.serverData === undefined ? result : { ...result, serverData: answer.serverData };
}
