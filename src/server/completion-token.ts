import { signClaims, verifyClaims } from './signed-token.js';
import type { UploadMetadata } from './types.js';

/** What a completion token binds: the object the handler signed, as it must be found in the bucket. */
export interface CompletionClaims {
  key: string;
  size: number;
  contentType: string;
  /** The validated metadata (absent when empty), bound so the client cannot change it after signing. */
  metadata?: UploadMetadata;
  /** The route it was signed for, absent without routes. */
  route?: string;
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
  config: { onUploadComplete: unknown; secretAccessKey: string; route: string | undefined },
  { metadata, ...claims }: Omit<CompletionClaims, 'expiresAt' | 'route'>,
): Promise<{ completion?: string }> {
  if (!config.onUploadComplete) return {};
  const bound = { ...claims, ...(metadata && Object.keys(metadata).length > 0 ? { metadata } : {}), ...(config.route === undefined ? {} : { route: config.route }) };
  return { completion: await signCompletion(bound, config.secretAccessKey) };
}

/** The claims of a completion token this server signed, or a 400 `invalid_token` (multipart tokens do not verify here). */
export const verifyCompletion = (token: unknown, secret: string, now = Date.now()): Promise<CompletionClaims> =>
  verifyClaims<CompletionClaims>(LABEL, token, secret, 'completion', now);
