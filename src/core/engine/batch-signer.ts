import { callApp } from '../errors/app-callback.js';
import { uploadUrlRequest } from '../protocol/backend-client.js';
import { withBackendTimeout } from '../protocol/backend-timeout.js';
import { parseSignBatchAnswer, requestSignBatch, signsBatches } from '../protocol/sign-batch.js';
import { createTargetBatcher, type SignMany, type SignOne, type TargetBatcher } from './target-batcher.js';
import type { UploaderOptions, UploadState } from './types.js';

/** Signing many files in one call, when the backend can: `?action=sign-batch`, or the app's `getUploadUrls`. */
function signManyWith(options: UploaderOptions): SignMany | undefined {
  const { endpoint, headers, credentials, route, getUploadUrls, backendTimeout } = options;
  if (endpoint) {
    if (!signsBatches(endpoint)) return undefined;
    return (uploads, signal) => withBackendTimeout(backendTimeout, signal, (timed) => requestSignBatch({ endpoint, headers, credentials, route }, uploads.map(uploadUrlRequest), timed));
  }
  if (!getUploadUrls) return undefined;
  return async (uploads, signal) => {
    const answer = await withBackendTimeout(backendTimeout, signal, (timed) =>
      callApp('getUploadUrls', () => getUploadUrls(uploads.map((upload) => upload.file), { signal: timed, contentTypes: uploads.map((upload) => upload.type) })),
    );
    return parseSignBatchAnswer({ files: answer }, uploads.length);
  };
}

/** What the batch signer needs from the uploader. */
export interface BatchEnv {
  signOne: SignOne;
  options(): UploaderOptions;
  /** The most requests the uploader runs at once. */
  connections(): number;
  /** Every upload, in order. */
  uploads(): readonly UploadState[];
  /** True for an upload that waits for its turn and will go as a single PUT. */
  waits(upload: UploadState): boolean;
}

/** Hands out an uploader's targets; `forget` drops what was signed ahead for an upload that will not use it. */
export type BatchSigner = Pick<TargetBatcher, 'get' | 'forget'>;

/** The upload targets of an uploader, signed in batches and ahead of each file's turn. */
export function createBatchSigner(env: BatchEnv): BatchSigner {
  const signMany = () => signManyWith(env.options());
  const targets = createTargetBatcher(env.signOne, signMany);

  /**
   * Signs the next files while these upload, sixteen times the connections
   * ahead (96 for 6), topped up when half is used: one batch request serves
   * many files, and a refill has half the lookahead's time to come back, which
   * a high-latency link needs (4× left files waiting for URLs at 50 ms). A URL
   * that aged too long waiting is signed again (see the batcher).
   */
  function signAhead(): void {
    const lookahead = 16 * env.connections();
    if (!signMany() || targets.ahead > lookahead / 2) return;
    const next: UploadState[] = [];
    for (const upload of env.uploads()) {
      if (targets.ahead + next.length >= lookahead) break;
      if (env.waits(upload) && !targets.has(upload.id)) next.push(upload);
    }
    targets.prefetch(next);
  }

  return {
    get(upload, signal) {
      // The files ahead are queued first, so that this file's request carries them.
      signAhead();
      return targets.get(upload, signal);
    },
    forget: targets.forget,
  };
}
