import { signClaims, verifyClaims } from './signed-token.js';

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
  /** The route it was created for, absent without routes. */
  route?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** R2 aborts incomplete uploads after 7 days; a token never outlives that. */
export const TOKEN_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

const LABEL = 'r2-uploader multipart token v1';

/** Signs multipart claims (see `signClaims`). */
export const signToken = (claims: TokenClaims, secret: string): Promise<string> => signClaims(LABEL, claims, secret);

/** The claims of a multipart token this server signed, or a 400 `invalid_token`. */
export const verifyToken = (token: unknown, secret: string, now: number = Date.now()): Promise<TokenClaims> => verifyClaims<TokenClaims>(LABEL, token, secret, 'multipart', now);
