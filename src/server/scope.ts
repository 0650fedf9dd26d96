import { authorizeRequest } from './authorize.js';
import type { ResolvedConfig } from './config.js';
import { HttpError, invalid } from './http-error.js';
import { isWithinPrefix, keyProblem } from './object-key.js';
import type { HandlerAction } from './types.js';

/**
 * The prefix a request may act within: the one `authorize` grants, else the
 * `prefix` option (where default upload keys go). `''` is the whole bucket.
 */
export async function requestScope(config: ResolvedConfig, request: Request, action: HandlerAction): Promise<string> {
  return (await authorizeRequest(config.authorize, request, action)) ?? config.prefix;
}

/** The scope as a listing prefix: `users/42/`, or `''` for the whole bucket. */
function scopeRoot(scope: string): string {
  return scope === '' ? '' : `${scope}/`;
}


function outOfScope(what: string, scope: string): HttpError {
  return new HttpError(403, 'forbidden', `${what} is outside the files you may see ("${scopeRoot(scope)}").`);
}

/**
 * The prefix to list: the requested one when it lies inside the scope, else
 * the scope itself when none is asked for. Prefixes are literal strings to
 * the store, but a `..` or `.` segment, a leading `/` or a control character
 * is refused all the same: no key the handler makes contains them, and
 * accepting them would invite the same string into download and delete URLs,
 * where URL parsers do resolve dots.
 */
export function resolveListPrefix(requested: string | null, scope: string): string {
  if (requested === null || requested === '' || requested === scope) return scopeRoot(scope);
  const problem = keyProblem(requested.endsWith('/') ? requested.slice(0, -1) : requested);
  if (problem) throw invalid(`"prefix" is not a usable key prefix: ${problem}.`);
  if (!requested.startsWith(scopeRoot(scope))) throw outOfScope(`The prefix "${requested}"`, scope);
  return requested;
}

/** Refuses (403) an upload whose key lies outside the prefix `authorize` grants this caller: it was signed for someone else. */
export function ensureOwnUpload(key: string, confinedTo: string | undefined): void {
  if (confinedTo !== undefined && !isWithinPrefix(key, confinedTo)) throw new HttpError(403, 'forbidden', 'This upload belongs to someone else.');
}

/** The key a download or delete names, checked like any key and kept inside the scope. */
export function resolveScopedKey(requested: string | null, scope: string): string {
  if (requested === null || requested === '') throw invalid('"key" is required: the full key of the object.');
  const problem = keyProblem(requested);
  if (problem) throw invalid(`"key" is not a usable object key: ${problem}.`);
  if (!isWithinPrefix(requested, scope)) throw outOfScope(`The key "${requested}"`, scope);
  return requested;
}
