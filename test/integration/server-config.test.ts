import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { UploadRules } from '../../src/core/protocol/rules-protocol.ts';
import type { ProtocolErrorBody } from '../../src/core/protocol/upload-protocol.ts';
import { createR2UploadHandler, type R2UploadHandlerOptions } from '../../src/server/index.ts';

/*
 * `GET ?action=config`: the handler tells the browser a route's file rules,
 * so the client refuses the same files without the app repeating them. No
 * store is involved: the rules are the handler's options.
 */

const store = { endpoint: 'http://127.0.0.1:9/r2', bucket: 'uploads', accessKeyId: 'id', secretAccessKey: 'secret' };
const handlerFor = (options: Partial<R2UploadHandlerOptions>) => createR2UploadHandler({ ...store, ...options });
const get = (handler: (request: Request) => Promise<Response>, query: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://app.test/api/upload${query}`, { headers }));

async function refusal(response: Response): Promise<{ status: number; code: string }> {
  return { status: response.status, code: ((await response.json()) as ProtocolErrorBody).error.code };
}

const routed = handlerFor({
  maxFileSize: 50_000_000,
  authorize: () => false,
  routes: {
    avatar: { accept: 'image/png, image/webp', maxFileSize: 2_000_000, minFileSize: 1, maxFiles: 1, metadata: z.object({ postId: z.string() }) },
    documents: { accept: ['.pdf', 'application/pdf'] },
  },
});

describe('GET ?action=config', () => {
  it('answers a route’s rules, inheriting the handler’s, without authorize (they are as public as <input accept>)', async () => {
    const response = await get(routed, '?action=config&route=avatar');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    expect((await response.json()) as UploadRules).toEqual({ route: 'avatar', accept: ['image/png', 'image/webp'], maxFileSize: 2_000_000, minFileSize: 1, maxFiles: 1 });
    expect(await (await get(routed, '?action=config&route=documents')).json()).toEqual({ route: 'documents', accept: ['.pdf', 'application/pdf'], maxFileSize: 50_000_000, minFileSize: 0 });
  });

  it('refuses a missing or unknown route with 400 unknown_route, as uploads are', async () => {
    expect(await refusal(await get(routed, '?action=config'))).toEqual({ status: 400, code: 'unknown_route' });
    expect(await refusal(await get(routed, '?action=config&route=banner'))).toEqual({ status: 400, code: 'unknown_route' });
    expect(await refusal(await get(handlerFor({}), '?action=config&route=avatar'))).toEqual({ status: 400, code: 'unknown_route' });
  });

  it('answers a handler without routes, with list off (where any other GET is a 405), allowedContentTypes standing in for accept', async () => {
    const plain = handlerFor({ allowedContentTypes: ['image/*'], maxFileSize: 1000 });
    expect(await (await get(plain, '?action=config')).json()).toEqual({ route: null, accept: ['image/*'], maxFileSize: 1000, minFileSize: 0 });
    expect((await get(plain, '')).status).toBe(405);
  });
});
