import { createUploader } from '../../../src/core/index.ts';
import { BENCH_ROUTES, RUN_HEADER } from '../../shared/protocol.ts';
import { concurrencyOption, totalBytes, type Runner } from './types.ts';

/** The library's framework-free engine, as an app without React uses it: one `upload()` call. */
export const ours: Runner = async (files, spec) => {
  // One PUT per file, whatever its size: the multipart runner is ours-multipart.
  const uploader = createUploader({ endpoint: BENCH_ROUTES.upload, headers: { [RUN_HEADER]: spec.runId }, ...concurrencyOption(spec), multipart: false });
  const results = await uploader.upload(files);
  const failed = uploader.getSnapshot().uploads.find((upload) => upload.status !== 'done');
  if (failed) throw new Error(`${failed.name}: ${failed.status} ${failed.error?.code ?? ''} ${failed.error?.message ?? ''}`);
  return { files: results.length, bytes: totalBytes(files) };
};
