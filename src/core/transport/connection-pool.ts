import { pageSlot } from '../page/page-runtime.js';
import { canceledError } from '../errors/upload-error.js';
import { createAdaptiveLimit, type AdaptiveLimit, type Grant, type SlotReport } from './adaptive-limit.js';
import { linkOfUrl } from './next-hop-protocol.js';

/**
 * Which kind of upload a request belongs to. The pool shares its slots
 * between the two, so a folder of photos keeps moving next to a video's parts
 * and a video keeps moving next to thousands of photos.
 */
export type PoolLane = 'single' | 'multipart';

/** How one request waits for a slot. */
export interface PoolTaskOptions {
  lane: PoolLane;
  /** Lower runs first within its lane; equal priorities run in arrival order. */
  priority: number;
  /** Requests of one group (one uploader) never hold more than `groupLimit` slots at once. */
  group?: object;
  groupLimit?: number;
  /** Aborting it takes a waiting request out of the queue (rejecting with `canceled`). */
  signal?: AbortSignal;
}

/** What a task is given with its slot. */
export interface PoolSlot {
  /** Tells the pool how the request that held this slot went, so that an adaptive budget learns from it. Once per slot; the last report counts. */
  report(report: SlotReport): void;
}

/** How a pool's budget is set. */
export interface UploadPoolOptions {
  /**
   * Requests in flight at once. With `adapt`, where the budget starts and
   * what it recovers to after backing off. Default 6. A number given without
   * `adapt` fixes the budget.
   */
  maxConnections?: number;
  /**
   * Lets the budget grow past `maxConnections` while more requests in flight
   * make uploads faster (HTTP/2 and HTTP/3 carry them all on one connection),
   * up to `ceiling` (default 48), and shrink on 429, 503 and dropped
   * connections. Over HTTP/1.1 it stays at `maxConnections`. Default: on when
   * `maxConnections` is not given.
   */
  adapt?: boolean | { ceiling?: number };
}

/**
 * A budget of connections shared by every upload request: single PUTs, parts,
 * and the backend calls that start them. It counts requests, not files, so
 * 1,000 queued files cost 1,000 small queue entries and nothing else.
 */
export interface UploadPool {
  /** The most requests in flight at once, now. */
  readonly maxConnections: number;
  /** The most `maxConnections` can become: the ceiling of an adaptive budget, or the fixed budget. */
  readonly ceiling: number;
  /** Fixes the budget (an adaptive one stops adapting); requests already running finish. */
  setMaxConnections(maxConnections: number): void;
  /** Runs `task` once a slot is free, holding the slot until it settles. */
  run<T>(task: (slot: PoolSlot) => Promise<T>, options: PoolTaskOptions): Promise<T>;
  /** Requests holding a slot now. */
  readonly active: number;
  /** Requests waiting for a slot. */
  readonly waiting: number;
}

interface Entry {
  priority: number;
  lane: PoolLane;
  group: object | undefined;
  groupLimit: number;
  start: () => void;
  cancel: () => void;
  grant: Grant | undefined;
  /** The pool's slot-time when this entry got its slot, to average the slots held during its life. */
  busyAtGrant: number;
  report: SlotReport | undefined;
}

/** Six: what browsers open per host over HTTP/1.1, and what R2 serves well per client. */
export const DEFAULT_MAX_CONNECTIONS = 6;

/** How far an adaptive budget grows by default: enough to fill a long HTTP/2 link with small files, few enough to keep memory and the store's patience. */
export const DEFAULT_CONNECTION_CEILING = 48;

function clampConnections(value: number): number {
  return Number.isFinite(value) ? Math.max(1, Math.floor(value)) : DEFAULT_MAX_CONNECTIONS;
}

/** Index at which `entry`, the latest to arrive, keeps `list` ordered by priority, then arrival. */
function insertionIndex(list: readonly Entry[], entry: Entry): number {
  const index = list.findIndex((other) => other.priority > entry.priority);
  return index < 0 ? list.length : index;
}

/**
 * Creates a connection pool. When both lanes have requests waiting, a freed
 * slot goes to the lane holding fewer slots (alternating on a tie), so
 * neither kind of upload starves the other; a lane with nothing waiting lends
 * its share to the other.
 */
