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

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    // A label keeps this key apart from any other use of the same secret.
    const material = new TextEncoder().encode(`r2-uploader multipart token v1\n${secret}`);
    key = crypto.subtle.importKey('raw', material, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Signs claims into `<payload>.<signature>`, both base64url. */
export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(payload));
  return `${payload}.${toBase64Url(new Uint8Array(signature))}`;
}

function invalidToken(message: string): HttpError {
  return new HttpError(400, 'invalid_token', message);
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const { key, uploadId, size, partSize, expiresAt } = value as Record<string, unknown>;
  return typeof key === 'string' && typeof uploadId === 'string' && Number.isSafeInteger(size) && Number.isSafeInteger(partSize) && typeof expiresAt === 'number';
}

/** The claims of a token this server signed, or a 400 `invalid_token`. */
export async function verifyToken(token: unknown, secret: string, now: number = Date.now()): Promise<TokenClaims> {
  if (typeof token !== 'string' || token === '') throw invalidToken('"token" is required: send the one multipart-create answered with.');
  const [payload = '', signature = '', extra] = token.split('.');
  const signatureBytes = fromBase64Url(signature);
  if (extra !== undefined || !signatureBytes) throw invalidToken('The multipart token is malformed.');
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), signatureBytes, new TextEncoder().encode(payload));
  if (!valid) throw invalidToken('The multipart token was not signed by this server.');
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload) ?? new Uint8Array()));
  } catch {
    throw invalidToken('The multipart token is malformed.');
  }
  if (!isClaims(claims)) throw invalidToken('The multipart token is malformed.');
  if (claims.expiresAt * 1000 <= now) throw invalidToken('The multipart token has expired; start the upload again.');
  return claims;
}
