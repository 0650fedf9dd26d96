import { pageSlot } from '../page/page-runtime.js';
import { loadOnce } from '../engine/features.js';
import { toR2UploadError } from '../errors/upload-error.js';
import { invalidMultipartAnswer as invalid, type MultipartBackend, type MultipartUploadRef } from '../protocol/multipart-protocol.js';
import { partLength, partPlanProblem, planParts, type PartPlan } from '../policy/part-plan.js';
import type { ResumeRecord, ResumeStore } from '../engine/resume-store.js';
import { isRetryable } from '../policy/retry-policy.js';

/** Resuming (the IndexedDB store, file fingerprints), loaded when the first multipart upload starts. */
export const loadResume = loadOnce(() => import('../resume/index.js'));

/** A part the store confirmed. */
export interface DonePart {
  etag: string;
  size: number;
  /** The part's MD5, once `verify` computed it. */
  md5?: Uint8Array;
}

/** A multipart upload in progress: what its parts go to, and which are done. It outlives a pause. */
export interface MultipartSession {
  ref: MultipartUploadRef;
  /** The backend's token for `?action=complete`, when it verifies completions. */
  completion?: string;
  plan: PartPlan;
  contentType: string;
  done: Map<number, DonePart>;
  /** Bytes a previous page had already uploaded, when this continues one. */
  resumedBytes: number;
  /** Set when the session is saved for resuming after a reload. */
  recordId?: string;
  createdAt: number;
  expiresAt: number;
  /** Saves run one after another, so that an older one never overwrites a newer one. */
  saving: Promise<void>;
}

/** How sessions are saved for resuming after a reload; `undefined` turns resuming off. */
export interface ResumeEnv {
  store: () => Promise<ResumeStore>;
  /** ms a session stays resumable. */
  maxAge: number;
  /** Keeps uploads through different backends apart. */
  scope: string;
}

export interface SessionEnv {
  backend: MultipartBackend;
  resume: ResumeEnv | undefined;
}

export interface SessionFile {
  file: File;
  filename: string;
  contentType: string;
  /** Sent to `multipart-create`, for the backend's route to check. */
  metadata?: Record<string, unknown> | undefined;
  preferredPartSize: number;
}

/** Resume records in use on this page (by any copy of the library): the same file picked twice at once must not share one upload. */
const claimed = pageSlot('claimed-sessions@1', () => new Set<string>());

const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

function toRecord(session: MultipartSession, id: string): ResumeRecord {
  return {
    id,
    ...session.ref,
    ...(session.completion ? { completion: session.completion } : {}),
    size: session.plan.size,
    partSize: session.plan.partSize,
    contentType: session.contentType,
    parts: [...session.done].map(([partNumber, part]) => ({
      partNumber,
      etag: part.etag,
      size: part.size,
      ...(part.md5 ? { md5: toHex(part.md5) } : {}),
    })),
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
  };
}

/** Saves the session (after any save still running), when it is resumable. Failures only cost resumability. */
export function saveSession(env: SessionEnv, session: MultipartSession): Promise<void> {
  const { recordId } = session;
  if (!recordId || !env.resume) return session.saving;
  const resume = env.resume;
  session.saving = session.saving.then(async () => (await resume.store()).put(toRecord(session, recordId))).catch(() => undefined);
  return session.saving;
}

/** Forgets a finished session: its saved state, and this page's claim on its file. */
export async function forgetSession(env: SessionEnv, session: MultipartSession): Promise<void> {
  const { recordId } = session;
  if (!recordId) return;
  session.recordId = undefined;
  claimed.delete(recordId);
  await session.saving;
  await env.resume?.store().then((store) => store.delete(recordId)).catch(() => undefined);
}

/**
 * Ends a session that will not complete: sends AbortMultipartUpload so the
 * store keeps no incomplete upload, and forgets it. Best effort: R2 aborts
 * what is left after 7 days anyway.
 */
export async function abortSession(env: SessionEnv, session: MultipartSession): Promise<void> {
  await forgetSession(env, session);
  await env.backend.abort(session.ref, { signal: new AbortController().signal }).catch(() => undefined);
}

/**
 * The parts of a saved upload that the store still holds, with the size
 * they must have: from ListParts when the backend has it (the store's word),
 * else the ETags saved as parts were confirmed. `undefined` when the upload
 * is gone (aborted, expired, or not this user's): it starts over.
 */
