import { canceledError, sleep } from './abortable-sleep.js';
import { admitBatch, rejectionError, runValidate } from './admission.js';
import { parseUploadTarget, requestUploadTarget, uploadUrlRequest } from './backend-client.js';
import type { BatchSigner } from './batch-kit.js';
import { withBackendTimeout } from './backend-timeout.js';
import { sharedUploadPool } from './connection-pool.js';
import { resolveContentType } from './content-type.js';
import { R2UploadError, toR2UploadError } from './errors.js';
import { failureError, loadBatchKit, loadFailureKit, loadMultipartKit } from './lazy-kits.js';
import type { KeptSession } from './multipart-kit.js';
import type { UploadResult, UploadTarget } from './protocol.js';
import { MAX_MULTIPART_OBJECT_BYTES, MAX_SINGLE_PUT_BYTES } from './r2-limits.js';
import { resolveRetryPolicy } from './retry-policy.js';
import { uploadSingle } from './single-upload.js';
import { createStore } from './store.js';
import type { TransferContext } from './transfer-context.js';
import type { Uploader, UploaderOptions, UploaderSnapshot, UploadState } from './types.js';
import { chooseUploadMode } from './upload-mode.js';
import { isActive, isFinal, transition, type UploadEvent } from './upload-machine.js';
import { screenUploadUrl } from './url-screen.js';
import { createWarningReporter } from './warnings.js';

/** A FileList or an array has a length; a File has none. */
const toFileArray = (files: File | readonly File[] | FileList): File[] => ('length' in files ? Array.from(files) : [files]);

/** Long enough for a busy store to answer a large PUT, short enough that a dead connection does not hang an upload. */
const DEFAULT_STALL_TIMEOUT = 60_000;

/** Files whose runs start in one task when many are added at once. */
const ADMITTED_PER_TASK = 100;

let uploaderCount = 0;
/** Files are served in the order they were added, across every uploader of the page. */
let fileCount = 0;

/**
 * Refuses, before anything is sent, a file no upload could carry: larger than
 * an R2 object, or than one PUT without multipart. The words load only for
 * such a file.
 */
async function checkSize(file: File, multipartAvailable: boolean): Promise<void> {
  const limit = multipartAvailable ? MAX_MULTIPART_OBJECT_BYTES : MAX_SINGLE_PUT_BYTES;
  if (file.size <= limit) return;
  throw await failureError(
    loadFailureKit,
    (kit) => kit.tooLargeError(file, limit, multipartAvailable),
    () => new R2UploadError('file_rejected', `${file.name} is larger than ${limit} bytes.`),
  );
}

/**
 * Creates the framework-free upload engine: it asks the backend for signed
 * URLs, sends each file straight to the bucket (one PUT, or parts in parallel
 * for large files) through a connection pool shared by the whole page,
 * retries what fails transiently, pauses and resumes, and keeps every file's
 * state in a subscribable store.
 */
