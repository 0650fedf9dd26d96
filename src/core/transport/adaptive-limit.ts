/**
 * How many requests the pool lets run at once, learned from the requests
 * themselves.
 *
 * Over HTTP/1.1 a browser opens six connections per host, so a seventh
 * request in flight only waits inside the browser. Over HTTP/2 and HTTP/3
 * every request shares one connection, and then six in flight leaves most of a
 * long link idle: each small file costs a preflight and a PUT round trip, and
 * more of them must overlap to fill the pipe. The protocol is usually hidden
 * from the page (Resource Timing shows it only to origins the store allows),
 * so the limit probes: it doubles while doubling buys throughput and the time
 * a request waits before its first byte leaves does not grow, goes back to
 * the last good level when it does not, and halves on 429, 503 or a dropped
 * connection.
 */

/** How a request that held a slot went, as the transport saw it. */
export type RequestOutcome =
  /** The store took it. */
  | 'ok'
  /** The store asked for less (429, 503): too much in flight. */
  | 'overloaded'
  /** The connection failed or stalled. */
  | 'failed';

/** What the request in a slot tells the pool when it ends. */
export interface SlotReport {
  /** Body bytes it sent. */
  bytes: number;
  /** Ms from `send()` to its first upload progress: time spent queued inside the browser, plus the preflight. */
  queuedMs?: number;
  outcome: RequestOutcome;
  /** The URL it went to, for reading its protocol from Resource Timing. */
  url?: string;
}

/** A slot given out, as the limit remembers it. */
export interface Grant {
  /** `performance.now()` when the slot was given. */
  at: number;
  /** The level it was given under, and whether it is among the first requests measured there. */
  epoch: number;
  inCohort: boolean;
}

/** How a slot ended: what its request sent (nothing, for a backend call or a canceled request), and whether others were waiting. */
export interface Release {
  at: number;
  /** Slots held on average while this one was, itself included. */
  inFlight: number;
  report?: SlotReport;
  /** Other requests were waiting for a slot: only then is the budget what holds uploads back. */
  contended: boolean;
}

/** The protocol family of a connection, as far as the limit cares. */
export type LinkKind = 'serial' | 'multiplexed';

export interface AdaptiveLimitOptions {
  /** Where the limit starts, and what it recovers to after backing off. */
  floor: number;
  /** The most it grows to. */
  ceiling: number;
  /** The protocol a request used, when the page may see it (`nextHopProtocol`); `undefined` when hidden. */
  linkOf?: (url: string) => LinkKind | undefined;
}

export interface AdaptiveLimit {
  readonly limit: number;
  readonly ceiling: number;
  /** Notes a slot given out at `at` with `active` slots now held. */
  grant(at: number, active: number): Grant;
  /** Learns from a slot given back and returns the limit to apply now. */
  release(grant: Grant, release: Release): number;
}

/** A higher level is kept when it carries at least this much more than the one below it. */
const KEEP_GAIN = 1.1;
/** A probe that gained at least this share of its extra requests in throughput is followed by a step of four instead of two. */
const LINEAR = 0.8;
/**
 * Of the time a request gained in its slot at a higher level, at most this
 * share may be spent before its first byte left (plus NOISE of the lower
 * level's time in a slot). Over HTTP/1.1 nearly all of it is: the request
 * waits inside the browser for one of six connections. On a full HTTP/2 link
 * requests start at once and take longer to send.
 */
const QUEUE_SHARE = 0.5;
const NOISE = 0.05;
/** After a probe that did not pay, or after backing off, the limit holds this long (doubling per failed probe) before probing again. */
const PROBE_PAUSE_MS = 15_000;
const MAX_PROBE_PAUSE_MS = 120_000;
/** After this long without a request, what was learned may no longer hold (another network, another store): start again. */
const IDLE_RESET_MS = 60_000;

/** One request measured at a level: a slot that sent a body and was taken. */
interface Measured {
  held: number;
  inFlight: number;
  bytes: number;
  queuedMs: number | undefined;
  contended: boolean;
}

