import { HttpError } from './http-error.js';
import { normalizePrefix } from './object-key.js';
import type { AuthorizeFunction, AuthorizeRefusal, AuthorizeResult, HandlerAction, UploadMetadata } from './types.js';

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

/** What `authorize` allowed: the prefix keys are confined to, and metadata to merge into the upload's. */
export interface Grant {
  confinedTo?: string;
  metadata?: UploadMetadata;
}

function grantPrefix(prefix: unknown): string | undefined {
  if (prefix === undefined) return undefined;
  if (typeof prefix !== 'string') throw new HttpError(500, 'server_misconfigured', 'authorize returned a "prefix" that is not a string.');
  try {
    return normalizePrefix(prefix);
  } catch (error) {
    throw new HttpError(500, 'server_misconfigured', `authorize returned an unusable prefix: ${(error as Error).message}`);
  }
}

function grantMetadata(metadata: unknown): UploadMetadata | undefined {
  if (metadata === undefined) return undefined;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new HttpError(500, 'server_misconfigured', 'authorize returned "metadata" that is not an object.');
  }
  return metadata as UploadMetadata;
}

/**
 * Runs `authorize` and returns what it grants; throws a 401/403 `HttpError`
 * when it refuses. A grant that is not usable (a prefix that is no key path,
 * metadata that is no object) is the app's bug, so it surfaces as a 500.
 */
export async function authorizeGrant(authorize: AuthorizeFunction | undefined, request: Request, action: HandlerAction, route?: string): Promise<Grant> {
  if (!authorize) return {};
  const result: AuthorizeResult = await authorize(request, { action, route });
  if (result === undefined || result === true) return {};
  // null is refused like false: `user && { prefix }` must not let an anonymous caller in.
  if (result === false || result === null) throw refusal({ status: 401 });
  // Fail closed: anything else is a bug in authorize, not a permission.
  if (typeof result !== 'object') throw new HttpError(500, 'server_misconfigured', 'authorize returned neither a boolean nor an object.');
  if (isRefusal(result)) throw refusal(result);
  if (result.prefix === undefined && result.metadata === undefined) {
    throw new HttpError(500, 'server_misconfigured', 'authorize returned an object without a string "prefix" or "metadata".');
  }
  const confinedTo = grantPrefix(result.prefix);
  const metadata = grantMetadata(result.metadata);
  return { ...(confinedTo === undefined ? {} : { confinedTo }), ...(metadata === undefined ? {} : { metadata }) };
}

/** The prefix `authorize` confines the request to (`undefined` for none); see {@link authorizeGrant}. */
export async function authorizeRequest(authorize: AuthorizeFunction | undefined, request: Request, action: HandlerAction = 'upload', route?: string): Promise<string | undefined> {
  return (await authorizeGrant(authorize, request, action, route)).confinedTo;
}
