import { describe, expect, it } from 'vitest';
import { createAdaptiveLimit, type AdaptiveLimit, type Grant, type LinkKind, type RequestOutcome } from '../../src/core/transport/adaptive-limit.ts';

/*
 * The limit against simulated links, in simulated time: the numbers are those
 * of the benchmark's slowed link (5 MB/s, 125 ms each way, a preflight of one
 * more round trip), where the limit must learn to fill an HTTP/2 pipe and
 * leave HTTP/1.1 as it is.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

interface Link {
  /** How long a request started now takes, and how long it waits to start sending, given what is in flight. */
  start(now: number, inFlight: number, bytes: number): { endsAt: number; queuedMs: number; outcome?: RequestOutcome };
  /** Called when a request ends, for links with connections to give back. */
  end?(now: number): void;
}

const ROUND_TRIP = 250;
const BYTES_PER_MS = 5_000;

/** HTTP/2: every request on one connection; the link's bandwidth shared by all in flight. */
function multiplexedLink(): Link {
  return {
    start: (now, inFlight, bytes) => ({ endsAt: now + ROUND_TRIP + (bytes * inFlight) / BYTES_PER_MS, queuedMs: ROUND_TRIP / 2 }),
  };
}

/** HTTP/1.1: six connections; a seventh request waits inside the browser for one to free. */
function serialLink(): Link {
  const freeAt = Array.from({ length: 6 }, () => 0);
  return {
    start(now, _inFlight, bytes) {
      freeAt.sort((a, b) => a - b);
      const begins = Math.max(now, freeAt[0] ?? 0);
      const endsAt = begins + ROUND_TRIP + (bytes * 6) / BYTES_PER_MS;
      freeAt[0] = endsAt;
      return { endsAt, queuedMs: begins - now + ROUND_TRIP / 2 };
    },
  };
}

interface Simulation {
  seconds: number;
  filesPerSecond: number;
  peakLimit: number;
  finalLimit: number;
  limits: number[];
}

/** Sends `files` bodies of `bytes` through a pool whose budget is `limit` (or a fixed number), in simulated time. */
function simulate(link: Link, files: number, bytes: number, limit: AdaptiveLimit | number, options: { startAt?: number; overloadFrom?: number } = {}): Simulation {
  const running: Array<{ grant: Grant | undefined; busyAtGrant: number; endsAt: number; queuedMs: number; outcome: RequestOutcome }> = [];
  // Request-milliseconds in flight so far, to average what was in flight over each request's life as the pool does.
  let busy = 0;
  let busySince = 0;
  const tally = (at: number) => {
    busy += running.length * (at - busySince);
    busySince = at;
  };
  let now = options.startAt ?? 0;
  busySince = now;
  let queued = files;
  let done = 0;
  const limits: number[] = [];
  const current = () => (typeof limit === 'number' ? limit : limit.limit);
  while (done < files) {
    while (queued > 0 && running.length < current()) {
      queued -= 1;
      const started = link.start(now, running.length + 1, bytes);
      const overloaded = options.overloadFrom !== undefined && now >= options.overloadFrom && now < options.overloadFrom + 100;
      const grant = typeof limit === 'number' ? undefined : limit.grant(now, running.length + 1);
      running.push({ grant, busyAtGrant: busy, endsAt: started.endsAt, queuedMs: started.queuedMs, outcome: overloaded ? 'overloaded' : 'ok' });
    }
    running.sort((a, b) => a.endsAt - b.endsAt);
    const next = running[0];
    if (!next) break;
    tally(next.endsAt);
    running.shift();
    now = next.endsAt;
    if (next.outcome === 'ok') done += 1;
    else queued += 1;
    if (typeof limit !== 'number' && next.grant) {
      const life = now - next.grant.at;
      limit.release(next.grant, { at: now, inFlight: life > 0 ? (busy - next.busyAtGrant) / life : 1, contended: queued > 0, report: { bytes, queuedMs: next.queuedMs, outcome: next.outcome, url: 'https://store.example/key' } });
      limits.push(limit.limit);
    }
  }
  return { seconds: now / 1000, filesPerSecond: files / (now / 1000), peakLimit: Math.max(current(), ...limits), finalLimit: current(), limits };
}

const adaptive = (linkOf?: () => LinkKind | undefined) => createAdaptiveLimit({ floor: 6, ceiling: 48, linkOf });

/** One request through `limit`, given its slot at `at` with `active` held, back after `held` ms. */
function request(limit: AdaptiveLimit, at: number, held: number, outcome: RequestOutcome, options: { active?: number; contended?: boolean } = {}): void {
  const grant = limit.grant(at, options.active ?? limit.limit);
  limit.release(grant, { at: at + held, inFlight: options.active ?? limit.limit, contended: options.contended ?? true, report: { bytes: 64 * KiB, queuedMs: 10, outcome } });
}