/** What one level carried: bytes per second by Little's law (in flight ÷ time in a slot), and the median wait to start sending. */
interface LevelStats {
  level: number;
  rate: number;
  heldMs: number;
  queuedMs: number | undefined;
  contended: boolean;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Little's law rather than bytes per wall-clock second: a level's first
 * answers arrive only after a full round trip, so counting completions over a
 * short window would understate every level and make probing slow. The
 * requests in flight are averaged over each request's life, not counted when
 * it started: a pool filling up from empty would otherwise look half as busy.
 */
function levelStats(level: number, samples: readonly Measured[]): LevelStats {
  const held = samples.reduce((sum, s) => sum + Math.max(1, s.held), 0);
  const bytes = samples.reduce((sum, s) => sum + s.bytes, 0);
  const inFlight = samples.reduce((sum, s) => sum + Math.min(level, s.inFlight), 0) / samples.length;
  const queued = samples.flatMap((s) => (s.queuedMs === undefined ? [] : [s.queuedMs]));
  const contended = samples.filter((s) => s.contended).length * 2 >= samples.length;
  return { level, rate: (inFlight * bytes * 1000) / held, heldMs: median(samples.map((s) => s.held)) ?? 0, queuedMs: median(queued), contended };
}

/** Whether the higher level's requests spent what they gained in their slots sending, not waiting inside the browser to start. */
function queueHeld(higher: LevelStats, lower: LevelStats): boolean {
  if (higher.queuedMs === undefined || lower.queuedMs === undefined) return true;
  const gained = Math.max(0, higher.heldMs - lower.heldMs);
  return higher.queuedMs - lower.queuedMs <= gained * QUEUE_SHARE + lower.heldMs * NOISE;
}

/**
 * A level is judged by the first requests given a slot under it (its cohort),
 * once all of them are back. Judging by the first answers instead would favour
 * the lucky: over HTTP/1.1 the requests that found a free connection come back
 * first, and make twelve look twice as good as six.
 */
const cohortFor = (level: number) => Math.max(6, Math.ceil(level / 2));

/** Creates a limit that starts at `floor` and adapts between 1 and `ceiling`. */
export function createAdaptiveLimit(options: AdaptiveLimitOptions): AdaptiveLimit {
  const floor = Math.max(1, Math.floor(options.floor));
  const ceiling = Math.max(floor, Math.floor(options.ceiling));
  let limit = floor;
  let link: LinkKind | undefined;
  let epoch = { id: 0, startedAt: Number.NEGATIVE_INFINITY, granted: 0, returned: 0, measured: [] as Measured[] };
  /** While probing a higher level: what the level below carried. */
  let below: LevelStats | undefined;
  let decreasedAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let failedProbes = 0;
  let lastActiveAt = Number.NEGATIVE_INFINITY;

  const setLevel = (level: number, at: number) => {
    limit = Math.min(ceiling, Math.max(1, level));
    epoch = { id: epoch.id + 1, startedAt: at, granted: 0, returned: 0, measured: [] };
  };

  function backOff(grant: Grant, at: number): void {
    // Once per round trip: the other requests of the burst that failed with this one say nothing new.
    if (grant.at < decreasedAt) return;
    decreasedAt = at;
    below = undefined;
    pausedUntil = at + PROBE_PAUSE_MS;
    setLevel(Math.floor(limit / 2), at);
  }

  function learnLink(url: string | undefined, at: number): void {
    if (link !== undefined || url === undefined) return;
    link = options.linkOf?.(url);
    if (link === 'serial' && limit > floor) {
      below = undefined;
      setLevel(floor, at);
    }
  }

  function judge(stats: LevelStats, at: number): void {
    let step = 2;
    if (below) {
      const paid = stats.rate >= below.rate * KEEP_GAIN && (link === 'multiplexed' || queueHeld(stats, below));
      if (!paid) {
        failedProbes += 1;
        // A probe costs little, but one per level's worth of requests would keep a slow link of large parts half the time above what it can carry.
        const probeTook = at - epoch.startedAt;
        pausedUntil = at + Math.min(MAX_PROBE_PAUSE_MS, Math.max(PROBE_PAUSE_MS, 4 * probeTook) * 2 ** (failedProbes - 1));
        const back = below.level;
        below = undefined;
        return setLevel(back, at);
      }
      failedProbes = 0;
      // Nearly all of the extra requests turned into throughput: the link is far from full, so take a longer stride.
      if (stats.rate / below.rate >= (stats.level / below.level) * LINEAR) step = 4;
      below = undefined;
    }
    if (!stats.contended) return setLevel(limit, at);
    if (limit < floor) return setLevel(limit + 1, at);
    if (link === 'serial' || limit >= ceiling || at < pausedUntil) return setLevel(limit, at);
    below = stats;
    setLevel(limit * step, at);
  }

  return {
    get limit() {
      return limit;
    },
    ceiling,
    grant(at, active) {
      if (at - lastActiveAt > IDLE_RESET_MS && lastActiveAt > Number.NEGATIVE_INFINITY && active === 1) {
        below = undefined;
        failedProbes = 0;
        pausedUntil = Number.NEGATIVE_INFINITY;
        setLevel(floor, at);
      }
      lastActiveAt = at;
      const inCohort = epoch.granted < cohortFor(limit);
      if (inCohort) epoch.granted += 1;
      return { at, epoch: epoch.id, inCohort };
    },
    release(grant, { at, report, contended, inFlight }) {
      lastActiveAt = at;
      if (report && report.outcome !== 'ok') {
        backOff(grant, at);
        return limit;
      }
      if (report) learnLink(report.url, at);
      if (grant.epoch !== epoch.id || !grant.inCohort) return limit;
      epoch.returned += 1;
      if (report && report.bytes > 0) epoch.measured.push({ held: at - grant.at, inFlight, bytes: report.bytes, queuedMs: report.queuedMs, contended });
      if (epoch.returned < epoch.granted || epoch.granted < cohortFor(limit)) return limit;
      // A cohort of backend calls and cancellations says nothing about the link.
      if (epoch.measured.length * 2 < epoch.granted) setLevel(limit, at);
      else judge(levelStats(limit, epoch.measured), at);
      return limit;
    },
  };
}
