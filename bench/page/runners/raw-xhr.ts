import { signWithHandler } from '../backend.ts';
import { forEachLimit } from '../pool.ts';
import { etagOf, sendableHeaders, sendXhr } from '../xhr.ts';
import { required, totalBytes, type Runner } from './types.ts';

/**
 * The practical limit of one request per file: ask the same handler for a
 * URL, PUT with XMLHttpRequest, `concurrency` files at once. No state, no
 * retries, no checks: whatever the library adds over this is its overhead.
 */
export const rawXhr: Runner = async (files, spec) => {
  await forEachLimit(files, required(spec.concurrency, 'concurrency', spec), async (file) => {
    const target = await signWithHandler(file, spec.runId);
    etagOf(await sendXhr({ method: 'PUT', url: target.url, headers: sendableHeaders(target.headers), body: file }));
  });
  return { files: files.length, bytes: totalBytes(files) };
};
