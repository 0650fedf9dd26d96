// README "Recipes": shown there verbatim (test/unit/readme-examples.test.ts); served by test/integration/docs-recipes.test.ts.
import express from 'express';
import { createR2UploadHandler, toNodeHandler } from 'r2-uploader/server';

const upload = toNodeHandler(
  createR2UploadHandler({
    endpoint: process.env.R2_ENDPOINT!, // https://<ACCOUNT_ID>.r2.cloudflarestorage.com (without the bucket)
    bucket: process.env.R2_BUCKET!,
    accessKeyId: process.env.R2_ACCESS_KEY_ID!,
    secretAccessKey: process.env.R2_SECRET_ACCESS_KEY!,
    accept: ['image/*', '.pdf'],
    maxFileSize: 100 * 1024 * 1024,
  }),
);

export const app = express();
app.use('/api/upload', upload); // `use`, not `all`: it also answers below the path; before any body parser
app.use(express.json()); // your other routes from here on

if (import.meta.main) app.listen(3000);
