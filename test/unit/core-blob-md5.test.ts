import { createHash, randomBytes } from 'node:crypto';
import { createContext, runInContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetPageRuntime } from '../../src/core/page/page-runtime.ts';

/**
 * `blobMd5` outside a browser: jsdom has no Worker, so these tests give it
 * stand-ins for the two ways a real page refuses one (a CSP makes `new Worker`
 * throw, or the worker fails after it was created), and a stand-in that runs
 * the worker's real source text in a context of its own, as a worker would.
 */

const MiB = 1024 * 1024;
const nodeMd5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const hex = (digest: Uint8Array) => Buffer.from(digest).toString('hex');
const bytes = new Uint8Array(randomBytes(9 * MiB + 5));

/** A fresh page each time: whether a worker failed is remembered by the page runtime. */
const freshBlobMd5 = async () => {
  resetPageRuntime();
  vi.resetModules();
  return (await import('../../src/core/integrity/blob-md5.ts')).blobMd5;
};

/** Blob URLs made by the module, so a stand-in Worker can read the source it was given. */
function captureBlobUrls(): Map<string, Blob> {
  const blobs = new Map<string, Blob>();
  const createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  vi.stubGlobal('URL', Object.assign(class extends URL {}, { createObjectURL }));
  return blobs;
}

/** Runs the worker's source in a separate V8 context: nothing of the module's scope is reachable from there. */
function vmWorker(blobs: Map<string, Blob>, created: { count: number }, globals: Record<string, unknown> = { DataView }) {
  return class VmWorker {
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
    terminated = false;
    private readonly scope: { onmessage: ((event: { data: unknown }) => void) | null; postMessage(data: unknown): void };
    private readonly ready: Promise<void>;

    constructor(url: string) {
      created.count += 1;
      this.scope = { onmessage: null, postMessage: (data) => setTimeout(() => !this.terminated && this.onmessage?.({ data })) };
      const context = createContext({ self: this.scope, Uint8Array, Uint32Array, Int32Array, Math, Promise, Error, DOMException, String, ...globals });
      this.ready = blobs.get(url)!.text().then((source) => void runInContext(source, context));
    }

    postMessage(data: unknown): void {
      void this.ready.then(() => setTimeout(() => this.scope.onmessage?.({ data })));
    }

    terminate(): void {
      this.terminated = true;
    }
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('blobMd5', () => {
  it('hashes on the main thread where there is no Worker (Node, jsdom)', async () => {
    vi.stubGlobal('Worker', undefined);
    const blobMd5 = await freshBlobMd5();
    expect(hex(await blobMd5(new Blob([bytes])))).toBe(nodeMd5(bytes));
  });

  it('hashes on the main thread when a CSP makes `new Worker` throw, and tries the worker only once', async () => {
    captureBlobUrls();
    let attempts = 0;
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          attempts += 1;
          throw new DOMException("Refused to create a worker: worker-src 'none'", 'SecurityError');
        }
      },
    );
    const blobMd5 = await freshBlobMd5();
    expect(hex(await blobMd5(new Blob([bytes])))).toBe(nodeMd5(bytes));
    expect(hex(await blobMd5(new Blob([bytes.subarray(0, 65)])))).toBe(nodeMd5(bytes.subarray(0, 65)));
    expect(attempts).toBe(1);
  });

  it('hashes on the main thread when the worker fails after it was created', async () => {
    captureBlobUrls();
    let attempts = 0;
    vi.stubGlobal(
      'Worker',
      class {
        onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
        constructor() {
          attempts += 1;
        }
        postMessage() {
          setTimeout(() => this.onerror?.({ message: 'NetworkError: the script could not load', preventDefault: () => undefined }));
        }
        terminate() {}
      },
    );
    const blobMd5 = await freshBlobMd5();
    const all = [bytes.subarray(0, 1000), bytes.subarray(0, 64), bytes];
    expect((await Promise.all(all.map((b) => blobMd5(new Blob([b]))))).map(hex)).toEqual(all.map(nodeMd5));
    expect(hex(await blobMd5(new Blob([])))).toBe(nodeMd5(new Uint8Array()));
    expect(attempts).toBe(1);
  });

  it('runs the worker’s own source in a context of its own: every hash right, one worker for all', async () => {
    const blobs = captureBlobUrls();
    const created = { count: 0 };
    vi.stubGlobal('Worker', vmWorker(blobs, created));
    const blobMd5 = await freshBlobMd5();
    const sizes = [0, 1, 63, 64, 65, 4 * MiB, 4 * MiB + 1, 9 * MiB + 5];
    const digests = await Promise.all(sizes.map((size) => blobMd5(new Blob([bytes.subarray(0, size)]))));
    expect(digests.map(hex)).toEqual(sizes.map((size) => nodeMd5(bytes.subarray(0, size))));
    expect(created.count).toBe(1);
  });

  it('hashes on the main thread when the worker throws while hashing (here: a global it needs is missing)', async () => {
    const blobs = captureBlobUrls();
    const created = { count: 0 };
    vi.stubGlobal('Worker', vmWorker(blobs, created, {}));
    const blobMd5 = await freshBlobMd5();
    expect(hex(await blobMd5(new Blob([bytes])))).toBe(nodeMd5(bytes));
    expect(hex(await blobMd5(new Blob([bytes.subarray(0, 70)])))).toBe(nodeMd5(bytes.subarray(0, 70)));
    expect(created.count).toBe(1);
  });

  it('rejects with a canceled error when aborted, before or while the worker hashes, and the next hash is still right', async () => {
    const blobs = captureBlobUrls();
    vi.stubGlobal('Worker', vmWorker(blobs, { count: 0 }));
    const blobMd5 = await freshBlobMd5();
    await expect(blobMd5(new Blob([bytes]), AbortSignal.abort())).rejects.toMatchObject({ code: 'canceled' });
    const controller = new AbortController();
    const hashing = blobMd5(new Blob([bytes]), controller.signal);
    const queued = blobMd5(new Blob([bytes.subarray(0, 100)]));
    controller.abort();
    await expect(hashing).rejects.toMatchObject({ code: 'canceled' });
    expect(hex(await queued)).toBe(nodeMd5(bytes.subarray(0, 100)));
  });

  it('rejects with a canceled error when aborted while hashing on the main thread', async () => {
    vi.stubGlobal('Worker', undefined);
    const blobMd5 = await freshBlobMd5();
    const controller = new AbortController();
    const hashing = blobMd5(new Blob([bytes]), controller.signal);
    setTimeout(() => controller.abort());
    await expect(hashing).rejects.toMatchObject({ code: 'canceled' });
  });
});
