import { loadResumeKit } from './engine-shared.js';
import type { ResumeEnv, SessionEnv } from './multipart-session.js';
import type { ResumeStore } from './resume-store.js';
import type { UploaderOptions } from './types.js';

/**
 * The multipart engine, loaded only when the first large file starts: most
 * pages upload small files and never pay for it.
 */
export { abortSession } from './multipart-session.js';
export { uploadMultipart } from './multipart-upload.js';

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
  const { checkedMultipartBackend, createEndpointMultipartBackend, withTimeouts } = await loadMultipartClient();
  const untimed = options.endpoint ? createEndpointMultipartBackend(options) : checkedMultipartBackend(options.multipartBackend!);
  // backendTimeout bounds every multipart call, as it bounds signing a single PUT.
  const backend = withTimeouts(untimed, options.backendTimeout);
  const resume = options.resume ?? true;
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
