import type { MultipartTransfer } from '../engine/features.js';
import type { ResumeStore } from '../engine/resume-store.js';
import type { MultipartOptions, UploaderOptions } from '../engine/types.js';
import { checkedMultipartBackend, createEndpointMultipartBackend, withTimeouts } from '../protocol/multipart-client.js';
import { DEFAULT_PART_SIZE } from '../protocol/r2-limits.js';
import { abortSession, loadResume, type MultipartSession, type ResumeEnv, type SessionEnv } from './multipart-session.js';
import { uploadMultipart } from './multipart-upload.js';

/*
 * The multipart feature, loaded by `createUploader` only when the first large
 * file starts: most pages upload small files and never pay for it.
 */

/** R2 aborts incomplete uploads after 7 days; resuming stops a day earlier so it never meets one that just vanished. */
const DEFAULT_RESUME_MAX_AGE = 6 * 24 * 60 * 60 * 1000;

const indexedDbStore = (): Promise<ResumeStore> => loadResume().then((resume) => resume.createIndexedDbResumeStore());

/** Uploads through different backends never resume one another. */
function resumeScope(endpoint: string | undefined): string {
  if (!endpoint) return 'custom';
  const base = typeof location === 'undefined' ? 'http://localhost/' : location.href;
  return URL.canParse(endpoint, base) ? new URL(endpoint, base).href : endpoint;
}

/** The backend and resume settings a multipart upload runs with; only called when one of the two backends exists. */
export function sessionEnv(options: UploaderOptions): SessionEnv {
  const resume = options.resume ?? true;
  // The resume chunk loads now, alongside the first request, not after it: on a distant link each chunk in turn costs a round trip.
  if (resume === true || (typeof resume === 'object' && !resume.store)) loadResume().catch(() => undefined);
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

/**
 * One file's multipart upload. Its session (the upload id and the parts the
 * store confirmed) is kept between runs, so that a paused upload resumes with
 * its parts, and with the backend it started with.
 */
export function createMultipartTransfer(options: UploaderOptions): MultipartTransfer {
  const env = sessionEnv(options);
  let session: MultipartSession | undefined;
  return {
    run(context) {
      const { upload } = context;
      const source = { file: upload.file, filename: upload.name, contentType: upload.type, metadata: upload.metadata, preferredPartSize: preferredPartSize(upload.size, options.multipart) };
      return uploadMultipart(context, env, source, { get: () => session, set: (next) => void (session = next) });
    },
    confirmedBytes() {
      let bytes = 0;
      for (const part of session?.done.values() ?? []) bytes += part.size;
      return bytes;
    },
    discard() {
      const kept = session;
      session = undefined;
      return kept ? abortSession(env, kept) : Promise.resolve();
    },
  };
}
