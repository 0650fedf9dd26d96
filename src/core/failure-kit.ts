/**
 * What only failures need, in one chunk loaded on the first one (see
 * lazy-kits.ts): reading a backend's failed answer (its code, message and
 * `Retry-After`) and the words of the engine's own refusals and timeouts.
 * Kits reach these through this one module, so bundlers keep them in one
 * chunk.
 */
export { backendErrorFrom, answerError } from './backend-failure.js';
export { backendTimeoutError, tooLargeError } from './failure-words.js';
export { parseRetryAfter } from './retry-after.js';
