/**
 * What only failures need, in one chunk loaded on the first one (see
 * lazy-kits.ts): whether and when to retry, and reading a backend's failed
 * answer. Kits reach these through this one module, so bundlers keep them in
 * one chunk.
 */
export { backendErrorFrom, answerError } from './backend-failure.js';
export { nextRetry, isRetryable, parseRetryAfter } from './retry-policy.js';
