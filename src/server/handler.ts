import { resolveConfig, type ResolvedConfig } from './config.js';
import { HttpError, errorResponse } from './http-error.js';
import { postRoute } from './post-route.js';
import type { R2UploadHandlerOptions, UploadHandler } from './types.js';

type Route = (request: Request, config: ResolvedConfig) => Promise<Response>;

/** One route per method; listing objects (GET) will be added here. */
const routes: Readonly<Partial<Record<string, Route>>> = {
  POST: postRoute,
};

const allowedMethods = Object.keys(routes).join(', ');

function methodNotAllowed(method: string): HttpError {
  return new HttpError(405, 'method_not_allowed', `${method} is not supported here; use ${allowedMethods}.`, { allow: allowedMethods });
}

/** Unexpected failures are logged for the operator and answered without details, never with a stack. */
function internalError(error: unknown): HttpError {
  console.error('r2-uploader: the upload handler failed', error);
  return new HttpError(500, 'internal_error', 'The upload could not be signed.');
}

function misconfigured(error: unknown): HttpError {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`r2-uploader: the upload handler is misconfigured: ${reason}`);
  return new HttpError(500, 'server_misconfigured', 'The upload handler is misconfigured; see the server log.');
}

/**
 * Creates a Web-standard handler that answers `POST { filename, contentType, size }`
 * with a presigned PUT URL for an R2 (or any S3-compatible) bucket, signing
 * `content-type` and `content-length` so the store enforces both, and
 * `POST ?action=multipart-…` with the steps of a multipart upload (create,
 * sign parts in batches, list parts, complete, abort). Runs
 * unchanged on Cloudflare Workers, Node 22 (see `toNodeHandler`) and
 * Next.js route handlers.
 *
 * Every answer is JSON; refusals are `{ error: { code, message } }` with
 * 400 (malformed), 401/403 (`authorize`), 405, 413 (`maxFileSize`), 415
 * (`allowedContentTypes`) or 500. Invalid options are reported per request
 * (500, and logged) instead of throwing here, so that importing a route
 * module without its secrets, as framework builds do, still works.
 *
 * @example
 * const handler = createR2UploadHandler({
 *   endpoint: `https://${ACCOUNT_ID}.r2.cloudflarestorage.com`,
 *   bucket: 'uploads', accessKeyId, secretAccessKey,
 *   allowedContentTypes: ['image/*'], maxFileSize: 10_000_000,
 * });
 */
export function createR2UploadHandler(options: R2UploadHandlerOptions): UploadHandler {
  let config: ResolvedConfig | undefined;
  let configError: unknown;
  try {
    config = resolveConfig(options);
  } catch (error) {
    configError = error;
  }
  return async (request) => {
    try {
      if (!config) throw misconfigured(configError);
      const route = routes[request.method.toUpperCase()];
      if (!route) throw methodNotAllowed(request.method);
      return await route(request, config);
    } catch (error) {
      return errorResponse(error instanceof HttpError ? error : internalError(error));
    }
  };
}
