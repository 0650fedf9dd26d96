import AwsS3, { type AwsS3Options } from '@uppy/aws-s3';
import Compressor from '@uppy/compressor';
import Uppy, { type Body, type Meta } from '@uppy/core';
import { BENCH_ROUTES, runPrefix, type SignS3Request, type SignS3Response } from '../../shared/protocol.ts';
import { postJson, signWithHandler } from '../backend.ts';
import { sendableHeaders } from '../xhr.ts';
import { resizeOf } from './ours-resize.ts';
import { totalBytes, type Runner } from './types.ts';

type SignRequest = Extract<AwsS3Options<Meta, Body>, { signRequest: unknown }>['signRequest'];
type Presignable = Parameters<SignRequest>[0];

/**
 * Uppy 6 (@uppy/core + @uppy/aws-s3) against the same backend. Uppy 6 asks
 * one `signRequest(request)` per S3 request: a PutObject is signed by the
 * library's own handler (so single PUTs cost the same server work for both),
 * multipart requests by the bench's aws4fetch route, and Uppy itself sends
 * CreateMultipartUpload and Complete to the store. Its defaults are kept
 * (6 files at once; within a file it sends parts one after the other, which
 * Uppy 6 cannot change). `partSize: 'ours'` sets the part size to ours for a
 * like-for-like run; `'uppy-default'` keeps Uppy's own (5 MiB, S3's minimum,
 * up to 10,000 parts), the configuration the issue's baseline was measured with.
 *
 * `compress` adds `@uppy/compressor` with the scenario's resize (its other
 * options at their defaults: 10 images at once). It is a preprocessor: it
 * decodes, draws and encodes every image on the main thread (Compressor.js:
 * an <img>, a <canvas>, `toBlob`) before the first upload starts, and
 * replaces each file's data, name, type and size with the result; keys are
 * made and PUTs signed afterwards, so the handler signs what is sent.
 */
const uppyRunner = ({ partSize, compress = false }: { partSize: 'ours' | 'uppy-default'; compress?: boolean }): Runner => async (files, spec) => {
  const resize = compress ? resizeOf(spec) : undefined;
  // PutObject requests carry the key and type but not the size, which the handler signs.
  const filesByKey = new Map<string, File>();
  const prefix = runPrefix(spec.runId);

  const signRequest = async (request: Presignable) => {
    if (request.method === 'PUT' && !('uploadId' in request)) {
      const file = filesByKey.get(request.key);
      if (!file) throw new Error(`Uppy asked to sign an unknown key: ${request.key}`);
      const target = await signWithHandler(file, spec.runId);
      // Every signed header (Content-Type, If-None-Match), as the handler's answer tells any client.
      return { url: target.url, key: target.key, headers: { 'content-type': file.type, ...sendableHeaders(target.headers) } };
    }
    const body: SignS3Request = {
      method: request.method,
      key: request.key,
      ...('uploadId' in request ? { uploadId: request.uploadId } : {}),
      ...('partNumber' in request ? { partNumber: request.partNumber } : {}),
    };
    return { url: (await postJson<SignS3Response>(BENCH_ROUTES.signS3, body)).url };
  };

  const instance = new Uppy({ autoProceed: false });
  if (resize) instance.use(Compressor, { maxWidth: resize.maxWidth, maxHeight: resize.maxHeight, mimeType: resize.type, quality: resize.quality });
  instance.use(AwsS3, {
    shouldUseMultipart: spec.multipart,
    ...(partSize === 'ours' ? { getChunkSize: () => spec.partSize } : {}),
    // Absent (s6*): Uppy's own default (6, its comment says, for HTTP/1.1's connections per host).
    ...(spec.concurrency === undefined ? {} : { limit: spec.concurrency }),
    generateObjectKey: (file) => {
      const key = `${prefix}/${file.id.replace(/[^A-Za-z0-9-]/g, '')}-${file.name ?? 'file'}`;
      // What will be sent: the compressor's output (a File in current browsers, a Blob in old ones) under its new name and type.
      const { data } = file;
      if (data instanceof File) filesByKey.set(key, data);
      else if (data instanceof Blob) filesByKey.set(key, new File([data], file.name ?? 'file', { type: file.type }));
      return key;
    },
    signRequest,
  });
  try {
    instance.addFiles(files.map((file) => ({ name: file.name, type: file.type, data: file, source: 'bench' })));
    const result = await instance.upload();
    const failed = result?.failed ?? [];
    if (failed.length > 0) throw new Error(`Uppy: ${failed.length} failed, first: ${failed[0]?.name}: ${String(failed[0]?.error)}`);
    const successful = result?.successful ?? [];
    if (!resize) return { files: successful.length, bytes: totalBytes(files) };
    // The compressor logs a failure and lets the original go: that is no resize.
    const other = successful.find((file) => file.type !== resize.type);
    if (other) throw new Error(`${other.name} went up as ${other.type || 'no type'}, not ${resize.type}: @uppy/compressor did not process it`);
    return { files: successful.length, bytes: successful.reduce((sum, file) => sum + (file.size ?? 0), 0) };
  } finally {
    instance.destroy();
  }
};

export const uppy = uppyRunner({ partSize: 'ours' });
export const uppyDefaultParts = uppyRunner({ partSize: 'uppy-default' });
export const uppyCompressor = uppyRunner({ partSize: 'ours', compress: true });
