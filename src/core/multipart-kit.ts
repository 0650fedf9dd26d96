import { DEFAULT_PART_SIZE, loadResumeKit, type TransferContext } from './engine-shared.js';
import { abortSession, type MultipartSession, type ResumeEnv, type SessionEnv } from './multipart-session.js';
import { uploadMultipart } from './multipart-upload.js';
import type { UploadResult } from './protocol.js';
import type { ResumeStore } from './resume-store.js';
import type { MultipartOptions, UploaderOptions } from './types.js';

/**
 * The multipart engine, loaded only when the first large file starts: most
 * pages upload small files and never pay for it.
 */

/** R2 aborts incomplete uploads after 7 days; resuming stops a day earlier so it never meets one that just vanished. */
const DEFAULT_RESUME_MAX_AGE = 6 * 24 * 60 * 60 * 1000;

let defaultResumeStore: Promise<ResumeStore> | undefined;

function indexedDbStore(): Promise<ResumeStore> {
  defaultResumeStore ??= loadResumeKit().then((kit) => kit.createIndexedDbResumeStore());
  return defaultResumeStore;
}

/** Uploads through different backends never resume one another. */
function resumeScope(endpoint: string | undefined): string {
  if (!endpoint) return 'custom';
  const base = typeof location === 'undefined' ? 'http://localhost/' : location.href;
  return URL.canParse(endpoint, base) ? new URL(endpoint, base).href : endpoint;
}

/** The JSON protocol's client, apart: apps with their own `multipartBackend` never load it. */
export const loadMultipartClient = () => import('./multipart-client.js');

/** The backend and resume settings a multipart upload runs with; only called when one of the two backends exists. */
export async function sessionEnv(options: UploaderOptions): Promise<SessionEnv> {
  const resume = options.resume ?? true;
  // The resume kit loads alongside the client, not after it: on a distant link each chunk in turn costs a round trip.
  if (resume === true || (typeof resume === 'object' && !resume.store)) indexedDbStore().catch(() => undefined);
  const { checkedMultipartBackend, createEndpointMultipartBackend, withTimeouts } = await loadMultipartClient();
  const untimed = options.endpoint ? createEndpointMultipartBackend(options) : checkedMultipartBackend(options.multipartBackend!);
  // backendTimeout bounds every multipart call, as it bounds signing a single PUT.
  const backend = withTimeouts(untimed, options.backendTimeout);
  const env: ResumeEnv | undefined =
    resume === false
      ? undefined
      : {
          store: () => (typeof resume === 'object' && resume.store ? Promise.resolve(resume.store) : indexedDbStore()),
          maxAge: (typeof resume === 'object' ? resume.maxAge : undefined) ?? DEFAULT_RESUME_MAX_AGE,
          scope: resumeScope(options.endpoint),
        };
  return { backend, resume: env };
}

/** The part size the app prefers for a file; the planner adjusts it to R2's rules. */
export function preferredPartSize(size: number, options: MultipartOptions | false | undefined): number {
  const partSize = options === false ? undefined : options?.partSize;
  if (partSize === undefined) return DEFAULT_PART_SIZE;
  return typeof partSize === 'function' ? partSize(size) : partSize;
}

/** A multipart upload an uploader keeps between runs (pause, resume), with the backend it started with. */
export interface KeptSession {
  session: MultipartSession;
  env: SessionEnv;
}

/** Uploads a file in parts, keeping its session in `sessions` (by upload id) while it can still be resumed. */
export async function transferMultipart(context: TransferContext, options: UploaderOptions, sessions: Map<string, KeptSession>): Promise<UploadResult> {
  const { upload } = context;
  // A paused upload carries on with the backend it started with.
  const env = sessions.get(upload.id)?.env ?? (await sessionEnv(options));
  const source = { file: upload.file, filename: upload.name, contentType: upload.type, preferredPartSize: preferredPartSize(upload.size, options.multipart) };
  return uploadMultipart(context, env, source, {
    get: () => sessions.get(upload.id)?.session,
    set: (session) => void (session ? sessions.set(upload.id, { session, env }) : sessions.delete(upload.id)),
  });
}

/** Ends a kept multipart upload that will not complete, leaving nothing in the bucket. */
export const discardSession = ({ env, session }: KeptSession) => abortSession(env, session);
