import { createUploader } from '../../../src/core/index.ts';
import { BENCH_ROUTES, RUN_HEADER, type RunSpec } from '../../shared/protocol.ts';
import { concurrencyOption, type Runner } from './types.ts';

/** The resize every image runner applies, or a clear error when a scenario forgot it. */
export function resizeOf(spec: RunSpec) {
  if (!spec.images) throw new Error(`${spec.runner} needs an image workload (spec.images).`);
  return spec.images.resize;
}

/**
 * The `ours` runner with `resizeImages`: the library decodes, resizes and
 * re-encodes each photo in its Web Worker (two at a time, ahead of their
 * uploads) and uploads the WebP, signed at its own size and type. Any photo
 * that went up unprocessed (an `image_unprocessed` warning) fails the run.
 */
export const oursResize: Runner = async (files, spec) => {
  const resize = resizeOf(spec);
  let unprocessed: string | undefined;
  const uploader = createUploader({
    endpoint: BENCH_ROUTES.upload,
    headers: { [RUN_HEADER]: spec.runId },
    ...concurrencyOption(spec),
    multipart: false,
    resizeImages: resize,
    onWarning: (warning, file) => {
      if (warning.code === 'image_unprocessed') unprocessed ??= `${file.name}: ${warning.message}`;
    },
  });
  const results = await uploader.upload(files);
  const failed = uploader.getSnapshot().uploads.find((upload) => upload.status !== 'done');
  if (failed) throw new Error(`${failed.name}: ${failed.status} ${failed.error?.code ?? ''} ${failed.error?.message ?? ''}`);
  if (unprocessed) throw new Error(unprocessed);
  const other = results.find((result) => result.contentType !== resize.type);
  if (other) throw new Error(`${other.key} went up as ${other.contentType}, not ${resize.type}`);
  return { files: results.length, bytes: results.reduce((sum, result) => sum + result.size, 0) };
};
