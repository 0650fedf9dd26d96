import { admitBatch, rejectionError, runValidate } from './admission.js';
import { parseUploadTarget, requestUploadTarget } from './backend-client.js';
import { withBackendTimeout } from './backend-timeout.js';
import { resolveContentType } from './content-type.js';
import { R2UploadError, toR2UploadError } from './errors.js';
import type { UploadResult, UploadTarget } from './protocol.js';
import { createStore } from './store.js';
import { createTaskQueue } from './task-queue.js';
import type { Uploader, UploaderOptions, UploaderSnapshot, UploadState } from './types.js';
import { isFinal, transition, type UploadEvent } from './upload-machine.js';
import { checkUploadUrl } from './url-checks.js';
import { createWarningReporter } from './warnings.js';
import { putWithXhr } from './xhr-put.js';

const DEFAULT_CONCURRENCY = 6;

function toFileArray(files: File | readonly File[] | FileList): File[] {
  if (typeof FileList !== 'undefined' && files instanceof FileList) return Array.from(files);
  return Array.isArray(files) ? [...(files as readonly File[])] : [files as File];
}

/** Header names are case-insensitive; lower-casing them once avoids sending one twice. */
function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

let uploaderCount = 0;

/**
 * Creates the framework-free upload engine: it asks the backend for a signed
 * URL, PUTs each file straight to the bucket, and keeps every file's state in
 * a subscribable store.
 */
export function createUploader(initialOptions: UploaderOptions): Uploader {
  let options = initialOptions;
  const idPrefix = `u${(uploaderCount += 1)}${Math.random().toString(36).slice(2, 6)}`;
  let idCount = 0;
  const store = createStore<UploaderSnapshot>({ uploads: [] });
  const controllers = new Map<string, AbortController>();
  const queue = createTaskQueue(() => options.concurrency ?? DEFAULT_CONCURRENCY);
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
    return changed;
  }

  function getTarget(upload: UploadState, signal: AbortSignal): Promise<UploadTarget> {
    const request = { filename: upload.name, contentType: upload.type, size: upload.size };
    if (options.getUploadUrl) {
      const { getUploadUrl } = options;
      return withBackendTimeout(options.backendTimeout, signal, (timed) => getUploadUrl(upload.file, { signal: timed, contentType: upload.type })).then(parseUploadTarget);
    }
    const { endpoint, headers, credentials } = options;
    if (!endpoint) throw new R2UploadError('invalid_backend_response', 'Give the uploader an `endpoint` or a `getUploadUrl` function.');
    return withBackendTimeout(options.backendTimeout, signal, (timed) => requestUploadTarget({ endpoint, headers, credentials }, request, timed));
  }

  async function send(id: string, signal: AbortSignal): Promise<UploadResult> {
    const signing = dispatch(id, { type: 'sign' });
    if (!signing) throw new R2UploadError('canceled', 'The upload was canceled.');
    const target = await getTarget(signing, signal);
    for (const warning of checkUploadUrl(target.url, signing.size, options)) reportWarning(warning, signing.file, options.onWarning);
    // The Content-Type sent must be the one that was signed, whatever the file claims.
    const signedHeaders = lowerCaseKeys(target.headers);
    const contentType = signedHeaders['content-type'] ?? signing.type;
    const headers = { ...signedHeaders, 'content-type': contentType };
    if (!dispatch(id, { type: 'signed', key: target.key, contentType })) throw new R2UploadError('canceled', 'The upload was canceled.');
    const { etag } = await putWithXhr({
      url: target.url,
      method: target.method,
      headers,
      body: signing.file,
      signal,
      onProgress: (loaded) => {
        const progressed = dispatch(id, { type: 'progress', loaded });
        if (progressed) options.onProgress?.(progressed);
      },
    });
    return { key: target.key, etag, size: signing.file.size, contentType };
  }

  async function run(id: string): Promise<UploadResult | undefined> {
    const upload = find(id);
    if (!upload || upload.status !== 'queued') return undefined;
    const controller = new AbortController();
    controllers.set(id, controller);
    let outcome: { result: UploadResult } | { error: R2UploadError };
    try {
      outcome = { result: await send(id, controller.signal) };
    } catch (thrown) {
      outcome = { error: toR2UploadError(thrown) };
    } finally {
      controllers.delete(id);
    }
    // Callbacks run after the state settles, so a throwing callback cannot corrupt it.
    if ('result' in outcome) {
      const done = dispatch(id, { type: 'succeed', etag: outcome.result.etag });
      if (!done) return undefined;
      options.onSuccess?.(outcome.result, done.file);
      return outcome.result;
    }
    if (outcome.error.code === 'canceled' || controller.signal.aborted) {
      dispatch(id, { type: 'cancel' });
      return undefined;
    }
    fail(id, outcome.error);
    return undefined;
  }

  function fail(id: string, error: R2UploadError): void {
    const failed = dispatch(id, { type: 'fail', error });
    if (failed) options.onError?.(error, failed.file);
  }

  /**
   * Checks queued files against the rules, in order, before any reaches the
   * backend: refused ones fail with `file_rejected` at once, the others are
   * validated and queued. Failed and canceled files hold no `maxFiles` place.
   */
  function admit(ids: readonly string[]): Promise<Array<UploadResult | undefined>> {
    const uploads = store.getState().uploads;
    const batch = uploads.filter((upload) => ids.includes(upload.id));
    const held = uploads.filter((upload) => !ids.includes(upload.id) && upload.status !== 'error' && upload.status !== 'canceled').length;
    const verdicts = admitBatch(batch, options, held);
    return Promise.all(
      batch.map(async (upload, index) => {
        const rejection = verdicts[index] ?? (await runValidate(upload.file, options.validate));
        if (rejection) return void fail(upload.id, rejectionError(rejection));
        return enqueue(upload.id);
      }),
    );
  }

  function cancel(id?: string): void {
    const targets = store.getState().uploads.filter((upload) => (id === undefined || upload.id === id) && !isFinal(upload.status));
    for (const upload of targets) {
      dispatch(upload.id, { type: 'cancel' });
      controllers.get(upload.id)?.abort();
    }
  }

  function enqueue(id: string): Promise<UploadResult | undefined> {
    return queue.run(() => run(id));
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
    async retry(id) {
      if (!dispatch(id, { type: 'retry' })) return undefined;
      return (await admit([id]))[0];
    },
    clear() {
      store.setState((snapshot) => {
        const uploads = snapshot.uploads.filter((upload) => !isFinal(upload.status));
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
