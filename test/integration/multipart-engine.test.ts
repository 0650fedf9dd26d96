import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type * as Core from '../../src/core/index.ts';
import { createMemoryResumeStore, createUploadPool, createUploader, type UploaderOptions, type UploadState } from '../../src/core/index.ts';
import { resetPageRuntime } from '../../src/core/page/page-runtime.ts';
import type { ProxiedRequest } from '../support/s3-proxy.ts';
import { useUploadStack } from '../support/upload-stack.ts';
import { md5Hex, randomBody } from '../support/upload-requests.ts';

/*
 * The core engine end to end in Node: createUploader → the real handler over
 * HTTP → the fault proxy → Miniflare, with XMLHttpRequest provided over
 * node:http (test/support/node-xhr.ts). Objects are read back through
 * Miniflare's own binding; incomplete uploads straight from its database.
 */

const MiB = 1024 * 1024;
const PART = 5 * MiB;

const useStack = useUploadStack();

/** A file of random bytes; `lastModified` fixed so that "the same file" can be picked again. */
function fileOf(bytes: Uint8Array, name = 'video.mp4', lastModified = 1_700_000_000_000): File {
  return new File([new Uint8Array(bytes)], name, { type: 'video/mp4', lastModified });
}

/** The ETag R2 gives a multipart object, computed independently with node:crypto. */
function expectedMultipartEtag(bytes: Uint8Array, partSize: number): string {
  const digests: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += partSize) digests.push(createHash('md5').update(bytes.subarray(start, start + partSize)).digest());
  return `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${digests.length}"`;
}

function options(extra: Partial<UploaderOptions> = {}): UploaderOptions {
  return {
    endpoint: useStack().endpoint,
    pool: createUploadPool({ maxConnections: 4 }),
    multipart: { threshold: MiB, partSize: PART },
    retry: { baseDelay: 20, maxDelay: 2_000 },
    resume: false,
    ...extra,
  } as UploaderOptions;
}

/** Every state an uploader's first upload goes through. */
function recordStates(uploader: { subscribe(listener: () => void): () => void; getSnapshot(): { uploads: readonly UploadState[] } }): UploadState[] {
  const states: UploadState[] = [];
  uploader.subscribe(() => {
    const first = uploader.getSnapshot().uploads[0];
    if (first && states.at(-1) !== first) states.push(first);
  });
  return states;
}

const partNumberOf = (request: ProxiedRequest) => request.url.searchParams.get('partNumber');
const partPuts = () => useStack().proxy.requests.filter((request) => request.method === 'PUT' && partNumberOf(request) !== null);
const matchPart = (n: number) => ({ url }: { method: string; url: URL }) => url.searchParams.get('partNumber') === String(n);

async function expectStored(key: string, bytes: Uint8Array): Promise<void> {
  const stored = await useStack().r2.getObject(key);
  expect(stored, `object ${key}`).not.toBeNull();
  expect(stored!.bytes.byteLength).toBe(bytes.byteLength);
  expect(md5Hex(stored!.bytes)).toBe(md5Hex(bytes));
}

async function expectNoIncompleteUploads(): Promise<void> {
  expect(await useStack().r2.listMultipartUploads()).toEqual([]);
}

/**
 * Waits until the proxy has seen no new request for a moment and every one it
 * saw has ended: bytes of requests aborted by a pause can still be on their
 * way, and must not count as the next upload's.
 */
async function quiet(): Promise<void> {
  for (;;) {
    const seen = useStack().proxy.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (useStack().proxy.requests.length === seen && useStack().proxy.requests.every((request) => request.end !== undefined)) return;
  }
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 15_000, interval: 20 });

