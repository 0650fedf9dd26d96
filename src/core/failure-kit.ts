/**
 * What only failures need, in one chunk loaded on the first one (see
 * lazy-kits.ts): whether and when to retry, reading a backend's failed answer,
 * and the words of the engine's own refusals and timeouts. Kits reach these through this one module, so bundlers keep them in
 * one chunk.
 */
export { backendErrorFrom, answerError } from './backend-failure.js';
export { backendTimeoutError, tooLargeError } from './failure-words.js';
export { nextRetry, isRetryable, parseRetryAfter } from './retry-policy.js';
