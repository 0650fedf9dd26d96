import { BENCH_ROUTES, type SignBatchRequest, type SignBatchResponse } from '../../shared/protocol.ts';
import { postJson } from '../backend.ts';
import { forEachLimit } from '../pool.ts';
import { etagOf, sendableHeaders, sendXhr } from '../xhr.ts';
import { required, totalBytes, type Runner } from './types.ts';

/**
 * Raw XHR with batch signing: one backend request signs every file, so each
 * file costs only its PUT (and its CORS preflight). Shows what a batch
 * signing route in the library would buy for many small files.
 */
export const rawBatch: Runner = async (files, spec) => {
  const request: SignBatchRequest = {
    runId: spec.runId,
    files: files.map((file) => ({ filename: file.name, contentType: file.type || 'application/octet-stream', size: file.size })),
  };
  const { targets } = await postJson<SignBatchResponse>(BENCH_ROUTES.signBatch, request);
  await forEachLimit(files, required(spec.concurrency, 'concurrency', spec), async (file, index) => {
    const target = targets[index];
    if (!target) throw new Error(`No URL signed for ${file.name}`);
    etagOf(await sendXhr({ method: 'PUT', url: target.url, headers: sendableHeaders(target.headers), body: file }));
  });
  return { files: files.length, bytes: totalBytes(files) };
};