describe('multipart uploads against Miniflare', () => {
  it('sends a large file in parallel parts, signed lazily in batches, and the bucket holds the same bytes', async () => {
    const bytes = randomBody(4 * PART + 123);
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', times: 5, action: { type: 'delay', ms: 150 } });
    const uploader = createUploader(options({ verify: true }));
    const [result] = await uploader.upload(fileOf(bytes));

    expect(result?.etag).toBe(expectedMultipartEtag(bytes, PART));
    await expectStored(result!.key, bytes);
    expect((await useStack().r2.getObject(result!.key))?.contentType).toBe('video/mp4');
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'done', mode: 'multipart', parts: { done: 5, total: 5 }, loaded: bytes.length });

    // Parts overlapped in time, within the pool's budget.
    const puts = partPuts();
    expect(puts.map(partNumberOf).sort()).toEqual(['1', '2', '3', '4', '5']);
    const overlapping = puts.some((a) => puts.some((b) => a !== b && a.start < b.end! && b.start < a.end!));
    expect(overlapping).toBe(true);
    expect(useStack().proxy.peakInFlight).toBeGreaterThanOrEqual(2);
    expect(useStack().proxy.peakInFlight).toBeLessThanOrEqual(4);

    // Lazily signed: never all parts in one request, never more than the pool's budget at once.
    const batches = useStack().calls.filter((call) => call.action === 'multipart-sign-parts').map((call) => call.body.partNumbers as number[]);
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(4);
    expect(batches.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(useStack().calls.map((call) => call.action).filter((action) => action !== 'multipart-sign-parts')).toEqual(['multipart-create', 'multipart-complete']);
    await expectNoIncompleteUploads();
  });

  it('survives a dropped connection, 503, 429 SlowDown and a slow answer, shows every retry, and never moves progress back', async () => {
    const bytes = randomBody(4 * PART + 7);
    useStack().proxy.inject({ match: matchPart(1), action: { type: 'delay', ms: 400 } });
    useStack().proxy.inject({ match: matchPart(2), action: { type: 'drop', afterBytes: 2 * MiB } });
    useStack().proxy.inject({ match: matchPart(3), action: { type: 'status', status: 503, s3Code: 'InternalError', headers: { 'retry-after': '1' } } });
    useStack().proxy.inject({ match: matchPart(4), action: { type: 'status', status: 429, s3Code: 'SlowDown' } });
    const uploader = createUploader(options());
    const states = recordStates(uploader);
    const [result] = await uploader.upload(fileOf(bytes));

    await expectStored(result!.key, bytes);
    expect(result?.etag).toBe(expectedMultipartEtag(bytes, PART));
    const retries = states.filter((state) => state.status === 'retrying');
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(retries.every((state) => (state.attempt ?? 0) >= 2 && state.lastError !== undefined && state.retryAt !== undefined)).toBe(true);
    expect(new Set(retries.map((state) => state.lastError?.code))).toEqual(new Set(['network_error', 'store_error']));
    expect(retries.map((state) => state.lastError?.s3Code)).toEqual(expect.arrayContaining(['InternalError', 'SlowDown']));
    const loaded = states.map((state) => state.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));

    // The 503 asked for one second; the retry of part 3 waited for it.
    const part3 = partPuts().filter(matchPart(3));
    expect([part3[0]?.status, part3.at(-1)?.status]).toEqual([503, 200]);
    expect(part3[1]!.start - part3[0]!.end!).toBeGreaterThanOrEqual(900);
    const part2 = partPuts().filter(matchPart(2));
    expect([part2[0]?.fault, part2[0]?.status, part2.at(-1)?.status]).toEqual(['drop', 0, 200]);
    await expectNoIncompleteUploads();
  });

  it('signs a part again when its URL expired (403 ExpiredRequest) and completes', async () => {
    useStack().configure({ expiresIn: 2 });
    // One small part, so that the store answers the late request with a clean 403 (a large
    // body would be cut off mid-way by the early answer).
    const bytes = randomBody(1000);
    useStack().proxy.inject({ match: matchPart(1), action: { type: 'delay', ms: 2_500 } });
    const [result] = await createUploader(options({ multipart: { threshold: () => true } })).upload(fileOf(bytes));

    await expectStored(result!.key, bytes);
    expect(partPuts().map((request) => request.status)).toEqual([403, 200]);
    const batches = useStack().calls.filter((call) => call.action === 'multipart-sign-parts').map((call) => call.body.partNumbers);
    expect(batches).toEqual([[1], [1]]);
  });

  it('cancel aborts the multipart upload: nothing incomplete is left in the store', async () => {
    const bytes = randomBody(4 * PART);
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', times: 20, action: { type: 'delay', ms: 300 } });
    const onError = vi.fn();
    const uploader = createUploader(options({ onError, pool: createUploadPool({ maxConnections: 2 }) }));
    const pending = uploader.upload(fileOf(bytes));
    await until(() => (uploader.getSnapshot().uploads[0]?.parts?.done ?? 0) >= 1);
    expect(await useStack().r2.listMultipartUploads()).toHaveLength(1);
    uploader.cancel();
    expect(await pending).toEqual([]);
    expect(uploader.getSnapshot().uploads[0]?.status).toBe('canceled');
    expect(useStack().calls.filter((call) => call.action === 'multipart-abort').map((call) => call.status)).toEqual([200]);
    await expectNoIncompleteUploads();
    expect(await useStack().r2.listKeys()).not.toContain(uploader.getSnapshot().uploads[0]?.key);
    expect(onError).not.toHaveBeenCalled();
  });

  it('a permanent failure (403) fails at once, aborts the multipart upload and reports the error once', async () => {
    const bytes = randomBody(3 * PART);
    useStack().proxy.inject({ match: matchPart(2), action: { type: 'status', status: 403, s3Code: 'AccessDenied' } });
    const onError = vi.fn();
    const uploader = createUploader(options({ onError }));
    expect(await uploader.upload(fileOf(bytes))).toEqual([]);
    const [state] = uploader.getSnapshot().uploads;
    expect(state).toMatchObject({ status: 'error', error: { code: 'store_error', status: 403, s3Code: 'AccessDenied' } });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(partPuts().filter(matchPart(2))).toHaveLength(1);
    expect(useStack().calls.filter((call) => call.action === 'multipart-abort')).toHaveLength(1);
    await expectNoIncompleteUploads();
  });

  it('gives up after the configured attempts, showing the last attempt, and aborts', async () => {
    const bytes = randomBody(2 * PART);
    useStack().proxy.inject({ match: matchPart(1), times: 10, action: { type: 'status', status: 503, s3Code: 'InternalError' } });
    const uploader = createUploader(options({ retry: { attempts: 3, baseDelay: 10 } }));
    await uploader.upload(fileOf(bytes));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', attempt: 3, error: { code: 'store_error', status: 503 } });
    expect(partPuts().filter(matchPart(1)).map((request) => request.status)).toEqual([503, 503, 503]);
    await expectNoIncompleteUploads();
  });

  it('verify: a part corrupted on the way makes the multipart ETag mismatch: a typed error, never a success', async () => {
    const bytes = randomBody(2 * PART + 1);
    useStack().proxy.inject({ match: matchPart(2), action: { type: 'corrupt', atByte: 1234 } });
    const onSuccess = vi.fn();
    const uploader = createUploader(options({ verify: true, onSuccess }));
    await uploader.upload(fileOf(bytes));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'integrity_mismatch' } });
    expect(onSuccess).not.toHaveBeenCalled();
  });
});

