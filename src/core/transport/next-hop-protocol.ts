import type { LinkKind } from './adaptive-limit.js';

/**
 * The protocol a finished request used, from Resource Timing. A cross-origin
 * answer shows it only with `Timing-Allow-Origin`, and the buffer keeps only
 * the first 250 entries unless the app clears it, so `undefined` is the usual
 * answer and the pool learns from timings instead.
 */
export function linkOfUrl(url: string): LinkKind | undefined {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByName !== 'function') return undefined;
  const entries = performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[];
  const protocol = entries.at(-1)?.nextHopProtocol;
  if (!protocol) return undefined;
  // "http/1.1", "http/1.0": six connections per host. "h2", "h3": one connection that carries them all.
  return protocol.startsWith('http/1') ? 'serial' : 'multiplexed';
}
