import { COMPLETE_ACTION, SIGN_BATCH_ACTION } from '../core/protocol/upload-protocol.js';
import type { ResolvedConfig } from './config.js';
import { HttpError } from './http-error.js';
import { multipartRoutes } from './multipart-routes.js';
import { presignRoute } from './presign-route.js';
import { signBatchRoute } from './sign-batch-route.js';
import { uploadCompleteRoute } from './upload-complete-route.js';

type ActionRoute = (request: Request, config: ResolvedConfig) => Promise<Response>;

/** Every `?action=` a POST may name. */
const actionRoutes: Readonly<Record<string, ActionRoute>> = { [SIGN_BATCH_ACTION]: signBatchRoute, [COMPLETE_ACTION]: uploadCompleteRoute, ...multipartRoutes };

/**
 * POST without `?action=` signs a single PUT (the original protocol);
 * `?action=sign-batch` signs many single PUTs at once and
 * `?action=multipart-…` runs one multipart operation, and `?action=complete`
 * verifies a stored upload and runs `onUploadComplete`. One URL and one method
 * for everything, so that a framework route file (`app/api/upload/route.ts`)
 * needs nothing but `export { handler as POST }`.
 */
export function postRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  const action = new URL(request.url).searchParams.get('action');
  if (action === null || action === '') return presignRoute(request, config);
  const route = Object.hasOwn(actionRoutes, action) ? actionRoutes[action] : undefined;
  if (!route) {
    throw new HttpError(400, 'unknown_action', `Unknown action "${action.slice(0, 50)}"; use one of: ${Object.keys(actionRoutes).join(', ')}.`);
  }
  return route(request, config);
}
