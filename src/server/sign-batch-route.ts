import { MAX_FILES_PER_SIGN_BATCH, type SignBatchAnswer, type SignBatchRefusal, type UploadTarget } from '../core/protocol/upload-protocol.js';
import { authorizeRequest } from './authorize.js';
import type { ResolvedConfig } from './config.js';
import { HttpError, invalid, jsonResponse } from './http-error.js';
import { readJsonBody } from './request-body.js';
import { signUpload } from './presign-route.js';
import { parseUploadRequest, record } from './upload-request.js';

/**
 * 100 entries of a few hundred bytes each; 2.5 kB per entry leaves room for
 * long non-Latin names escaped as `\uXXXX` while still refusing a flood.
 */
export const SIGN_BATCH_BODY_BYTES = 256 * 1024;

/** `{ files: [...] }` with 1 to 100 entries; each entry is checked on its own. */
export function parseBatchFiles(value: unknown): unknown[] {
  const shape = `{ "files": [...] } with 1 to ${MAX_FILES_PER_SIGN_BATCH} files, each { "filename", "contentType", "size" }`;
  const { files } = record(value, `: ${shape}`);
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES_PER_SIGN_BATCH) throw invalid(`The body must be ${shape}.`);
  return files;
}

/** One entry's target, or its refusal with the status a single request would get. Bugs (non-`HttpError`) fail the whole batch. */
async function signEntry(entry: unknown, confinedTo: string | undefined, config: ResolvedConfig, request: Request): Promise<UploadTarget | SignBatchRefusal> {
  try {
    return await signUpload(parseUploadRequest(entry), confinedTo, config, request);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, error: { code: error.code, message: error.message } };
  }
}

/**
 * `POST ?action=sign-batch` `{ files }` → 200 `{ files }`, one target or
 * refusal per file in the same order. Authorized once for the whole batch
 * (a refusal there signs nothing); every file then gets exactly the checks
 * of a single presign, so one refused file leaves the others signed.
 */
export async function signBatchRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  const confinedTo = await authorizeRequest(config.authorize, request);
  const files = parseBatchFiles(await readJsonBody(request, SIGN_BATCH_BODY_BYTES));
  const answer: SignBatchAnswer = { files: await Promise.all(files.map((entry) => signEntry(entry, confinedTo, config, request))) };
  return jsonResponse(200, answer);
}
