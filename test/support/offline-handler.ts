import { createR2UploadHandler, type R2UploadHandlerOptions, type UploadHandler } from '../../src/server/index.ts';

/** A bucket no test contacts: signing is local, so refusals and signatures need no store. */
export const OFFLINE_BUCKET: R2UploadHandlerOptions = {
  endpoint: 'https://0123456789abcdef.r2.cloudflarestorage.com',
  bucket: 'uploads',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'secret',
};

/** `createR2UploadHandler` for {@link OFFLINE_BUCKET}, with these options. */
export const offlineHandler = (options: Partial<R2UploadHandlerOptions> = {}): UploadHandler => createR2UploadHandler({ ...OFFLINE_BUCKET, ...options });