describe('pause and resume', () => {
  it('pauses a multipart upload and resumes it without sending confirmed parts again', async () => {
    const bytes = randomBody(5 * PART);
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', times: 30, action: { type: 'delay', ms: 250 } });
    const store = createMemoryResumeStore();
    const uploader = createUploader(options({ pool: createUploadPool({ maxConnections: 2 }), resume: { store } }));
    const pending = uploader.upload(fileOf(bytes));
    await until(() => (uploader.getSnapshot().uploads[0]?.parts?.done ?? 0) >= 2);
    uploader.pause();
    const paused = uploader.getSnapshot().uploads[0]!;
    expect(paused.status).toBe('paused');
    expect(paused.loaded).toBe((paused.parts?.done ?? 0) * PART);
    // The parts the uploader had confirmed when it paused, as it saved them.
    await until(() => [...store.records.values()][0]?.parts.length === paused.parts?.done);
    const confirmed = [...store.records.values()][0]!.parts.map((part) => String(part.partNumber));

    await quiet();
    const sentBeforePause = partPuts().length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(partPuts().length).toBe(sentBeforePause);
    uploader.resume();
    const [result] = await pending;

    await expectStored(result!.key, bytes);
    const sentAfterResume = partPuts().slice(sentBeforePause).map(partNumberOf);
    expect(sentAfterResume.filter((partNumber) => confirmed.includes(partNumber!))).toEqual([]);
    expect(new Set(partPuts().filter((request) => request.status === 200).map(partNumberOf))).toEqual(new Set(['1', '2', '3', '4', '5']));
    expect(useStack().calls.filter((call) => call.action === 'multipart-create')).toHaveLength(1);
    await expectNoIncompleteUploads();
  });

  it('pauses and resumes a single PUT, which starts over', async () => {
    const bytes = randomBody(2 * MiB);
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', action: { type: 'delay', ms: 400 } });
    const uploader = createUploader(options({ multipart: false }));
    const pending = uploader.upload(fileOf(bytes, 'clip.mp4'));
    await until(() => uploader.getSnapshot().uploads[0]?.status === 'uploading');
    uploader.pause('nope');
    expect(uploader.getSnapshot().uploads[0]?.status).toBe('uploading');
    uploader.pause(uploader.getSnapshot().uploads[0]!.id);
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'paused', loaded: 0 });
    uploader.resume();
    const [result] = await pending;
    await expectStored(result!.key, bytes);
  });
});

