// README "Recipes": shown there verbatim (test/unit/readme-examples.test.ts); run in workerd (test/integration/docs-recipes.test.ts) and by Wrangler from the packed package (test/consumers/workers-app.test.ts).
import { createR2UploadHandler } from 'r2-uploader/server';

/** `wrangler.jsonc` sets R2_ENDPOINT and R2_BUCKET under `vars`; the secrets come from `.dev.vars` locally, `wrangler secret put` in production. */
export interface Env {
  R2_ENDPOINT: string; // https://<ACCOUNT_ID>.r2.cloudflarestorage.com (without the bucket)
  R2_BUCKET: string;
  R2_ACCESS_KEY_ID: string;
  R2_SECRET_ACCESS_KEY: string;
  ADMIN_TOKEN: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (!new URL(request.url).pathname.startsWith('/api/upload')) return new Response('Not found', { status: 404 });
    const handler = createR2UploadHandler({
      endpoint: env.R2_ENDPOINT,
      bucket: env.R2_BUCKET,
      accessKeyId: env.R2_ACCESS_KEY_ID,
      secretAccessKey: env.R2_SECRET_ACCESS_KEY,
      accept: ['image/*', '.pdf'],
      maxFileSize: 100 * 1024 * 1024,
      list: true, // GET /api/upload?prefix=
      // Anyone may upload; only a caller with the admin token may list. Put your app's own sign-in check here.
      authorize: (request, { action }) => action !== 'list' || request.headers.get('authorization') === `Bearer ${env.ADMIN_TOKEN}`,
    });
    return handler(request);
  },
};
