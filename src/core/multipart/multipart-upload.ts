import { canceledError, toR2UploadError } from '../errors/upload-error.js';
import { inSlot, visibleRetries, type TransferContext } from '../engine/transfer-context.js';
import { putWithXhr } from '../transport/xhr-put.js';
import { withRetries } from '../policy/with-retries.js';
import { forgetSession, openSession, saveSession, type MultipartSession, type SessionEnv, type SessionFile } from './multipart-session.js';
import { partRange } from '../policy/part-plan.js';
import { createPartSigner } from './part-signer.js';
import type { StoredUpload } from '../protocol/upload-protocol.js';
import { loadOnce } from '../engine/features.js';

/** MD5 and the ETag checks, loaded only for `verify: true`. */
const loadIntegrity = loadOnce(() => import('../integrity/index.js'));

/** Where the uploader keeps sessions between runs, so that a paused upload resumes with its parts. */
export interface SessionSlot {
  get(): MultipartSession | undefined;
  set(session: MultipartSession | undefined): void;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Aborts `controller` when `signal` aborts; returns the unlink function. */
function link(signal: AbortSignal, controller: AbortController): () => void {
  const abort = () => controller.abort();
  if (signal.aborted) abort();
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

/**
 * Sends the parts not yet done, each in a pool connection of its own, with
 * at most one worker per pool connection so that a 10,000-part file queues
 * no more than that. Progress is the bytes of done parts plus the bytes of
 * parts in flight. The first part that fails for good stops the others.
 */
async function uploadParts(context: TransferContext, env: SessionEnv, session: MultipartSession): Promise<void> {
  const { upload, signal } = context;
  const { plan } = session;
  const pending = Array.from({ length: plan.partCount }, (_, i) => i + 1).filter((n) => !session.done.has(n));
  if (pending.length === 0) return;
  const stop = new AbortController();
  const unlink = link(signal, stop);
  const sending = new Map<number, number>();
  /** Parts a worker has taken on but that are not done yet. */
  const claimed = new Set<number>();
  const waiting = { count: 0 };
  const retryHooks = visibleRetries(context, waiting, stop.signal);
  const verify = context.verify ? await loadIntegrity() : undefined;
  const signer = createPartSigner({
    backend: env.backend,
    upload: session.ref,
    plan,
    // Parts taken on but not yet sending come first: they are about to need their URL.
    upcoming: () => [...[...claimed].filter((n) => !sending.has(n)).sort((a, b) => a - b), ...pending],
    batchSize: context.pool.maxConnections,
  });
  let doneBytes = sum([...session.done.values()].map((part) => part.size));
  const report = () =>
    void context.dispatch({ type: 'progress', loaded: doneBytes + sum(sending.values()), partsDone: session.done.size });

  async function sendPart(partNumber: number): Promise<void> {
    const { start, end } = partRange(plan, partNumber);
    const body = upload.file.slice(start, end);
    const md5 = verify?.blobMd5(body, stop.signal);
    md5?.catch(() => undefined);
    const { etag } = await withRetries(
      () =>
        inSlot(
          context,
          'multipart',
          async (slot) => {
            const signed = await signer.get(partNumber, stop.signal);
            context.checkPartUrl(signed.url, end - start);
            sending.set(partNumber, 0);
            try {
              return await putWithXhr({
                url: signed.url,
                method: 'PUT',
                headers: signed.headers,
                body,
                signal: stop.signal,
                stallTimeout: context.stallTimeout,
                onProgress: (loaded) => {
                  sending.set(partNumber, loaded);
                  report();
                },
                onReport: slot.report,
              });
            } finally {
              sending.delete(partNumber);
            }
          },
          stop.signal,
        ),
      { ...retryHooks, onStaleUrl: () => signer.invalidate(partNumber) },
    );
    const digest = md5 ? await md5 : undefined;
    if (verify && digest) verify.checkPartEtag(etag, digest);
    session.done.set(partNumber, { etag, size: end - start, ...(digest ? { md5: digest } : {}) });
    doneBytes += end - start;
    report();
    void saveSession(env, session);
  }

  let failure: unknown;
  const worker = async () => {
    for (let next = pending.shift(); next !== undefined && failure === undefined; next = pending.shift()) {
      claimed.add(next);
      try {
        await sendPart(next);
      } finally {
        claimed.delete(next);
      }
    }
  };
  // Up to the pool's ceiling: an adaptive budget that grows finds parts waiting for the new slots.
  const workers = Math.min(context.pool.ceiling, pending.length);
  // Every worker takes its first part before any asks for a URL, so that the first batch covers them all.
  await Promise.all(
    Array.from({ length: workers }, () =>
      worker().catch((error: unknown) => {
        failure ??= error;
        stop.abort();
      }),
    ),
  );
  unlink();
  if (failure !== undefined) {
    // Parts aborted because another failed report `canceled`; the first real failure is the cause.
    throw signal.aborted ? canceledError() : failure;
  }
}

/** Part MD5s in part order, computing those a previous page did not keep. */
async function partMd5s(context: TransferContext, session: MultipartSession): Promise<Uint8Array[]> {
  const kit = await loadIntegrity();
  const digests: Uint8Array[] = [];
  for (let partNumber = 1; partNumber <= session.plan.partCount; partNumber++) {
    const part = session.done.get(partNumber);
    const { start, end } = partRange(session.plan, partNumber);
    digests.push(part?.md5 ?? (await kit.blobMd5(context.upload.file.slice(start, end), context.signal)));
  }
  return digests;
}

/** True when a resumed upload turned out not to exist any more (the store aborted or expired it). */
function isGone(error: unknown): boolean {
  const { code, status, s3Code, backendCode } = toR2UploadError(error);
  return (
    (code === 'store_error' && (status === 404 || s3Code === 'NoSuchUpload')) ||
    (code === 'backend_error' && (status === 404 || backendCode === 'no_such_upload' || backendCode === 'invalid_part'))
  );
}

/**
 * Uploads a file in parts: create (or resume) the multipart upload, send
 * the parts in parallel through the pool, complete it, and check the ETag.
 * A session resumed after a reload that the store no longer has starts over
 * once, from part 1, never producing a corrupt object.
 */
export async function uploadMultipart(context: TransferContext, env: SessionEnv, source: SessionFile, slot: SessionSlot): Promise<StoredUpload> {
  for (let fresh = false; ; fresh = true) {
    const session = await ensureSession(context, env, source, slot);
    try {
      return await finishUpload(context, env, session);
    } catch (error) {
      if (fresh || session.resumedBytes === 0 || context.signal.aborted || !isGone(error)) throw error;
      slot.set(undefined);
      await forgetSession(env, session);
    }
  }
}

async function ensureSession(context: TransferContext, env: SessionEnv, source: SessionFile, slot: SessionSlot): Promise<MultipartSession> {
  let session = slot.get();
  if (!session) {
    session = await withRetries(
      () =>
        inSlot(context, 'multipart', async () => {
          if (!context.dispatch({ type: 'sign' })) throw canceledError();
          return openSession(env, source, context.signal);
        }),
      visibleRetries(context, { count: 0 }),
    );
    slot.set(session);
  } else if (!context.dispatch({ type: 'sign' })) {
    throw canceledError();
  }
  const loaded = sum([...session.done.values()].map((part) => part.size));
  const signed = context.dispatch({
    type: 'signed',
    key: session.ref.key,
    contentType: session.contentType,
    mode: 'multipart',
    loaded,
    partsDone: session.done.size,
    partCount: session.plan.partCount,
    ...(session.resumedBytes > 0 ? { resumedBytes: session.resumedBytes } : {}),
  });
  if (!signed) throw canceledError();
  return session;
}

async function finishUpload(context: TransferContext, env: SessionEnv, session: MultipartSession): Promise<StoredUpload> {
  await uploadParts(context, env, session);
  const parts = Array.from({ length: session.plan.partCount }, (_, i) => ({ partNumber: i + 1, etag: session.done.get(i + 1)!.etag }));
  // Completing is not interrupted by a pause: the store may finish assembling the object after
  // the request is aborted, and the upload would then be gone for the retry after resume.
  const completion = new AbortController().signal;
  const answer = await withRetries(
    () => env.backend.complete({ ...session.ref, parts }, { signal: completion }),
    visibleRetries(context, { count: 0 }, completion),
  );
  await forgetSession(env, session);
  if (context.verify) (await loadIntegrity()).checkMultipartEtag(answer.etag, await partMd5s(context, session));
  return { key: answer.key, etag: answer.etag, size: session.plan.size, contentType: session.contentType, ...(session.completion ? { completion: session.completion } : {}) };
}

