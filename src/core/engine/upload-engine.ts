import { canceledError, R2UploadError, toR2UploadError } from '../errors/upload-error.js';
import { reportUpload } from '../listing/upload-inbox.js';
import { createWarningReporter, type R2UploadWarning } from '../errors/warnings.js';
import { createAdmission } from './admit-files.js';
import { createRuleSource, wantsServerRules } from './rule-source.js';
import { resolveContentType } from '../policy/content-type.js';
import { resolveRetryPolicy } from '../policy/retry-policy.js';
import { checkSize } from '../policy/size-limit.js';
import type { UploadResult } from '../protocol/upload-protocol.js';
import { metadataFor } from '../policy/upload-metadata.js';
import { sharedUploadPool } from '../transport/connection-pool.js';
import type { UploadFeatures } from './features.js';
import { createUploadRecords, type UploadRecord } from './upload-records.js';
import { uploadSingle } from './single-upload.js';
import { completeStored } from './complete-upload.js';
import { createStore } from './store.js';
import type { Uploader, UploaderOptions, UploaderSnapshot, UploadState } from './types.js';
import { chooseUploadMode } from './upload-mode.js';
import { isActive, isFinal, transition, type UploadEvent } from './upload-machine.js';
import { createUploadTargets } from './upload-targets.js';
import { createRateMeter, type RateMeter } from './transfer-rate.js';
import { createSliceAdder } from './add-in-slices.js';

/** Long enough for a busy store to answer a large PUT, short enough that a dead connection does not hang an upload. */
const DEFAULT_STALL_TIMEOUT = 60_000;

/** A FileList or an array has a length; a File has none. */
const toFileArray = (files: File | readonly File[] | FileList): File[] => ('length' in files ? Array.from(files) : [files]);

/**
 * The upload engine behind `createUploader`, with the optional features it is
 * given. Each file goes: add (made a slice per task; see add-in-slices.ts)
 * → admit (the rules, image processing, `validate`; see admit-files.ts) → run:
 * sign → one PUT, or multipart → retried by the retry rules → done, error or
 * canceled. The state of every file is in the store; what the engine keeps
 * beside it for a file is in one record (see upload-records.ts).
 */
