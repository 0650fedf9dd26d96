import { signClaims, verifyClaims } from './signed-token.js';

/** What a completion token binds: the object the handler signed, as it must be found in the bucket. */
export interface CompletionClaims {
  key: string;
  size: number;
  contentType: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** A completion may follow a 7-day multipart upload; a single PUT's token lives as long. */
export const COMPLETION_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

const LABEL = 'r2-uploader completion token v1';

/** The token a signed upload carries to `?action=complete`. */
export function signCompletion(claims: Omit<CompletionClaims, 'expiresAt'>, secret: string, now = Date.now()): Promise<string> {
  return signClaims(LABEL, { ...claims, expiresAt: Math.floor(now / 1000) + COMPLETION_LIFETIME_SECONDS }, secret);
}

/** The `completion` field of an answer: a token when the handler verifies completions (`onUploadComplete`), else nothing. */
export async function completionField(
  config: { onUploadComplete: unknown; secretAccessKey: string },
  claims: Omit<CompletionClaims, 'expiresAt'>,
): Promise<{ completion?: string }> {
  return config.onUploadComplete ? { completion: await signCompletion(claims, config.secretAccessKey) } : {};
}

/** The claims of a completion token this server signed, or a 400 `invalid_token` (multipart tokens do not verify here). */
export const verifyCompletion = (token: unknown, secret: string, now = Date.now()): Promise<CompletionClaims> =>
  verifyClaims<CompletionClaims>(LABEL, token, secret, 'completion', now);
