import { HttpError } from './http-error.js';
import { normalizePrefix } from './object-key.js';
import type { AuthorizeFunction, AuthorizeRefusal, AuthorizeResult, HandlerAction } from './types.js';

function isRefusal(result: object): result is AuthorizeRefusal {
  return 'status' in result;
}

function refusal({ status, code, message }: AuthorizeRefusal): HttpError {
  const forbidden = status === 403;
  return new HttpError(
    forbidden ? 403 : 401,
    code ?? (forbidden ? 'forbidden' : 'unauthorized'),
    message ?? (forbidden ? 'You may not upload files here.' : 'Sign in to upload files.'),
  );
}

/**
 * Runs `authorize` and returns the prefix it confines keys to (`undefined`
 * for none); throws a 401/403 `HttpError` when it refuses. A prefix that is
 * not a usable key path is the app's bug, so it surfaces as a 500.
 */
export async function authorizeRequest(
  authorize: AuthorizeFunction | undefined,
  request: Request,
  action: HandlerAction = 'upload',
): Promise<string | undefined> {
  if (!authorize) return undefined;
  const result: AuthorizeResult = await authorize(request, { action });
  if (result === undefined || result === true) return undefined;
  // null is refused like false: `user && { prefix }` must not let an anonymous caller in.
  if (result === false || result === null) throw refusal({ status: 401 });
  // Fail closed: anything else is a bug in authorize, not a permission.
  if (typeof result !== 'object') throw new HttpError(500, 'server_misconfigured', 'authorize returned neither a boolean nor an object.');
  if (isRefusal(result)) throw refusal(result);
  if (typeof result.prefix !== 'string') {
    throw new HttpError(500, 'server_misconfigured', 'authorize returned an object without a string "prefix".');
  }
  try {
    return normalizePrefix(result.prefix);
  } catch (error) {
    throw new HttpError(500, 'server_misconfigured', `authorize returned an unusable prefix: ${(error as Error).message}`);
  }
}
