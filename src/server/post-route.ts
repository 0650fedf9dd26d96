import { MULTIPART_ACTIONS } from '../core/protocol/multipart-protocol.js';
import { COMPLETE_ACTION, SIGN_BATCH_ACTION } from '../core/protocol/upload-protocol.js';
import { authorizeRequest } from './authorize.js';
import type { ResolvedConfig } from './config.js';
import { HttpError } from './http-error.js';
import { multipartRoutes } from './multipart-routes.js';
import { presignRoute } from './presign-route.js';
import { MAX_BODY_BYTES, readJsonBody } from './request-body.js';
import { routeConfig, type HandlerConfig } from './route-config.js';
import { signBatchRoute } from './sign-batch-route.js';
import { uploadCompleteRoute } from './upload-complete-route.js';

/** One POST operation, given the options of the route its body names and the body itself. */
export type ActionRoute = (request: Request, config: ResolvedConfig, body: unknown) => Promise<Response>;

/** Every `?action=` a POST may name. */
const actionRoutes: Readonly<Record<string, ActionRoute>> = { [SIGN_BATCH_ACTION]: signBatchRoute, [COMPLETE_ACTION]: uploadCompleteRoute, ...multipartRoutes };

/**
 * The largest body each action reads. A few hundred bytes per file, plus up
 * to 4 KiB of metadata; a completion token carries the metadata (URI-encoded,
 * up to three times longer); `multipart-complete` lists up to 10,000 ETags.
 */
const BODY_LIMITS: Readonly<Record<string, number>> = {
  [SIGN_BATCH_ACTION]: 1024 * 1024,
  [COMPLETE_ACTION]: 64 * 1024,
  [MULTIPART_ACTIONS.complete]: 4 * 1024 * 1024,
};

/**
 * POST without `?action=` signs a single PUT (the original protocol);
 * `?action=sign-batch` signs many single PUTs at once and
 * `?action=multipart-…` runs one multipart operation, and `?action=complete`
 * verifies a stored upload and runs `onUploadComplete`. One URL and one method
 * for everything, so that a framework route file (`app/api/upload/route.ts`)
 * needs nothing but `export { handler as POST }`. The body names the route
 * (when there are routes), so it is read before `authorize` runs; nothing
 * else in it is looked at before.
 */
export async function postRoute(request: Request, handler: HandlerConfig): Promise<Response> {
  const action = new URL(request.url).searchParams.get('action') ?? '';
  const route: ActionRoute | undefined = action === '' ? presignRoute : Object.hasOwn(actionRoutes, action) ? actionRoutes[action] : undefined;
  if (!route) {
    throw new HttpError(400, 'unknown_action', `Unknown action "${action.slice(0, 50)}"; use one of: ${Object.keys(actionRoutes).join(', ')}.`);
  }
  let body: unknown;
  try {
    body = await readJsonBody(request, BODY_LIMITS[action] ?? MAX_BODY_BYTES);
  } catch (error) {
    // A body that names no route is judged by the handler's own authorize first: anonymous callers learn nothing from it.
    await authorizeRequest(handler.base.authorize, request, action === COMPLETE_ACTION ? 'complete' : 'upload');
    throw error;
  }
  return route(request, routeConfig(handler, body), body);
}
