import type { ResolvedConfig } from './config.js';
import { deleteRoute } from './delete-route.js';
import { isMethodEnabled } from './features.js';
import { getRoute } from './get-route.js';
import { HttpError, errorResponse } from './http-error.js';
import { checkOrigin } from './origin-check.js';
import { configRoute } from './config-route.js';
import { CONFIG_ACTION } from '../core/protocol/rules-protocol.js';
import { postRoute } from './post-route.js';
import type { R2UploadHandlerOptions } from './handler-options.js';
import { resolveHandlerConfig, type HandlerConfig } from './route-config.js';
import type { MetadataInput, ServerDataOf, UploadRouteOptions } from './route-types.js';
import type { TypedUploadHandler } from '../core/protocol/route-contracts.js';

type MethodRoute = (request: Request, config: HandlerConfig) => Promise<Response>;

/** Listing, downloads and deletes are the handler's own, whatever the routes of uploads. */
const own = (route: (request: Request, config: ResolvedConfig) => Promise<Response>): MethodRoute => (request, config) => route(request, config.base);

/** One route per method. GET (list, download) and DELETE answer only when their options are on. */
const routes: Readonly<Partial<Record<string, MethodRoute>>> = {
  POST: postRoute,
  GET: own(getRoute),
  DELETE: own(deleteRoute),
};

/** `GET ?action=config` answers whatever else GET does: the rules are every upload's. */
const isConfigRequest = (method: string, request: Request) => method === 'GET' && new URL(request.url).searchParams.get('action') === CONFIG_ACTION;

/** The handler, typed by its routes: `createR2Client<typeof handler>()` in the browser reads them. */
export type R2UploadHandler<Validators, Routes> = TypedUploadHandler<{
  [Name in keyof Validators & string]: { metadata: MetadataInput<Validators[Name]>; serverData: ServerDataOf<Routes[Name & keyof Routes]> };
}>;

function methodNotAllowed(method: string, config: ResolvedConfig): HttpError {
  const allowed = Object.keys(routes).filter((name) => isMethodEnabled(name, config.features)).join(', ');
  return new HttpError(405, 'method_not_allowed', `${method} is not supported here; use ${allowed}.`, { allow: allowed });
}

/** Unexpected failures are logged for the operator and answered without details, never with a stack. */
function internalError(error: unknown, request: Request): HttpError {
  // A client that went away (a superseded list refetch, a closed tab) is no failure of the handler's.
  if (!request.signal.aborted) console.error('r2-uploader: the upload handler failed', error);
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
 * `content-type` and `content-length` so the store enforces both,
 * `POST ?action=sign-batch` with up to 100 such files at once, and
 * `POST ?action=multipart-…` with the steps of a multipart upload (create,
 * sign parts in batches, list parts, complete, abort), and
 * `GET ?action=config&route=` with a route's file rules for the browser. Runs
 * unchanged on Cloudflare Workers, Node 22 (see `toNodeHandler`) and
 * Next.js route handlers.
 *
 * With `list`, `download` or `delete` on, it also answers `GET <endpoint>`
 * (a page of objects in the caller's scope), `GET <endpoint>/download?key=`
 * (a presigned GET URL) and `DELETE <endpoint>?key=`; see the README's protocol.
 *
 * Every answer is JSON (but a download's redirect); refusals are
 * `{ error: { code, message } }` with 400 (malformed), 401/403 (`authorize`,
 * or outside the caller's scope), 403 (`allowedOrigins`), 404, 405, 413
 * (`maxFileSize`), 415 (`accept`), 422 (`minFileSize`, `validate`), 500, or
 * 502 (the store refused). The file rules are the client's own (`checkFile`
 * from the core), so both sides refuse the same files with the same codes.
 * Invalid options are reported per request (500, and logged) instead of
 * throwing here, so that importing a route module without its secrets, as
 * framework builds do, still works.
 *
 * @example
 * const handler = createR2UploadHandler({
 *   endpoint: `https://${ACCOUNT_ID}.r2.cloudflarestorage.com`,
 *   bucket: 'uploads', accessKeyId, secretAccessKey,
 *   allowedContentTypes: ['image/*'], maxFileSize: 10_000_000,
 * });
 */
export function createR2UploadHandler<Validators extends Record<string, unknown> = {}, Routes extends { [Name in keyof Validators]: unknown } = { [Name in keyof Validators]: unknown }>(
  options: Omit<R2UploadHandlerOptions, 'routes'> & { routes?: Routes & { [Name in keyof Validators]: UploadRouteOptions<Validators[Name]> } },
): R2UploadHandler<Validators, Routes> {
  let config: HandlerConfig | undefined;
  let configError: unknown;
  try {
    config = resolveHandlerConfig(options as R2UploadHandlerOptions);
  } catch (error) {
    configError = error;
  }
  return async (request) => {
    try {
      if (!config) throw misconfigured(configError);
      checkOrigin(request, config.base.allowedOrigins);
      const method = request.method.toUpperCase();
      const route = isConfigRequest(method, request) ? configRoute : isMethodEnabled(method, config.base.features) ? routes[method] : undefined;
      if (!route) throw methodNotAllowed(request.method, config.base);
      return await route(request, config);
    } catch (error) {
      return errorResponse(error instanceof HttpError ? error : internalError(error, request));
    }
  };
}
