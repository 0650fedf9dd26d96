import { createUploadPool, createUploader } from '../../../src/core/index.ts';
import { BENCH_ROUTES, RUN_HEADER } from '../../shared/protocol.ts';
import { totalBytes, type Runner } from './types.ts';

/**
 * The `ours` runner (./ours.ts) with multipart on, at the scenario's part size,
 * and its parts in flight as the pool's connection budget (the library counts
 * requests, not files). Resuming stays on, as users get it (a fingerprint and
 * an IndexedDB write per part); `verify` computes the MD5 of every part.
 */
export const oursMultipart = (verify: boolean): Runner => async (files, spec) => {
  const uploader = createUploader({
    endpoint: BENCH_ROUTES.upload,
    headers: { [RUN_HEADER]: spec.runId },
    // Absent (s6b): the library's own pool, as an app that sets nothing gets it.
    ...(spec.partConcurrency === undefined ? {} : { pool: createUploadPool({ maxConnections: spec.partConcurrency }) }),
    multipart: { threshold: () => true, partSize: spec.partSize },
    verify,
  });
  const results = await uploader.upload(files);
  const failed = uploader.getSnapshot().uploads.find((upload) => upload.status !== 'done');
  if (failed) {
    const { error } = failed;
    const attempt = failed.attempt === undefined ? '' : `, attempt ${failed.attempt}`;
    throw new Error(`${failed.name}: ${failed.status} ${error?.code ?? ''} ${error?.status ?? ''} ${error?.s3Code ?? ''} ${error?.message ?? ''} (parts ${failed.parts?.done ?? 0}/${failed.parts?.total ?? '?'}${attempt})`);
  }
  return { files: results.length, bytes: totalBytes(files) };
};

/** Whether the library can check uploaded bytes (`verify: true`). */
export const oursVerifyAvailable = true;
