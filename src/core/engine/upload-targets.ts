import { callApp } from '../errors/app-callback.js';
import { R2UploadError } from '../errors/upload-error.js';
import { createWarningReporter } from '../errors/warnings.js';
import { checkUploadUrl } from '../policy/url-checks.js';
import { parseUploadTarget, requestUploadTarget, uploadUrlRequest } from '../protocol/backend-client.js';
import { withBackendTimeout } from '../protocol/backend-timeout.js';
import type { UploadTarget } from '../protocol/upload-protocol.js';
import { sharedUploadPool } from '../transport/connection-pool.js';
import { createBatchSigner, type BatchSigner } from './batch-signer.js';
import type { UploaderOptions, UploadState } from './types.js';

/** Where an uploader's files get their signed URLs, and the checks every URL passes before a byte is sent to it. */
export interface UploadTargets {
  /** A signed target for a single PUT, whose URL passed the checks: an insecure or foreign URL never receives the file. */
  get(upload: UploadState, signal: AbortSignal): Promise<UploadTarget>;
  /**
   * Checks a part's URL as a single PUT's is checked (https, allowed origins,
   * no empty-body checksum), but without asking for a signed Content-Type:
   * the object's was set when the multipart upload was created.
   */
  checkPartUrl(upload: UploadState, url: string, size: number): void;
  /** Drops what was signed ahead for an upload that will not use it. */
  forget(id: string): void;
}

/** What the targets need from their uploader. */
export interface TargetsEnv {
  options(): UploaderOptions;
  /** Every upload, in order. */
  uploads(): readonly UploadState[];
  /** True for an upload that waits for its turn and will go as a single PUT: one batch signing can serve. */
  waits(upload: UploadState): boolean;
}

export function createUploadTargets(env: TargetsEnv): UploadTargets {
  const reportWarning = createWarningReporter();

  function signOne(upload: UploadState, signal: AbortSignal): Promise<UploadTarget> {
    const options = env.options();
    return withBackendTimeout(options.backendTimeout, signal, async (timed) => {
      const { getUploadUrl, endpoint } = options;
      if (getUploadUrl) {
        const context = { signal: timed, contentType: upload.type, ...(upload.metadata === undefined ? {} : { metadata: upload.metadata }) };
        return parseUploadTarget(await callApp('getUploadUrl', () => getUploadUrl(upload.file, context)));
      }
      if (!endpoint) throw new R2UploadError('invalid_backend_response', 'Give the uploader an `endpoint` or a `getUploadUrl` function.');
      return requestUploadTarget({ ...options, endpoint }, uploadUrlRequest(upload), timed);
    });
  }

  /** Batch signing, set up once several files wait for URLs with a backend that may sign many at once. */
  let batch: BatchSigner | undefined;
  function batchSigner(): BatchSigner | undefined {
    const options = env.options();
    if (!batch && (options.endpoint || options.getUploadUrls) && env.uploads().some(env.waits)) {
      batch = createBatchSigner({
        signOne,
        options: env.options,
        connections: () => options.concurrency ?? (options.pool ?? sharedUploadPool()).maxConnections,
        uploads: env.uploads,
        waits: env.waits,
      });
    }
    return batch;
  }

  function check(upload: UploadState, url: string, size: number, requireSignedContentType?: boolean): void {
    const options = env.options();
    const policy = requireSignedContentType === undefined ? options : { ...options, requireSignedContentType };
    for (const warning of checkUploadUrl(url, size, policy)) reportWarning(warning, upload.file, options.onWarning);
  }

  return {
    async get(upload, signal) {
      const signer = batchSigner();
      const target = await (signer ? signer.get(upload, signal) : signOne(upload, signal));
      check(upload, target.url, upload.size);
      return target;
    },
    checkPartUrl: (upload, url, size) => check(upload, url, size, false),
    forget: (id) => batch?.forget(id),
  };
}
