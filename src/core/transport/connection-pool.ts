import { pageSlot } from '../page/page-runtime.js';
import { canceledError } from '../errors/upload-error.js';

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

/**
 * A budget of connections shared by every upload request: single PUTs, parts,
 * and the backend calls that start them. It counts requests, not files, so
 * 1,000 queued files cost 1,000 small queue entries and nothing else.
 */
export interface UploadPool {
  /** The most requests in flight at once. */
  readonly maxConnections: number;
  /** Changes the budget; requests already running finish. */
  setMaxConnections(maxConnections: number): void;
  /** Runs `task` once a slot is free, holding the slot until it settles. */
  run<T>(task: () => Promise<T>, options: PoolTaskOptions): Promise<T>;
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
}

/** Six: what browsers open per host over HTTP/1.1, and what R2 serves well per client. */
export const DEFAULT_MAX_CONNECTIONS = 6;

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
export function createUploadPool(options: { maxConnections?: number } = {}): UploadPool {
  let maxConnections = clampConnections(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
  let active = 0;
  let lastLane: PoolLane = 'multipart';
  const waiting: Record<PoolLane, Entry[]> = { single: [], multipart: [] };
  const laneActive: Record<PoolLane, number> = { single: 0, multipart: 0 };
  const groupActive = new Map<object, number>();

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
      active += 1;
      laneActive[lane] += 1;
      lastLane = lane;
      if (entry.group) groupActive.set(entry.group, (groupActive.get(entry.group) ?? 0) + 1);
      entry.start();
    }
  }

  function release(entry: Entry): void {
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
    setMaxConnections(value) {
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
          start() {
            signal?.removeEventListener('abort', onAbort);
            // A task that throws synchronously still releases its slot.
            Promise.resolve()
              .then(task)
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
