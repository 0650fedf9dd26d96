import { HttpError } from './http-error.js';

/** Methods that change state: the ones a cross-site page could forge with the user's cookies. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (403 `origin_not_allowed`) a state-changing request whose `Origin`
 * is not allowed. Browsers send `Origin` with every such request, so one
 * without it is refused too: it did not come from an allowed page. Reading
 * (GET) is left alone: browsers omit `Origin` on same-origin GETs, and CORS
 * already keeps other sites from reading the answer.
 */
export function checkOrigin(request: Request, allowedOrigins: readonly string[] | undefined): void {
  if (allowedOrigins === undefined || !UNSAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get('origin');
  if (origin !== null && allowedOrigins.includes(origin.toLowerCase())) return;
  throw new HttpError(403, 'origin_not_allowed', origin === null ? 'The request has no Origin header.' : `Requests from ${origin} are not allowed.`);
}