export function createUploadEngine(initialOptions: UploaderOptions, features: UploadFeatures): Uploader {
  let options = initialOptions;
  let disposed = false;
  const group = {};
  const store = createStore<UploaderSnapshot>({ uploads: [] });
  const records = createUploadRecords((id) => targets.forget(id));
  const find = (id: string) => store.getState().uploads.find((upload) => upload.id === id);
  // Every byte any upload has sent, so the uploader's speed counts the link, not one file.
  const sent = { bytes: 0, meter: createRateMeter() };
  const addInSlices = createSliceAdder();
  // The upload() calls whose files are still being made into uploads, a slice per task: cancel() or pause() of every upload reaches them too.
  const adding = new Set<{ canceled: boolean; paused: boolean }>();

  /** Applies an event to a file's state; `undefined` when it no longer applies (canceled, paused, gone). */
  function dispatch(id: string, event: UploadEvent): UploadState | undefined {
    let changed: UploadState | undefined;
    store.setState((snapshot) => {
      const index = snapshot.uploads.findIndex((upload) => upload.id === id);
      const current = snapshot.uploads[index];
      const next = current && transition(current, event);
      if (!next || next === current) return snapshot;
      changed = next;
      const uploads = snapshot.uploads.slice();
      uploads[index] = next;
      if (next.loaded <= current.loaded || event.type !== 'progress') return { ...snapshot, uploads };
      sent.bytes += next.loaded - current.loaded;
      const bytesPerSecond = sent.meter.sample(sent.bytes);
      return bytesPerSecond === undefined ? { ...snapshot, uploads } : { ...snapshot, uploads, bytesPerSecond };
    });
    if (changed && event.type === 'progress') options.onProgress?.(changed);
    // An event that no longer applies still means "carry on" while the upload is under way.
    return changed ?? (event.type === 'progress' || event.type === 'sending' ? activeUpload(id) : undefined);
  }

  /** A progress event with the run's speed; any other event (a retry, a backoff) starts the measure again. */
  function measured(event: UploadEvent, meter: RateMeter): UploadEvent {
    if (event.type !== 'progress') {
      meter.reset();
      return event;
    }
    const bytesPerSecond = meter.sample(event.loaded);
    return bytesPerSecond === undefined ? event : { ...event, bytesPerSecond };
  }

  function activeUpload(id: string): UploadState | undefined {
    const upload = find(id);
    return upload && upload.status !== 'queued' && isActive(upload.status) ? upload : undefined;
  }

  const multipartAvailable = () => options.multipart !== false && (options.endpoint !== undefined || options.multipartBackend !== undefined);
  /** A file goes multipart once it started so (a paused one resumes its parts), or when the rules say so. */
  const goesMultipart = (upload: UploadState) =>
    records.get(upload.id)?.multipart !== undefined || chooseUploadMode(upload.file, options.multipart, multipartAvailable()) === 'multipart';
  const waits = (upload: UploadState) => upload.status === 'queued' && records.get(upload.id)?.running !== undefined && !goesMultipart(upload);
  const targets = createUploadTargets({ options: () => options, uploads: () => store.getState().uploads, waits });
  const reportWarning = createWarningReporter();
  const ruleSource = createRuleSource(
    () => options,
    (rules) => store.setState((snapshot) => (snapshot.rules === rules ? snapshot : { ...snapshot, rules })),
  );
  const warn = (warning: R2UploadWarning, file: File) => reportWarning(warning, file, options.onWarning);
  const admit = createAdmission({
    options: () => options,
    uploads: () => store.getState().uploads,
    record: records.get,
    serverRules: (first) => (wantsServerRules(options) ? ruleSource.load((warning) => first && warn(warning, first)) : undefined),
    images: features.images,
    dispatch,
    warn,
    fail,
    track: (record) => records.track(record, () => start(record)),
  });

  /** Sends the file: one PUT, or its parts. */
  async function transfer(record: UploadRecord, upload: UploadState, signal: AbortSignal): Promise<UploadResult> {
    checkSize(upload.file, multipartAvailable());
    const meter = createRateMeter();
    const context = {
      upload,
      signal,
      pool: options.pool ?? sharedUploadPool(),
      priority: record.priority,
      group,
      groupLimit: options.concurrency,
      retry: resolveRetryPolicy(options.retry),
      verify: options.verify ?? false,
      integrity: features.integrity,
      stallTimeout: options.stallTimeout ?? DEFAULT_STALL_TIMEOUT,
      dispatch: (event: UploadEvent) => dispatch(upload.id, measured(event, meter)),
      checkPartUrl: (url: string, size: number) => targets.checkPartUrl(upload, url, size),
    };
    if (!goesMultipart(upload)) return completeStored(context, options, await uploadSingle(context, (targetSignal) => targets.get(upload, targetSignal)));
    record.multipart ??= (await features.multipart()).createMultipartTransfer(options);
    return completeStored(context, options, await record.multipart.run(context));
  }

  /** One run of a file, from its turn to its end (or to a pause, which keeps its multipart session for the next run). */
  async function run(record: UploadRecord, previous: Promise<void> | undefined): Promise<void> {
    // A resume right after a pause waits for the paused run to unwind.
    await previous;
    const upload = find(record.id);
    if (!upload || upload.status !== 'queued') {
      // Canceled (or cleared) before it got going: nothing ran, but upload() still waits for it.
      if (!upload || isFinal(upload.status)) records.settle(record, undefined);
      return;
    }
    const controller = new AbortController();
    record.controller = controller;
    let outcome: { result: UploadResult } | { error: R2UploadError };
    try {
      outcome = { result: await transfer(record, upload, controller.signal) };
    } catch (thrown) {
      outcome = { error: toR2UploadError(thrown) };
    }
    if (record.controller === controller) record.controller = undefined;
    // Callbacks run after the state settles, so a throwing callback cannot corrupt it.
    if ('result' in outcome) {
      record.multipart = undefined;
      const done = dispatch(record.id, { type: 'succeed', etag: outcome.result.etag, serverData: outcome.result.serverData });
      if (done) {
        // Lists of this endpoint, in any framework, show the object at once.
        reportUpload(outcome.result, options.endpoint);
        options.onSuccess?.(outcome.result, done.file);
        return records.settle(record, outcome.result);
      }
    }
    const status = find(record.id)?.status;
    // Paused, and maybe resumed already by a new run: the session stays for it.
    if (controller.signal.aborted && status !== 'canceled') return;
    await records.discard(record);
    if (status === 'canceled' || ('error' in outcome && outcome.error.code === 'canceled')) dispatch(record.id, { type: 'cancel' });
    else fail(record.id, 'error' in outcome ? outcome.error : canceledError());
    records.settle(record, undefined);
  }

  function fail(id: string, error: R2UploadError): void {
    const failed = dispatch(id, { type: 'fail', error });
    if (failed) options.onError?.(error, failed.file);
  }

  function start(record: UploadRecord): void {
    const task = run(record, record.running);
    record.running = task;
    void task.finally(() => {
      if (record.running === task) record.running = undefined;
    });
  }

  const matching = (id: string | undefined, accept: (upload: UploadState) => boolean) =>
    store.getState().uploads.filter((upload) => (id === undefined || upload.id === id) && accept(upload));

  function cancel(id?: string): void {
    if (id === undefined) for (const batch of adding) batch.canceled = true;
    for (const upload of matching(id, (candidate) => !isFinal(candidate.status))) {
      const record = records.get(upload.id);
      const wasPaused = upload.status === 'paused';
      dispatch(upload.id, { type: 'cancel' });
      record?.controller?.abort();
      // A paused upload has no run to clean up after it.
      if (record && wasPaused && !record.running) {
        void records.discard(record);
        records.settle(record, undefined);
      }
    }
  }

  function pause(id?: string): void {
    if (id === undefined) for (const batch of adding) batch.paused = true;
    for (const upload of matching(id, (candidate) => isActive(candidate.status))) {
      const record = records.get(upload.id);
      dispatch(upload.id, { type: 'pause', loaded: record?.multipart?.confirmedBytes() ?? 0 });
      record?.controller?.abort();
    }
  }

  return {
    async upload(files, callOptions = {}) {
      if (disposed) throw new R2UploadError('canceled', 'This uploader was disposed.');
      const source = callOptions.metadata ?? options.metadata;
      const failed = new Map<string, R2UploadError>();
      const batch = { canceled: callOptions.signal?.aborted === true, paused: false };
      const added: UploadState[] = [];
      const onAbort = () => {
        batch.canceled = true;
        added.forEach((upload) => cancel(upload.id));
      };
      callOptions.signal?.addEventListener('abort', onAbort, { once: true });
      const newUpload = (file: File): UploadState => {
        const id = records.add();
        const metadata = metadataFor(source, file);
        if (metadata instanceof R2UploadError) failed.set(id, metadata);
        const { size } = file;
        return { id, name: file.name, size, type: resolveContentType(file), status: 'queued', loaded: 0, total: size, file, ...(metadata instanceof R2UploadError ? {} : metadata) };
      };
      let admitted: Promise<Array<UploadResult | undefined>> = Promise.resolve([]);
      const add = (made: UploadState[]) => {
        // The multipart feature loads while the first large file is admitted, not after.
        if (made.some(goesMultipart)) void features.multipart().catch(() => undefined);
        store.setState((snapshot) => ({ ...snapshot, uploads: [...snapshot.uploads, ...made] }));
        added.push(...made);
        for (const upload of made) if (batch.canceled) cancel(upload.id); else if (batch.paused) pause(upload.id);
        // Admitted in the same go: a batch added within upload() shows the rules' refusals within it too.
        admitted = admit(made.map((upload) => upload.id), failed);
      };
      adding.add(batch);
      try {
        await addInSlices(toFileArray(files), newUpload, add).finally(() => adding.delete(batch));
        const results = await admitted;
        return results.filter((result): result is UploadResult => result !== undefined);
      } finally {
        callOptions.signal?.removeEventListener('abort', onAbort);
      }
    },
    cancel,
    pause,
    resume(id) {
      if (id === undefined) for (const batch of adding) batch.paused = false;
      for (const upload of matching(id, (candidate) => candidate.status === 'paused')) {
        const record = records.get(upload.id);
        if (record && dispatch(upload.id, { type: 'resume' })) start(record);
      }
    },
    async retry(id) {
      if (disposed || !dispatch(id, { type: 'retry' })) return undefined;
      return (await admit([id]))[0];
    },
    clear() {
      store.setState((snapshot) => {
        const uploads = snapshot.uploads.filter((upload) => !isFinal(upload.status));
        for (const upload of snapshot.uploads) if (isFinal(upload.status)) records.remove(upload.id);
        return uploads.length === snapshot.uploads.length ? snapshot : { ...snapshot, uploads };
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // Every unfinished upload ends canceled (a multipart one is aborted in the store), so nothing runs on for an uploader nobody holds.
      cancel();
    },
    loadRules: () => ruleSource.load(),
    getSnapshot: store.getState,
    subscribe: store.subscribe,
    setOptions(next) {
      options = next;
    },
  };
}
