import { hex, hmacKey, utf8 } from './hmac.js';
import { HttpError } from './http-error.js';

/*
 * Stateless tokens: what the server approved, carried by the client to later
 * requests and signed (HMAC-SHA256 under the handler's secret) so it cannot
 * be changed. Each kind of token has its own label, so a token of one kind
 * never verifies as another.
 */

/** Importing is cheap next to a round trip, so keys are not cached. */
const tokenKey = (label: string, secret: string): Promise<CryptoKey> => hmacKey(utf8(`${label}\n${secret}`));

/** Signs claims into `<payload>.<signature>`: the claims' JSON, URI-encoded (ASCII, no other `.` at the end), and the HMAC in hex. */
export async function signClaims(label: string, claims: { expiresAt: number }, secret: string): Promise<string> {
  const payload = encodeURIComponent(JSON.stringify(claims));
  return `${payload}.${hex(await crypto.subtle.sign('HMAC', await tokenKey(label, secret), utf8(payload)))}`;
}

export function invalidToken(message: string): HttpError {
  return new HttpError(400, 'invalid_token', message);
}

/** The claims of a token this server signed under `label`, or a 400 `invalid_token` (`what` names the token in messages). */
export async function verifyClaims<Claims extends { expiresAt: number }>(label: string, token: unknown, secret: string, what: string, now = Date.now()): Promise<Claims> {
  if (typeof token !== 'string' || token === '') throw invalidToken(`"token" is required: send the ${what} token the handler answered with.`);
  const dot = token.lastIndexOf('.');
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (dot < 0 || !/^[0-9a-f]{64}$/.test(signature)) throw invalidToken(`The ${what} token is malformed.`);
  // verify() rather than comparing strings: it compares in constant time.
  const bytes = Uint8Array.from(signature.match(/../g)!, (pair) => parseInt(pair, 16));
  if (!(await crypto.subtle.verify('HMAC', await tokenKey(label, secret), bytes, utf8(payload)))) {
    throw invalidToken(`The ${what} token was not signed by this server.`);
  }
  // Only this server signs with this key, so a verified payload is its own JSON: no shape check needed.
  const claims = JSON.parse(decodeURIComponent(payload)) as Claims;
  if (claims.expiresAt * 1000 <= now) throw invalidToken(`The ${what} token has expired; start the upload again.`);
  return claims;
}