async function confirmedParts(env: SessionEnv, record: ResumeRecord, plan: PartPlan, signal: AbortSignal): Promise<Map<number, DonePart> | undefined> {
  const saved = new Map(record.parts.map((part) => [part.partNumber, part]));
  let listed: Array<{ partNumber: number; etag: string; size: number }> = record.parts;
  if (env.backend.listParts) {
    try {
      listed = (await env.backend.listParts({ key: record.key, uploadId: record.uploadId, ...(record.token ? { token: record.token } : {}) }, { signal })).parts;
    } catch (thrown) {
      const error = toR2UploadError(thrown);
      if (error.code === 'canceled' || isRetryable(error)) throw error;
      // 501: the store cannot list parts; the saved ETags were each confirmed by the store.
      if (!(error.code === 'backend_error' && error.status === 501)) return undefined;
    }
  }
  const done = new Map<number, DonePart>();
  for (const part of listed) {
    if (part.partNumber > plan.partCount || part.size !== partLength(plan, part.partNumber)) continue;
    const mine = saved.get(part.partNumber);
    const md5 = mine?.md5 && mine.etag === part.etag ? fromHex(mine.md5) : undefined;
    done.set(part.partNumber, { etag: part.etag, size: part.size, ...(md5 ? { md5 } : {}) });
  }
  return done;
}

function resumedSession(record: ResumeRecord, done: Map<number, DonePart>): MultipartSession {
  const plan = { size: record.size, partSize: record.partSize, partCount: Math.max(1, Math.ceil(record.size / record.partSize)) };
  let resumedBytes = 0;
  for (const part of done.values()) resumedBytes += part.size;
  return {
    ref: { key: record.key, uploadId: record.uploadId, ...(record.token ? { token: record.token } : {}) },
    ...(record.completion ? { completion: record.completion } : {}),
    plan,
    contentType: record.contentType,
    done,
    resumedBytes,
    recordId: record.id,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    saving: Promise.resolve(),
  };
}

/** The saved session for this file, if there is one the store still holds; claims the file either way. */
async function findSaved(env: SessionEnv, source: SessionFile, signal: AbortSignal): Promise<{ id?: string; session?: MultipartSession }> {
  const resume = env.resume;
  if (!resume) return {};
  let id: string;
  try {
    id = `${resume.scope}|${await (await loadResume()).fingerprintFile(source.file)}`;
  } catch {
    return {};
  }
  if (claimed.has(id)) return {};
  claimed.add(id);
  try {
    const store = await resume.store();
    const record = await store.get(id).catch(() => undefined);
    if (!record || record.expiresAt <= Date.now() || record.size !== source.file.size || partPlanProblem(record.size, record.partSize)) return { id };
    const done = await confirmedParts(env, record, resumedSession(record, new Map()).plan, signal);
    if (done) return { id, session: resumedSession(record, done) };
    await store.delete(id).catch(() => undefined);
    return { id };
  } catch (error) {
    claimed.delete(id);
    throw error;
  }
}

/**
 * Starts a multipart upload, or continues the one a previous page started for
 * the same file (same name, size, modification time and sampled bytes), from
 * the parts the store confirms. A new upload is saved for resuming at once.
 */
export async function openSession(env: SessionEnv, source: SessionFile, signal: AbortSignal): Promise<MultipartSession> {
  const saved = await findSaved(env, source, signal);
  if (saved.session) return saved.session;
  try {
    const proposed = planParts(source.file.size, source.preferredPartSize);
    const created = await env.backend.create(
      { filename: source.filename, contentType: source.contentType, size: proposed.size, partSize: proposed.partSize, ...(source.metadata === undefined ? {} : { metadata: source.metadata }) },
      { signal },
    );
    const problem = partPlanProblem(proposed.size, created.partSize);
    if (problem) throw invalid(`The backend chose a part size R2 cannot use: ${problem}.`);
    const createdAt = Date.now();
    const session: MultipartSession = {
      ref: { key: created.key, uploadId: created.uploadId, ...(created.token ? { token: created.token } : {}) },
      ...(created.completion ? { completion: created.completion } : {}),
      plan: { size: proposed.size, partSize: created.partSize, partCount: Math.max(1, Math.ceil(proposed.size / created.partSize)) },
      contentType: source.contentType,
      done: new Map(),
      resumedBytes: 0,
      ...(saved.id ? { recordId: saved.id } : {}),
      createdAt,
      expiresAt: createdAt + (env.resume?.maxAge ?? 0),
      saving: Promise.resolve(),
    };
    await saveSession(env, session);
    return session;
  } catch (error) {
    if (saved.id) claimed.delete(saved.id);
    throw error;
  }
}
