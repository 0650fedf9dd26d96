import { z } from 'zod';
import { createR2UploadHandler, type R2UploadHandlerOptions } from '../src/server/index.ts';
import type { UploadRecords } from './upload-records.ts';

/** The demo's signed-in user: `x-demo-user` when a test sets it, else one fixed user. */
const demoUser = (request: Request) => request.headers.get('x-demo-user') ?? 'demo-user';

/**
 * The demo's second backend, at `/api/records`: a `photos` route whose
 * uploads carry a caption (checked by a zod schema), the user's id from
 * `authorize` (which the client cannot forge), and are recorded in SQLite by
 * `onUploadComplete` once the handler found them in the bucket.
 */
export function createRecordsHandler(bucket: Pick<R2UploadHandlerOptions, 'endpoint' | 'bucket' | 'accessKeyId' | 'secretAccessKey'>, records: UploadRecords) {
  return createR2UploadHandler({
    ...bucket,
    prefix: 'photos',
    list: true,
    authorize: (request) => ({ metadata: { userId: demoUser(request) } }),
    routes: {
      photos: {
        accept: 'image/*',
        maxFileSize: 20 * 1024 * 1024,
        metadata: z.object({ caption: z.string().trim().min(1, 'Write a caption.').max(200), userId: z.string().optional() }),
        onUploadComplete({ key, size, contentType, etag, metadata, route }) {
          const row = records.record({ key, route: route ?? '', userId: metadata.userId ?? '', caption: metadata.caption, size, contentType, etag });
          return { recordId: row.id, caption: row.caption };
        },
      },
    },
  });
}

/** What the page imports (as a type only) to type its uploader by these routes. */
export type RecordsHandler = ReturnType<typeof createRecordsHandler>;
