import { MAX_FILES_PER_SIGN_BATCH, type SignBatchAnswer, type SignBatchRefusal, type UploadTarget } from '../core/protocol/upload-protocol.js';
import { authorizeGrant, type Grant } from './authorize.js';
import type { ResolvedConfig } from './config.js';
import { HttpError, invalid, jsonResponse } from './http-error.js';
import { signUpload } from './presign-route.js';
import { parseUploadRequest, record } from './upload-request.js';
import { tooManyFiles } from '../core/policy/rules.js';

/** `{ files: [...] }` with 1 to 100 entries; each entry is checked on its own. */
export function parseBatchFiles(value: unknown): unknown[] {
  const shape = `{ "files": [...] } with 1 to ${MAX_FILES_PER_SIGN_BATCH} files, each { "filename", "contentType", "size" }`;
  const { files } = record(value, `: ${shape}`);
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES_PER_SIGN_BATCH) throw invalid(`The body must be ${shape}.`);
  return files;
}

/** One entry's target, or its refusal with the status a single request would get. Bugs (non-`HttpError`) fail the whole batch. */
async function signEntry(entry: unknown, grant: Grant, config: ResolvedConfig, request: Request): Promise<UploadTarget | SignBatchRefusal> {
  try {
    return await signUpload(parseUploadRequest(entry), grant, config, request);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, error: { code: error.code, message: error.message } };
  }
}

/** The refusal of a file beyond the route's `maxFiles`, as the client's own rules word it. */
function beyondMaxFiles(maxFiles: number): SignBatchRefusal {
  const { reason, message } = tooManyFiles(maxFiles);
  return { status: 422, error: { code: reason, message } };
}

/**
 * `POST ?action=sign-batch` `{ files }` → 200 `{ files }`, one target or
 * refusal per file in the same order. Authorized once for the whole batch
 * (a refusal there signs nothing); every file then gets exactly the checks
 * of a single presign, so one refused file leaves the others signed. Files
 * beyond the route's `maxFiles` are refused (422 `too_many_files`).
 */
export async function signBatchRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const grant = await authorizeGrant(config.authorize, request, 'upload', config.route);
  const files = parseBatchFiles(body);
  const { maxFiles = Infinity } = config;
  const answer: SignBatchAnswer = {
    files: await Promise.all(files.map((entry, index) => (index < maxFiles ? signEntry(entry, grant, config, request) : beyondMaxFiles(maxFiles)))),
  };
  return jsonResponse(200, answer);
}