describe('resume after a reload', () => {
  /** A fresh copy of the core modules, as a reloaded page has: no sessions, no claims. */
  async function reloadedCore(): Promise<typeof Core> {
    resetPageRuntime();
    vi.resetModules();
    return import('../../src/core/index.ts');
  }

  /** Aborts a multipart upload through the backend, as another tab or the store's 7-day limit would. */
  async function abortOnStore(record: Core.ResumeRecord): Promise<void> {
    const response = await fetch(`${useStack().endpoint}?action=multipart-abort`, {
      method: 'POST',
      body: JSON.stringify({ key: record.key, uploadId: record.uploadId, token: record.token }),
    });
    expect(response.status).toBe(200);
  }

  /** Starts an upload, lets `parts` parts complete, then "closes the tab" (pauses it for good). */
  async function interruptedUpload(core: typeof Core, file: File, store: ReturnType<typeof createMemoryResumeStore>, parts: number) {
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', times: 100, action: { type: 'delay', ms: 200 } });
    const uploader = core.createUploader(options({ resume: { store }, pool: core.createUploadPool({ maxConnections: 2 }) }));
    void uploader.upload(file);
    await until(() => (uploader.getSnapshot().uploads[0]?.parts?.done ?? 0) >= parts);
    uploader.pause();
    await until(() => [...store.records.values()].some((record) => record.parts.length >= parts));
    await quiet();
    useStack().reset();
    return [...store.records.values()][0]!;
  }

  it('continues from the parts ListParts confirms, sends only the rest, and stores the exact bytes', async () => {
    const bytes = randomBody(5 * PART + 99);
    const store = createMemoryResumeStore();
    const saved = await interruptedUpload(await reloadedCore(), fileOf(bytes), store, 2);

    const core = await reloadedCore();
    const uploader = core.createUploader(options({ resume: { store } }));
    const [result] = await uploader.upload(fileOf(bytes));

    await expectStored(result!.key, bytes);
    expect(result).toMatchObject({ key: saved.key, etag: expectedMultipartEtag(bytes, PART) });
    expect(useStack().calls.map((call) => call.action)).not.toContain('multipart-create');
    expect(useStack().calls.find((call) => call.action === 'multipart-list-parts')?.status).toBe(200);
    const sent = partPuts().reduce((total, request) => total + request.bytesIn, 0);
    expect(sent).toBeLessThan(bytes.length);
    expect(sent).toBeLessThanOrEqual(bytes.length - saved.parts.length * PART);
    expect(uploader.getSnapshot().uploads[0]?.resumedBytes).toBeGreaterThanOrEqual(2 * PART);
    expect(store.records.size).toBe(0);
    await expectNoIncompleteUploads();
  });

  it('does not mistake a different file with the same name, size and date for the interrupted one', async () => {
    const original = randomBody(3 * PART);
    const store = createMemoryResumeStore();
    const saved = await interruptedUpload(await reloadedCore(), fileOf(original), store, 1);
    const impostor = randomBody(3 * PART);

    const core = await reloadedCore();
    const [result] = await core.createUploader(options({ resume: { store } })).upload(fileOf(impostor));
    await expectStored(result!.key, impostor);
    expect(result?.key).not.toBe(saved.key);
    expect(useStack().calls.map((call) => call.action)).toContain('multipart-create');
    expect(useStack().calls.map((call) => call.action)).not.toContain('multipart-list-parts');
    // The interrupted upload is still resumable with its own file.
    expect(store.records.get(saved.id)?.uploadId).toBe(saved.uploadId);
    await abortOnStore(saved);
  });

  it('starts over when the store no longer has the interrupted upload', async () => {
    const bytes = randomBody(3 * PART);
    const store = createMemoryResumeStore();
    const saved = await interruptedUpload(await reloadedCore(), fileOf(bytes), store, 1);
    await abortOnStore(saved);
    useStack().reset();

    const core = await reloadedCore();
    const [result] = await core.createUploader(options({ resume: { store } })).upload(fileOf(bytes));
    await expectStored(result!.key, bytes);
    expect(useStack().calls.map((call) => [call.action, call.status])).toEqual(
      expect.arrayContaining([['multipart-list-parts', 404], ['multipart-create', 200], ['multipart-complete', 200]]),
    );
    await expectNoIncompleteUploads();
  });
});

