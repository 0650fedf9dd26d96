import { isRecord } from './is-record.js';
import { postToBackend, type BackendOptions } from './backend-fetch.js';
import { R2UploadError } from '../errors/upload-error.js';
import { COMPLETE_ACTION, type CompleteUploadAnswer, type CompleteUploadRequest } from './upload-protocol.js';

function invalidCompletion(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, {
    hint: 'The backend must answer ?action=complete with { "key", "etag", "serverData"? } (see the protocol in the README).',
  });
}

/**
 * `POST <endpoint>?action=complete` `{ token, etag }`: the backend checks the
 * stored object and runs the app's `onUploadComplete`. Every failure is an
 * `R2UploadError` (`complete_failed` when the app's code refused).
 */
export async function requestCompletion(options: BackendOptions, request: CompleteUploadRequest, signal: AbortSignal): Promise<CompleteUploadAnswer> {
  const answer = await postToBackend(options, request, signal, invalidCompletion, COMPLETE_ACTION);
  if (!isRecord(answer) || typeof answer.key !== 'string' || typeof answer.etag !== 'string') {
    throw invalidCompletion('The upload backend answered ?action=complete without a "key" and an "etag".');
  }
  return { key: answer.key, etag: answer.etag, ...(answer.serverData === undefined ? {} : { serverData: answer.serverData }) };
}