describe('the adaptive connection limit', () => {
  it('grows to its ceiling on a multiplexed link full of small files, and so sends them far faster than six at once', () => {
    const fixed = simulate(multiplexedLink(), 300, 64 * KiB, 6);
    const learned = simulate(multiplexedLink(), 300, 64 * KiB, adaptive());
    expect(learned.peakLimit).toBe(48);
    expect(learned.finalLimit).toBe(48);
    expect(learned.filesPerSecond / fixed.filesPerSecond).toBeGreaterThan(2.2);
  });

  it('stays at six over HTTP/1.1: a probe at twelve only queues inside the browser, so it goes back and sends as fast as six', () => {
    const fixed = simulate(serialLink(), 300, 64 * KiB, 6);
    const learned = simulate(serialLink(), 300, 64 * KiB, adaptive());
    expect(learned.peakLimit).toBeLessThanOrEqual(12);
    expect(learned.finalLimit).toBe(6);
    expect(learned.limits.filter((l) => l > 6).length).toBeLessThan(learned.limits.length / 10);
    expect(learned.seconds / fixed.seconds).toBeLessThan(1.1);
  });

  it('never probes when Resource Timing shows HTTP/1.1, and grows without the queue check when it shows HTTP/2', () => {
    const serial = simulate(serialLink(), 300, 64 * KiB, adaptive(() => 'serial'));
    expect(serial.peakLimit).toBe(6);
    const multiplexed = simulate(multiplexedLink(), 300, 64 * KiB, adaptive(() => 'multiplexed'));
    expect(multiplexed.peakLimit).toBe(48);
  });

  it('does not grow where the link is already full: large parts on one HTTP/2 connection go back to six after one probe', () => {
    const learned = simulate(multiplexedLink(), 40, 8 * MiB, adaptive());
    expect(learned.peakLimit).toBe(12);
    expect(learned.finalLimit).toBe(6);
  });

  it('does not grow when nothing waits for a slot', () => {
    const limit = adaptive();
    for (let i = 0; i < 100; i += 1) {
      // Three requests at a time, each as fast as the last: the budget is not what holds them back.
      request(limit, i * 100, 80, 'ok', { active: 3, contended: false });
    }
    expect(limit.limit).toBe(6);
  });

  it('halves once for a burst of 503s, holds, then recovers to six and later probes again', () => {
    const limit = adaptive();
    simulate(multiplexedLink(), 300, 64 * KiB, limit);
    expect(limit.limit).toBe(48);
    // Every request of a burst answers 503 at once: one halving, not one per answer.
    const burst = Array.from({ length: 48 }, () => limit.grant(10_000, 48));
    burst.forEach((grant, i) => limit.release(grant, { at: 10_100 + i, inFlight: 48, contended: true, report: { bytes: 64 * KiB, outcome: 'overloaded' } }));
    expect(limit.limit).toBe(24);
    // A second burst, from requests sent after the first was seen, halves again.
    const second = Array.from({ length: 24 }, () => limit.grant(10_200, 24));
    second.forEach((grant, i) => limit.release(grant, { at: 10_400 + i, inFlight: 24, contended: true, report: { bytes: 64 * KiB, outcome: 'overloaded' } }));
    expect(limit.limit).toBe(12);
    // For a while after backing off, it does not probe upward, however well the link does.
    const calm = simulate(multiplexedLink(), 200, 64 * KiB, limit, { startAt: 10_500 });
    expect(calm.peakLimit).toBe(12);
    const later = simulate(multiplexedLink(), 300, 64 * KiB, limit, { startAt: 40_000 });
    expect(later.peakLimit).toBe(48);
  });

  it('backs off on dropped connections, below six when they keep failing, and climbs back one at a time', () => {
    const limit = adaptive();
    let at = 0;
    for (const expected of [3, 1, 1]) {
      request(limit, at, 50, 'failed');
      expect(limit.limit).toBe(expected);
      at += 100;
    }
    const recovered = simulate(serialLink(), 60, 64 * KiB, limit, { startAt: at });
    expect(recovered.limits.slice(0, 20)).toContain(2);
    expect(recovered.finalLimit).toBe(6);
  });

  it('forgets what it learned after a minute without uploads', () => {
    const limit = adaptive();
    simulate(multiplexedLink(), 300, 64 * KiB, limit);
    expect(limit.limit).toBe(48);
    request(limit, 200_000, 300, 'ok', { active: 1, contended: false });
    expect(limit.limit).toBe(6);
  });

  it('keeps within its ceiling and floor', () => {
    const small = createAdaptiveLimit({ floor: 4, ceiling: 10 });
    const run = simulate(multiplexedLink(), 300, 64 * KiB, small);
    expect(run.peakLimit).toBe(10);
    expect(createAdaptiveLimit({ floor: 8, ceiling: 2 }).ceiling).toBe(8);
  });
});
