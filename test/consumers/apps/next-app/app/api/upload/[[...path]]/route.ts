// The README's catch-all route recipe, with list, download and delete on.
import { createR2UploadHandler } from 'r2-uploader/server';

const handler = createR2UploadHandler({
  endpoint: process.env.R2_ENDPOINT!,
  bucket: process.env.R2_BUCKET!,
  accessKeyId: process.env.R2_ACCESS_KEY_ID!,
  secretAccessKey: process.env.R2_SECRET_ACCESS_KEY!,
  accept: ['image/*', '.pdf'],
  maxFileSize: 100 * 1024 * 1024,
  list: true,
  download: true,
  delete: true,
});

export { handler as GET, handler as POST, handler as DELETE };
