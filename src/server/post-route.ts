import type { ResolvedConfig } from './config.js';
import { HttpError } from './http-error.js';
import { multipartRoutes } from './multipart-routes.js';
import { presignRoute } from './presign-route.js';

/**
 * POST without `?action=` signs a single PUT (the original protocol);
 * `?action=multipart-…` runs one multipart operation. One URL and one method
 * for everything, so that a framework route file (`app/api/upload/route.ts`)
 * needs nothing but `export { handler as POST }`.
 */
export function postRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  const action = new URL(request.url).searchParams.get('action');
  if (action === null || action === '') return presignRoute(request, config);
  const route = multipartRoutes[action];
  if (!route) {
    throw new HttpError(400, 'unknown_action', `Unknown action "${action.slice(0, 50)}"; use one of: ${Object.keys(multipartRoutes).join(', ')}.`);
  }
  return route(request, config);
}
