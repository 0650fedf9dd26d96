// README "Recipes": shown there verbatim (test/unit/readme-examples.test.ts); called by test/integration/docs-recipes.test.ts.
import { Hono } from 'hono';
import { createR2UploadHandler } from 'r2-uploader/server';

type Bindings = {
  R2_ENDPOINT: string; // https://<ACCOUNT_ID>.r2.cloudflarestorage.com (without the bucket)
  R2_BUCKET: string;
  R2_ACCESS_KEY_ID: string;
  R2_SECRET_ACCESS_KEY: string;
};

const app = new Hono<{ Bindings: Bindings }>();

// `/api/upload/*` also matches `/api/upload` itself.
app.all('/api/upload/*', (c) =>
  createR2UploadHandler({
    endpoint: c.env.R2_ENDPOINT,
    bucket: c.env.R2_BUCKET,
    accessKeyId: c.env.R2_ACCESS_KEY_ID,
    secretAccessKey: c.env.R2_SECRET_ACCESS_KEY,
    accept: ['image/*', '.pdf'],
    maxFileSize: 100 * 1024 * 1024,
  })(c.req.raw),
);

export default app; // a Worker; elsewhere (Node, Bun), read process.env instead of c.env
