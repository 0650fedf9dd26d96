import { describe, expect, it } from 'vitest';
import { createUploadPool, sharedUploadPool, type PoolLane } from '../../src/core/transport/connection-pool.ts';

/** A request that runs until the test settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the connection pool', () => {
  it('runs at most maxConnections requests at once, counting requests, and starts queued ones only when a slot frees', async () => {
    const pool = createUploadPool({ maxConnections: 3 });
    const gates = Array.from({ length: 1000 }, gate);
    let started = 0;
    const runs = gates.map((g, i) =>
      pool.run(
        async () => {
          started += 1;
          await g.opened;
          return i;
        },
        { lane: 'single', priority: i },
      ),
    );
    await tick();
    // 1,000 queued requests: 3 running, the rest are queue entries that have not started anything.
    expect(started).toBe(3);
    expect(pool.active).toBe(3);
    expect(pool.waiting).toBe(997);
    gates[0]!.open();
    await tick();
    expect(started).toBe(4);
    gates.forEach((g) => g.open());
    expect(await Promise.all(runs)).toEqual(gates.map((_, i) => i));
    expect(pool.active).toBe(0);
  });

  it('shares the slots between single files and multipart parts, so neither starves', async () => {
    const pool = createUploadPool({ maxConnections: 2 });
    const order: string[] = [];
    const gates: Array<{ open: () => void }> = [];
    const request = (lane: PoolLane, name: string, priority: number) =>
      pool.run(
        async () => {
          order.push(name);
          const g = gate();
          gates.push(g);
          await g.opened;
        },
        { lane, priority },
      );
    // A video's parts are queued first and hold both slots; then photos arrive.
    const parts = Array.from({ length: 6 }, (_, i) => request('multipart', `part${i + 1}`, 1));
    const photos = Array.from({ length: 3 }, (_, i) => request('single', `photo${i + 1}`, 2 + i));
    await tick();
    expect(order).toEqual(['part1', 'part2']);
    // Each freed slot goes to the lane holding fewer slots: the photos get one, the parts keep one.
    for (let i = 0; i < 8; i++) {
      gates.shift()!.open();
      await tick();
    }
    gates.forEach((g) => g.open());
    await Promise.all([...parts, ...photos]);
    expect(order).toEqual(['part1', 'part2', 'photo1', 'part3', 'photo2', 'part4', 'photo3', 'part5', 'part6']);
  });

  it('serves lower priorities first within a lane (files in the order they were added)', async () => {
    const pool = createUploadPool({ maxConnections: 1 });
    const order: number[] = [];
    const blocker = gate();
    const first = pool.run(() => blocker.opened, { lane: 'multipart', priority: 0 });
    const later = [5, 2, 9, 2, 1].map((priority, i) => pool.run(async () => void order.push(priority * 10 + i), { lane: 'multipart', priority }));
    blocker.open();
    await Promise.all([first, ...later]);
    expect(order).toEqual([14, 21, 23, 50, 92]);
  });

  it('keeps a group within its own limit', async () => {
    const pool = createUploadPool({ maxConnections: 6 });
    const group = {};
    let running = 0;
    let peak = 0;
    const runs = Array.from({ length: 8 }, (_, i) =>
      pool.run(
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
        },
        { lane: 'single', priority: i, group, groupLimit: 2 },
      ),
    );
    await Promise.all(runs);
    expect(peak).toBe(2);
  });

  it('takes an aborted request out of the queue without running it', async () => {
    const pool = createUploadPool({ maxConnections: 1 });
    const blocker = gate();
    const first = pool.run(() => blocker.opened, { lane: 'single', priority: 0 });
    const controller = new AbortController();
    let ran = false;
    const queued = pool.run(async () => void (ran = true), { lane: 'single', priority: 1, signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'canceled' });
    expect(pool.waiting).toBe(0);
    blocker.open();
    await first;
    expect(ran).toBe(false);
  });

  it('releases the slot of a request that throws, and follows a new budget', async () => {
    const pool = createUploadPool({ maxConnections: 1 });
    await expect(pool.run(() => Promise.reject(new Error('boom')), { lane: 'single', priority: 0 })).rejects.toThrow('boom');
    expect(pool.active).toBe(0);
    const gates = [gate(), gate(), gate()];
    let started = 0;
    const runs = gates.map((g, i) => pool.run(async () => void (started += 1, await g.opened), { lane: 'single', priority: i }));
    await tick();
    expect(started).toBe(1);
    pool.setMaxConnections(3);
    await tick();
    expect(started).toBe(3);
    gates.forEach((g) => g.open());
    await Promise.all(runs);
  });

  it('is one pool for the whole page by default, with 6 connections', () => {
    expect(sharedUploadPool()).toBe(sharedUploadPool());
    expect(sharedUploadPool().maxConnections).toBe(6);
  });
});
