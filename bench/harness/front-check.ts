import type { RunResult } from '../shared/protocol.ts';
import type { FrontStats } from './front-counters.ts';
import { STORE_LABELS, type Scenario } from './scenarios.ts';

/**
 * Why a run through a store front does not show what its scenario claims, if
 * it does not: a figure "over HTTP/2" must come from requests the front saw
 * as HTTP/2, and with `Timing-Allow-Origin` the page itself must see `h2`.
 * These are correctness checks (the smoke run fails on them), not timings.
 */
export function frontProblem(scenario: Scenario, result: RunResult, stats: FrontStats | undefined): string | undefined {
  const route = scenario.store ?? 'direct';
  if (route === 'direct' || !stats || !result.ok) return undefined;
  const label = STORE_LABELS[route];
  const version = route === 'h2' ? '2.0' : '1.1';
  if (stats.puts === 0) return `no PUT reached the ${label}: the uploads went elsewhere`;
  if (stats.httpVersions.some((v) => v !== version)) return `the ${label} saw HTTP ${stats.httpVersions.join(', ')}, not ${version} alone`;
  if (scenario.link && stats.preflights === 0) return `the ${label} saw no preflight, so none was delayed: the link emulation is not honest`;
  if (scenario.timingAllowOrigin) {
    const expected = route === 'h2' ? 'h2' : 'http/1.1';
    const seen = result.storeProtocols ?? [];
    if (seen.length !== 1 || seen[0] !== expected) return `with Timing-Allow-Origin the page saw nextHopProtocol ${seen.join(', ') || 'nothing'}, not ${expected}`;
  }
  return undefined;
}
