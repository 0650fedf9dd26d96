import type { Runner } from './types.ts';

/**
 * THE ONE FUNCTION TO FILL IN once `createUploader` gains multipart options
 * (the multipart work in src/core). Until then it is `undefined`, and the
 * harness reports "not yet available" for `ours-multipart` (and, with
 * `verify`, `ours-multipart-verify`) instead of numbers.
 *
 * Once available, it is the `ours` runner (./ours.ts) with multipart on,
 * at the scenario's part size and part concurrency, for example:
 *
 *   export const oursMultipart = (verify: boolean): Runner => async (files, spec) => {
 *     const uploader = createUploader({
 *       endpoint: BENCH_ROUTES.upload,
 *       headers: { [RUN_HEADER]: spec.runId },
 *       concurrency: spec.concurrency,
 *       multipart: { threshold: 0, partSize: spec.partSize, concurrency: spec.partConcurrency }, // names as the library defines them
 *       verify,                                                                                  // when the library has it
 *     });
 *     const results = await uploader.upload(files);
 *     if (results.length !== files.length) throw new Error('some parts or files failed');
 *     return { files: results.length, bytes: totalBytes(files) };
 *   };
 *
 * The library's multipart routes come with `createR2UploadHandler`, which the
 * harness already serves at /api/upload, so nothing else changes.
 */
export const oursMultipart: ((verify: boolean) => Runner) | undefined = undefined;

/** Whether the library can check uploaded bytes (`verify: true`); set with `oursMultipart`. */
export const oursVerifyAvailable = false;
