// README "Recipes": shown there verbatim (test/unit/readme-examples.test.ts); called by test/integration/docs-recipes.test.ts.
import { createR2UploadHandler } from 'r2-uploader/server';

// Created at import, but options are checked per request: `next build` works without the secrets.
const handler = createR2UploadHandler({
  endpoint: process.env.R2_ENDPOINT!, // https://<ACCOUNT_ID>.r2.cloudflarestorage.com (without the bucket)
  bucket: process.env.R2_BUCKET!,
  accessKeyId: process.env.R2_ACCESS_KEY_ID!,
  secretAccessKey: process.env.R2_SECRET_ACCESS_KEY!,
  accept: ['image/*', '.pdf'],
  maxFileSize: 100 * 1024 * 1024,
});

export { handler as POST };
