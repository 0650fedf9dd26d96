// README "Recipes": shown there verbatim (test/unit/readme-examples.test.ts); served by test/integration/docs-recipes.test.ts.
import { createServer } from 'node:http';
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

export const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/upload')) return void upload(req, res);
  res.writeHead(404).end('Not found');
});

if (import.meta.main) server.listen(3000);
