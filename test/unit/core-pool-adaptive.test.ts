import { describe, expect, it } from 'vitest';
import { createUploadPool, DEFAULT_CONNECTION_CEILING, type PoolSlot, type UploadPool } from '../../src/core/transport/connection-pool.ts';
import type { RequestOutcome } from '../../src/core/transport/adaptive-limit.ts';

/*
 * The pool's budget learning from real (short) requests in real time: a
 * "multiplexed" store answers every request after 25 ms however many are in
 * flight; a "serial" one has six connections, like HTTP/1.1 in a browser, and
 * makes the rest wait for one.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Store {
  send(slot: PoolSlot): Promise<void>;
}

function multiplexedStore(outcome: () => RequestOutcome = () => 'ok'): Store {
  return {
    async send(slot) {
      await sleep(25);
      slot.report({ bytes: 65_536, queuedMs: 5, outcome: outcome() });
    },
  };
}

function serialStore(): Store {
  let free = 6;
  const queue: Array<() => void> = [];
  return {
    async send(slot) {
      const sentAt = performance.now();
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => queue.push(resolve));
      const queuedMs = performance.now() - sentAt + 5;
      await sleep(25);
      const next = queue.shift();
      if (next) next();
      else free += 1;
      slot.report({ bytes: 65_536, queuedMs, outcome: 'ok' });
    },
  };
}

/** Sends `count` requests through `pool`, noting the budget as it goes. */
async function sendAll(pool: UploadPool, store: Store, count: number) {
  const budgets: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      pool.run(
        async (slot) => {
          inFlight += 1;
          peakInFlight = Math.max(peakInFlight, inFlight);
          await store.send(slot);
          inFlight -= 1;
          budgets.push(pool.maxConnections);
        },
        { lane: 'single', priority: i },
      ),
    ),
  );
  return { budgets, peakInFlight, peakBudget: Math.max(...budgets) };
}

describe('the adaptive pool', () => {
  it('adapts by default: from 6 up to its ceiling of 48 when more in flight gets more done', async () => {
    const pool = createUploadPool();
    expect(pool.maxConnections).toBe(6);
    expect(pool.ceiling).toBe(DEFAULT_CONNECTION_CEILING);
    const run = await sendAll(pool, multiplexedStore(), 600);
    expect(run.peakBudget).toBe(48);
    expect(run.peakInFlight).toBe(48);
  });

  it('stays at 6 where a seventh request only waits for a connection', async () => {
    const pool = createUploadPool();
    const run = await sendAll(pool, serialStore(), 400);
    expect(run.peakBudget).toBeLessThanOrEqual(12);
    expect(pool.maxConnections).toBe(6);
    expect(run.budgets.filter((budget) => budget > 6).length).toBeLessThan(run.budgets.length / 5);
  });

  it('keeps a number it is given, grows no further than a ceiling it is given, and stops adapting once set', async () => {
    const fixed = createUploadPool({ maxConnections: 4 });
    expect(fixed.ceiling).toBe(4);
    expect((await sendAll(fixed, multiplexedStore(), 200)).peakInFlight).toBe(4);

    const capped = createUploadPool({ adapt: { ceiling: 12 } });
    expect((await sendAll(capped, multiplexedStore(), 300)).peakBudget).toBe(12);

    const set = createUploadPool();
    set.setMaxConnections(3);
    expect(set.ceiling).toBe(3);
    expect((await sendAll(set, multiplexedStore(), 100)).peakInFlight).toBe(3);
  });

  it('halves its budget when the store answers 503, and learns nothing from requests that report nothing', async () => {
    const pool = createUploadPool();
    await sendAll(pool, multiplexedStore(), 600);
    expect(pool.maxConnections).toBe(48);
    await sendAll(pool, multiplexedStore(() => 'overloaded'), 1);
    expect(pool.maxConnections).toBe(24);

    const quiet = createUploadPool();
    await Promise.all(Array.from({ length: 200 }, (_, i) => quiet.run(() => sleep(5), { lane: 'single', priority: i })));
    expect(quiet.maxConnections).toBe(6);
  });
});
