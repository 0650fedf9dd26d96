// README "Next.js: routes, metadata and a database": tested in a fresh Next.js app (test/consumers/next-app.test.ts).
import { createR2UploadHandler } from 'r2-uploader/server';
import { z } from 'zod';
import { currentUserId } from '../../../../lib/current-user';
import { recordPhoto } from '../../../../lib/photo-records';

const handler = createR2UploadHandler({
  endpoint: process.env.R2_ENDPOINT!,
  bucket: process.env.R2_BUCKET!,
  accessKeyId: process.env.R2_ACCESS_KEY_ID!,
  secretAccessKey: process.env.R2_SECRET_ACCESS_KEY!,
  // Who uploads: the client cannot forge it, because it is merged into the signed metadata here.
  authorize: (request) => {
    const userId = currentUserId(request.headers.get('cookie'));
    return userId ? { prefix: `photos/${userId}`, metadata: { userId } } : false;
  },
  routes: {
    photos: {
      accept: 'image/*',
      maxFileSize: 10 * 1024 * 1024,
      metadata: z.object({ caption: z.string().trim().min(1, 'Write a caption.').max(200), userId: z.string().optional() }),
      // Runs once the handler found the object in the bucket, with the size, type and ETag that were signed.
      onUploadComplete: ({ key, size, contentType, metadata }) => {
        const photo = recordPhoto({ key, size, contentType, caption: metadata.caption, userId: metadata.userId ?? '' });
        return { photoId: photo.id, caption: photo.caption };
      },
    },
  },
});

/** For the browser: `createR2Client<PhotosHandler>()` types the route, its metadata and serverData. */
export type PhotosHandler = typeof handler;

// GET answers the route's rules (?action=config), so the page does not repeat them.
export { handler as GET, handler as POST };
