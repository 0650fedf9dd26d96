import type { DoctorCheck } from './types.js';

/** A header's comma-separated values, lower-cased. */
function listOf(headers: Headers, name: string): string[] {
  return (headers.get(name) ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean);
}

/** Why a preflight answer does not allow `method` (with `header`, a comma-separated list) from `origin`; `undefined` when it does. */
export function preflightProblem(response: Response, origin: string, method: string, header?: string): string | undefined {
  const allowOrigin = response.headers.get('access-control-allow-origin');
  if (!response.ok || allowOrigin === null) return `the bucket answered the preflight with ${response.status} and no Access-Control-Allow-Origin: no CORS rule allows ${method} from ${origin}`;
  if (allowOrigin !== '*' && allowOrigin !== origin) return `Access-Control-Allow-Origin is ${allowOrigin}, not ${origin}`;
  const methods = listOf(response.headers, 'access-control-allow-methods');
  if (methods.length > 0 && !methods.includes('*') && !methods.includes(method.toLowerCase())) return `Access-Control-Allow-Methods is ${methods.join(', ')}, without ${method}`;
  const headers = listOf(response.headers, 'access-control-allow-headers');
  const missing = (header ?? '').split(',').map((name) => name.trim()).filter((name) => name && !headers.includes('*') && !headers.includes(name));
  if (missing.length > 0) return `Access-Control-Allow-Headers does not list ${missing.join(', ')}`;
  return undefined;
}

/**
 * Sends the preflight a browser sends before `method` on an object of the
 * bucket, and judges the answer as the browser would.
 */
export async function checkPreflight(
  doFetch: typeof fetch,
  objectUrl: string,
  origin: string,
  method: 'PUT' | 'GET' | 'DELETE',
  header?: string,
): Promise<DoctorCheck> {
  const id = method === 'PUT' ? 'put-preflight' : method === 'GET' ? 'get-preflight' : 'delete-preflight';
  const title = header ? `${method} with ${header.split(',').join(' and ')} is allowed from ${origin}` : `${method} is allowed from ${origin}`;
  const headers: Record<string, string> = { origin, 'access-control-request-method': method };
  if (header) headers['access-control-request-headers'] = header;
  let response: Response;
  try {
    response = await doFetch(objectUrl, { method: 'OPTIONS', headers });
  } catch (error) {
    return { id, title, ok: false, detail: `the preflight got no answer (${(error as Error).message})`, hint: 'Check the endpoint and the network.' };
  }
  await response.body?.cancel();
  const problem = preflightProblem(response, origin, method, header);
  return { id, title, ok: problem === undefined, detail: problem ?? `the preflight answered ${response.status} and allows it` };
}
