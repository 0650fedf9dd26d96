import { hex, hmacKey, utf8 } from './hmac.js';
import { HttpError } from './http-error.js';

/**
 * What a multipart token binds. The server is stateless, so the token carries
 * what `multipart-create` approved (the key, the size the policy allowed, the
 * part size) to every later request, signed so that a client cannot sign
 * parts beyond the approved size or for another key.
 */
export interface TokenClaims {
  key: string;
  uploadId: string;
  size: number;
  partSize: number;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** R2 aborts incomplete uploads after 7 days; a token never outlives that. */
export const TOKEN_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** A label keeps this key apart from any other use of the same secret. Importing is cheap next to a round trip, so keys are not cached. */
const tokenKey = (secret: string): Promise<CryptoKey> => hmacKey(utf8(`r2-uploader multipart token v1\n${secret}`));

/** Signs claims into `<payload>.<signature>`: the claims' JSON, URI-encoded (ASCII, no other `.` at the end), and the HMAC in hex. */
export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const payload = encodeURIComponent(JSON.stringify(claims));
  return `${payload}.${hex(await crypto.subtle.sign('HMAC', await tokenKey(secret), utf8(payload)))}`;
}

function invalidToken(message: string): HttpError {
  return new HttpError(400, 'invalid_token', message);
}

/** The claims of a token this server signed, or a 400 `invalid_token`. */
export async function verifyToken(token: unknown, secret: string, now: number = Date.now()): Promise<TokenClaims> {
  if (typeof token !== 'string' || token === '') throw invalidToken('"token" is required: send the one multipart-create answered with.');
  const dot = token.lastIndexOf('.');
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (dot < 0 || !/^[0-9a-f]{64}$/.test(signature)) throw invalidToken('The multipart token is malformed.');
  // verify() rather than comparing strings: it compares in constant time.
  const bytes = Uint8Array.from(signature.match(/../g)!, (pair) => parseInt(pair, 16));
  if (!(await crypto.subtle.verify('HMAC', await tokenKey(secret), bytes, utf8(payload)))) {
    throw invalidToken('The multipart token was not signed by this server.');
  }
  // Only this server signs with this key, so a verified payload is its own JSON: no shape check needed.
  const claims = JSON.parse(decodeURIComponent(payload)) as TokenClaims;
  if (claims.expiresAt * 1000 <= now) throw invalidToken('The multipart token has expired; start the upload again.');
  return claims;
}