describe('single PUTs and the pool', () => {
  it('a retried single PUT asks for a new URL when the old one is about to expire', async () => {
    useStack().configure({ expiresIn: 2 });
    const bytes = randomBody(64 * 1024);
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', action: { type: 'status', status: 503, s3Code: 'InternalError', headers: { 'retry-after': '2' } } });
    const uploader = createUploader(options({ retry: { maxDelay: 5_000 } }));
    const states = recordStates(uploader);
    const [result] = await uploader.upload(fileOf(bytes, 'photo.jpg'));
    await expectStored(result!.key, bytes);
    expect(result?.etag).toBe(`"${md5Hex(bytes)}"`);
    expect(useStack().calls.filter((call) => call.action === 'put')).toHaveLength(2);
    expect(states.some((state) => state.status === 'retrying' && state.attempt === 2 && state.lastError?.status === 503)).toBe(true);
  });

  it('verify: a single PUT whose body was corrupted on the way fails with integrity_mismatch; an intact one passes', async () => {
    const bytes = randomBody(300 * 1024);
    const uploader = createUploader(options({ verify: true, multipart: false }));
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', action: { type: 'corrupt', atByte: 100 } });
    expect(await uploader.upload(fileOf(bytes, 'a.bin'))).toEqual([]);
    expect(uploader.getSnapshot().uploads[0]?.error?.code).toBe('integrity_mismatch');
    const [intact] = await uploader.upload(fileOf(bytes, 'b.bin'));
    expect(intact?.etag).toBe(`"${md5Hex(bytes)}"`);
  });

  it('many small files never put more requests in flight than the pool allows', async () => {
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', times: 40, action: { type: 'delay', ms: 30 } });
    const files = Array.from({ length: 40 }, (_, i) => fileOf(randomBody(1000 + i), `photo-${i}.jpg`));
    const results = await createUploader(options({ pool: createUploadPool({ maxConnections: 3 }) })).upload(files);
    expect(results).toHaveLength(40);
    expect(useStack().proxy.peakInFlight).toBe(3);
    await expectStored(results[17]!.key, await files[17]!.bytes());
  });

  it('small files are not starved by a large upload sharing the pool', async () => {
    const pool = createUploadPool({ maxConnections: 2 });
    useStack().proxy.inject({ match: matchPart(1), times: 1, action: { type: 'delay', ms: 100 } });
    useStack().proxy.inject({ match: ({ url }) => url.searchParams.has('partNumber'), times: 10, action: { type: 'delay', ms: 300 } });
    const big = createUploader(options({ pool })).upload(fileOf(randomBody(5 * PART)));
    const smallFiles = Array.from({ length: 6 }, (_, i) => fileOf(randomBody(2000), `small-${i}.jpg`));
    let bigDone = false;
    void big.then(() => (bigDone = true));
    await until(() => partPuts().length >= 1);
    const small = await createUploader(options({ pool })).upload(smallFiles);
    expect(small).toHaveLength(6);
    expect(bigDone).toBe(false);
    expect(await big).toHaveLength(1);
  });
});