export function createUploader(initialOptions: UploaderOptions): Uploader {
  let options = initialOptions;
  const idPrefix = `u${(uploaderCount += 1)}${Math.random().toString(36).slice(2, 6)}`;
  let idCount = 0;
  const group = {};
  const store = createStore<UploaderSnapshot>({ uploads: [] });
  const controllers = new Map<string, AbortController>();
  const running = new Map<string, Promise<void>>();
  const sessions = new Map<string, KeptSession>();
  const priorities = new Map<string, number>();
  const settlers = new Map<string, (result: UploadResult | undefined) => void>();
  const reportWarning = createWarningReporter();

  const find = (id: string) => store.getState().uploads.find((upload) => upload.id === id);

  function dispatch(id: string, event: UploadEvent): UploadState | undefined {
    let changed: UploadState | undefined;
    store.setState((snapshot) => {
      const index = snapshot.uploads.findIndex((upload) => upload.id === id);
      const current = snapshot.uploads[index];
      if (!current) return snapshot;
      const next = transition(current, event);
      if (next === current) return snapshot;
      changed = next;
      const uploads = snapshot.uploads.slice();
      uploads[index] = next;
      return { uploads };
    });
    if (changed && event.type === 'progress') options.onProgress?.(changed);
    // An event that no longer applies still means "carry on" while the upload is under way.
    return changed ?? (event.type === 'progress' || event.type === 'sending' ? activeUpload(id) : undefined);
  }

  function activeUpload(id: string): UploadState | undefined {
    const upload = find(id);
    return upload && upload.status !== 'queued' && isActive(upload.status) ? upload : undefined;
  }

  function requestTarget(upload: UploadState, signal: AbortSignal): Promise<UploadTarget> {
    const source = options;
    return withBackendTimeout(source.backendTimeout, signal, async (timed) => {
      if (source.getUploadUrl) return parseUploadTarget(await source.getUploadUrl(upload.file, { signal: timed, contentType: upload.type }));
      if (!source.endpoint) throw new R2UploadError('invalid_backend_response', 'Give the uploader an `endpoint` or a `getUploadUrl` function.');
      return requestUploadTarget(source, uploadUrlRequest(upload), timed);
    });
  }

  /** A file that waits for its turn and will go as a single PUT: one batch signing can serve. */
  const waits = (upload: UploadState) => upload.status === 'queued' && running.has(upload.id) && !goesMultipart(upload);

  /** Batch signing, once several files wait for URLs with a backend that may sign many at once. */
  let batch: Promise<BatchSigner> | undefined;
  function batchSigner(): Promise<BatchSigner> | undefined {
    if (!batch && (options.endpoint || options.getUploadUrls) && store.getState().uploads.some(waits)) {
      batch = loadBatchKit().then((kit) =>
        kit.createBatchSigner({
          signOne: requestTarget,
          options: () => options,
          connections: () => options.concurrency ?? (options.pool ?? sharedUploadPool()).maxConnections,
          uploads: () => store.getState().uploads,
          waits,
        }),
      );
      // A failed chunk load may succeed next time; until then files are signed one by one.
      batch.catch(() => (batch = undefined));
    }
    return batch;
  }

  /** A signed target whose URL passed the checks: an insecure or foreign URL never receives the file. */
  async function getTarget(upload: UploadState, signal: AbortSignal): Promise<UploadTarget> {
    const signer = await batchSigner()?.catch(() => undefined);
    const target = await (signer ? signer.get(upload, signal) : requestTarget(upload, signal));
    for (const warning of await screenUploadUrl(target.url, upload.size, options)) reportWarning(warning, upload.file, options.onWarning);
    return target;
  }

  /**
   * Part URLs pass the same checks as a single PUT's (https, allowed origins,
   * no empty-body checksum), but sign no Content-Type by design: the object's
   * was set when the multipart upload was created.
   */
  async function checkPartUrl(upload: UploadState, url: string, size: number): Promise<void> {
    for (const warning of await screenUploadUrl(url, size, { ...options, requireSignedContentType: false })) reportWarning(warning, upload.file, options.onWarning);
  }

  /** True when large files can go multipart: a backend for it, and `multipart` not off. */
  const multipartAvailable = () => options.multipart !== false && (options.endpoint !== undefined || options.multipartBackend !== undefined);

  const goesMultipart = (upload: UploadState) =>
    sessions.has(upload.id) || chooseUploadMode(upload.file, options.multipart, multipartAvailable()) === 'multipart';

  async function transfer(upload: UploadState, signal: AbortSignal): Promise<UploadResult> {
    await checkSize(upload.file, multipartAvailable());
    const context: TransferContext = {
      upload,
      signal,
      pool: options.pool ?? sharedUploadPool(),
      priority: priorities.get(upload.id) ?? 0,
      group,
      groupLimit: options.concurrency,
      retry: resolveRetryPolicy(options.retry),
      verify: options.verify ?? false,
      stallTimeout: options.stallTimeout ?? DEFAULT_STALL_TIMEOUT,
      dispatch: (event) => dispatch(upload.id, event),
      checkPartUrl: (url, size) => checkPartUrl(upload, url, size),
    };
    if (!goesMultipart(upload)) return uploadSingle(context, (targetSignal) => getTarget(upload, targetSignal));
    return (await loadMultipartKit()).transferMultipart(context, options, sessions);
  }

  /** Ends a multipart upload that will not complete (failed or canceled), leaving nothing in the bucket. */
  function discard(id: string): Promise<void> {
    const kept = sessions.get(id);
    sessions.delete(id);
    return kept ? loadMultipartKit().then((kit) => kit.discardSession(kept)) : Promise.resolve();
  }

  function settle(id: string, result: UploadResult | undefined): void {
    void batch?.then((signer) => signer.forget(id), () => undefined);
    settlers.get(id)?.(result);
    settlers.delete(id);
  }

  async function run(id: string): Promise<void> {
    // A resume right after a pause waits for the paused run to unwind.
    await running.get(id);
    const upload = find(id);
    if (!upload || upload.status !== 'queued') {
      // Canceled (or cleared) before it got going: nothing ran, but upload() still waits for it.
      if (!upload || isFinal(upload.status)) settle(id, undefined);
      return;
    }
    const controller = new AbortController();
    controllers.set(id, controller);
    let outcome: { result: UploadResult } | { error: R2UploadError };
    try {
      outcome = { result: await transfer(upload, controller.signal) };
    } catch (thrown) {
      outcome = { error: toR2UploadError(thrown) };
    } finally {
      if (controllers.get(id) === controller) controllers.delete(id);
    }
    // Callbacks run after the state settles, so a throwing callback cannot corrupt it.
    if ('result' in outcome) {
      sessions.delete(id);
      const done = dispatch(id, { type: 'succeed', etag: outcome.result.etag });
      if (done) {
        options.onSuccess?.(outcome.result, done.file);
        settle(id, outcome.result);
        return;
      }
    }
    const status = find(id)?.status;
    if (controller.signal.aborted && status !== 'canceled') {
      // Paused, and maybe resumed already by a new run: the session stays for it.
      return;
    }
    if (status === 'canceled' || ('error' in outcome && outcome.error.code === 'canceled')) {
      dispatch(id, { type: 'cancel' });
      await discard(id);
      settle(id, undefined);
      return;
    }
    const error = 'error' in outcome ? outcome.error : canceledError();
    await discard(id);
    fail(id, error);
    settle(id, undefined);
  }

  function fail(id: string, error: R2UploadError): void {
    const failed = dispatch(id, { type: 'fail', error });
    if (failed) options.onError?.(error, failed.file);
  }

  /**
   * Checks queued files against the rules, in order, before any reaches the
   * backend: refused ones fail with `file_rejected` at once, the others are
   * validated and started. Failed and canceled files hold no `maxFiles` place.
   */
  function admit(ids: readonly string[]): Promise<Array<UploadResult | undefined>> {
    const uploads = store.getState().uploads;
    const asked = new Set(ids);
    const batch = uploads.filter((upload) => asked.has(upload.id));
    const held = uploads.filter((upload) => !asked.has(upload.id) && upload.status !== 'error' && upload.status !== 'canceled').length;
    const verdicts = admitBatch(batch, options, held);
    // Starting 1,000 runs at once holds the page for tens of ms: after the first 100, each 100 start a task later.
    let turn = Promise.resolve();
    const turns = batch.map((_, index) => (turn = index > 0 && index % ADMITTED_PER_TASK === 0 ? turn.then(() => sleep(0)) : turn));
    return Promise.all(
      batch.map(async (upload, index) => {
        // Refusals by the rules show at once; validate and the run wait for the file's turn.
        let rejection = verdicts[index];
        if (!rejection) {
          await turns[index];
          rejection = await runValidate(upload.file, options.validate);
        }
        if (rejection) return void fail(upload.id, rejectionError(rejection));
        return track(upload.id);
      }),
    );
  }

  function start(id: string): void {
    const task = run(id);
    running.set(id, task);
    void task.finally(() => {
      if (running.get(id) === task) running.delete(id);
    });
  }

  function track(id: string): Promise<UploadResult | undefined> {
    return new Promise((resolve) => {
      settlers.set(id, resolve);
      start(id);
    });
  }

  const matching = (id: string | undefined, accept: (upload: UploadState) => boolean) =>
    store.getState().uploads.filter((upload) => (id === undefined || upload.id === id) && accept(upload));

  function cancel(id?: string): void {
    for (const upload of matching(id, (candidate) => !isFinal(candidate.status))) {
      const wasPaused = upload.status === 'paused';
      dispatch(upload.id, { type: 'cancel' });
      controllers.get(upload.id)?.abort();
      // A paused upload has no run to clean up after it.
      if (wasPaused && !running.has(upload.id)) {
        void discard(upload.id);
        settle(upload.id, undefined);
      }
    }
  }

  /** Bytes the store holds for an upload: its confirmed parts, or nothing for a single PUT. */
  function confirmedBytes(id: string): number {
    const kept = sessions.get(id)?.session;
    let bytes = 0;
    for (const part of kept?.done.values() ?? []) bytes += part.size;
    return bytes;
  }

  return {
    async upload(files, callOptions = {}) {
      const added: UploadState[] = toFileArray(files).map((file) => ({
        id: `${idPrefix}-${(idCount += 1)}`,
        name: file.name,
        size: file.size,
        type: resolveContentType(file),
        status: 'queued',
        loaded: 0,
        total: file.size,
        file,
      }));
      for (const upload of added) priorities.set(upload.id, (fileCount += 1));
      // The multipart engine loads while the first large file is admitted, not after.
      if (added.some(goesMultipart)) void loadMultipartKit().catch(() => undefined);
      store.setState((snapshot) => ({ uploads: [...snapshot.uploads, ...added] }));
      const onAbort = () => added.forEach((upload) => cancel(upload.id));
      callOptions.signal?.addEventListener('abort', onAbort, { once: true });
      if (callOptions.signal?.aborted) onAbort();
      try {
        const results = await admit(added.map((upload) => upload.id));
        return results.filter((result): result is UploadResult => result !== undefined);
      } finally {
        callOptions.signal?.removeEventListener('abort', onAbort);
      }
    },
    cancel,
    pause(id) {
      for (const upload of matching(id, (candidate) => isActive(candidate.status))) {
        dispatch(upload.id, { type: 'pause', loaded: confirmedBytes(upload.id) });
        controllers.get(upload.id)?.abort();
      }
    },
    resume(id) {
      for (const upload of matching(id, (candidate) => candidate.status === 'paused')) {
        if (dispatch(upload.id, { type: 'resume' })) start(upload.id);
      }
    },
    async retry(id) {
      if (!dispatch(id, { type: 'retry' })) return undefined;
      return (await admit([id]))[0];
    },
    clear() {
      store.setState((snapshot) => {
        const uploads = snapshot.uploads.filter((upload) => !isFinal(upload.status));
        for (const upload of snapshot.uploads) if (isFinal(upload.status)) priorities.delete(upload.id);
        return uploads.length === snapshot.uploads.length ? snapshot : { uploads };
      });
    },
    getSnapshot: store.getState,
    subscribe: store.subscribe,
    setOptions(next) {
      options = next;
    },
  };
}