export function createUploadPool(options: UploadPoolOptions = {}): UploadPool {
  let maxConnections = clampConnections(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
  const adapt = options.adapt ?? options.maxConnections === undefined;
  let adaptive: AdaptiveLimit | undefined = adapt
    ? createAdaptiveLimit({
        floor: maxConnections,
        ceiling: clampConnections((typeof adapt === 'object' ? adapt.ceiling : undefined) ?? Math.max(DEFAULT_CONNECTION_CEILING, maxConnections)),
        linkOf: linkOfUrl,
      })
    : undefined;
  let active = 0;
  let lastLane: PoolLane = 'multipart';
  const waiting: Record<PoolLane, Entry[]> = { single: [], multipart: [] };
  const laneActive: Record<PoolLane, number> = { single: 0, multipart: 0 };
  const groupActive = new Map<object, number>();
  // Slot-milliseconds held so far: its growth over a request's life, divided by that life, is how many were in flight meanwhile.
  let busy = 0;
  let busySince = 0;
  const tally = (now: number) => {
    busy += active * (now - busySince);
    busySince = now;
  };

  const hasRoom = (entry: Entry) => entry.group === undefined || (groupActive.get(entry.group) ?? 0) < entry.groupLimit;
  const firstRunnable = (lane: PoolLane) => waiting[lane].findIndex(hasRoom);

  function chooseLane(): PoolLane | undefined {
    const single = firstRunnable('single') >= 0;
    const multipart = firstRunnable('multipart') >= 0;
    if (!single || !multipart) return single ? 'single' : multipart ? 'multipart' : undefined;
    if (laneActive.single !== laneActive.multipart) return laneActive.single < laneActive.multipart ? 'single' : 'multipart';
    return lastLane === 'single' ? 'multipart' : 'single';
  }

  function pump(): void {
    while (active < maxConnections) {
      const lane = chooseLane();
      if (lane === undefined) return;
      const [entry] = waiting[lane].splice(firstRunnable(lane), 1);
      if (!entry) return;
      const now = performance.now();
      tally(now);
      active += 1;
      laneActive[lane] += 1;
      lastLane = lane;
      entry.grant = adaptive?.grant(now, active);
      entry.busyAtGrant = busy;
      if (entry.group) groupActive.set(entry.group, (groupActive.get(entry.group) ?? 0) + 1);
      entry.start();
    }
  }

  /** Whether a request is waiting that a free slot would start: only then does the budget hold uploads back. */
  const contended = () => firstRunnable('single') >= 0 || firstRunnable('multipart') >= 0;

  function learn(entry: Entry, now: number): void {
    if (!adaptive || !entry.grant) return;
    const life = now - entry.grant.at;
    const inFlight = life > 0 ? (busy - entry.busyAtGrant) / life : active;
    maxConnections = adaptive.release(entry.grant, { at: now, inFlight, report: entry.report, contended: contended() });
  }

  function release(entry: Entry): void {
    const now = performance.now();
    tally(now);
    learn(entry, now);
    active -= 1;
    laneActive[entry.lane] -= 1;
    if (entry.group) {
      const count = (groupActive.get(entry.group) ?? 1) - 1;
      if (count > 0) groupActive.set(entry.group, count);
      else groupActive.delete(entry.group);
    }
    pump();
  }

  return {
    get maxConnections() {
      return maxConnections;
    },
    get ceiling() {
      return adaptive ? adaptive.ceiling : maxConnections;
    },
    setMaxConnections(value) {
      adaptive = undefined;
      maxConnections = clampConnections(value);
      pump();
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting.single.length + waiting.multipart.length;
    },
    run(task, taskOptions) {
      return new Promise((resolve, reject) => {
        const { signal } = taskOptions;
        if (signal?.aborted) return reject(canceledError());
        const onAbort = () => entry.cancel();
        const entry: Entry = {
          priority: taskOptions.priority,
          lane: taskOptions.lane,
          group: taskOptions.group,
          groupLimit: taskOptions.groupLimit === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(taskOptions.groupLimit)),
          grant: undefined,
          busyAtGrant: 0,
          report: undefined,
          start() {
            signal?.removeEventListener('abort', onAbort);
            const slot: PoolSlot = { report: (report) => void (entry.report = report) };
            // A task that throws synchronously still releases its slot.
            Promise.resolve()
              .then(() => task(slot))
              .then(resolve, reject)
              .finally(() => release(entry));
          },
          cancel() {
            const list = waiting[entry.lane];
            const index = list.indexOf(entry);
            if (index >= 0) list.splice(index, 1);
            reject(canceledError());
          },
        };
        const list = waiting[entry.lane];
        list.splice(insertionIndex(list, entry), 0, entry);
        signal?.addEventListener('abort', onAbort, { once: true });
        pump();
      });
    },
  };
}

/** The page-wide pool every uploader uses unless given its own: one budget for the whole page, and for every copy of the library on it. */
export function sharedUploadPool(): UploadPool {
  return pageSlot('upload-pool@1', () => createUploadPool());
}
