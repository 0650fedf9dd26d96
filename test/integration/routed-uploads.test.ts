import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createUploadPool, createUploader, type UploaderOptions } from '../../src/core/index.ts';
import type { CompletedUpload } from '../../src/server/index.ts';
import { useUploadStack } from '../support/upload-stack.ts';
import { randomBody } from '../support/upload-requests.ts';

/*
 * Routes and metadata through the core engine: createUploader({ route }) →
 * the real handler with routes → the fault proxy → Miniflare. Every request
 * names the route; each file's metadata reaches the route's validator and,
 * signed, its onUploadComplete; bad metadata fails the file before anything
 * is sent.
 */

const MiB = 1024 * 1024;
const useStack = useUploadStack();

const options = (extra: Partial<UploaderOptions>): UploaderOptions =>
  ({ endpoint: useStack().endpoint, pool: createUploadPool({ maxConnections: 4 }), multipart: { threshold: MiB, partSize: 5 * MiB }, retry: { baseDelay: 20, maxDelay: 200 }, resume: false, ...extra }) as UploaderOptions;

const file = (name: string, size: number, type = 'image/png') => new File([new Uint8Array(randomBody(size))], name, { type });

function configureApp(recorded: Array<Omit<CompletedUpload, 'request'>>) {
  useStack().configure({
    authorize: () => ({ metadata: { userId: 'u1' } }),
    routes: {
      gallery: {
        accept: 'image/*, video/*',
        metadata: z.object({ album: z.string(), index: z.number().int() }),
        onUploadComplete: ({ request: _request, ...upload }) => {
          recorded.push(upload);
          return { album: upload.metadata.album, index: upload.metadata.index };
        },
      },
      plain: {},
    },
  });
}

describe('routes and metadata, through the core engine', () => {
  it('name the route in every request, and carry each file’s metadata (from a function of the file) to onUploadComplete', async () => {
    const recorded: Array<Omit<CompletedUpload, 'request'>> = [];
    configureApp(recorded);
    const uploader = createUploader(options({ route: 'gallery', metadata: (picked: File) => ({ album: 'trip', index: Number(picked.name[0]) }) }));
    // Two small files (signed in one batch) and one that goes in parts.
    const results = await uploader.upload([file('1.png', 100), file('2.png', 200), file('3.mp4', 5 * MiB + 10, 'video/mp4')]);
    expect(results.map((result) => result.serverData)).toEqual([
      { album: 'trip', index: 1 },
      { album: 'trip', index: 2 },
      { album: 'trip', index: 3 },
    ]);
    // Completions finish in any order: compare them by size.
    expect(recorded.map(({ metadata, route, size }) => ({ metadata, route, size })).sort((a, b) => a.size - b.size)).toEqual([
      { metadata: { album: 'trip', index: 1, userId: 'u1' }, route: 'gallery', size: 100 },
      { metadata: { album: 'trip', index: 2, userId: 'u1' }, route: 'gallery', size: 200 },
      { metadata: { album: 'trip', index: 3, userId: 'u1' }, route: 'gallery', size: 5 * MiB + 10 },
    ]);
    const actions = new Set(useStack().calls.map((call) => call.action));
    // The route's rules were asked once, before the first file was admitted.
    expect(actions).toEqual(new Set(['config', 'sign-batch', 'multipart-create', 'multipart-sign-parts', 'multipart-complete', 'complete']));
    expect(useStack().calls.filter((call) => call.action === 'config')).toHaveLength(1);
    expect(useStack().calls.filter((call) => call.action !== 'config').every((call) => call.body.route === 'gallery')).toBe(true);
    expect(useStack().calls.find((call) => call.action === 'multipart-create')?.body.metadata).toEqual({ album: 'trip', index: 3 });
    expect(uploader.getSnapshot().uploads.map((upload) => upload.metadata)).toEqual([
      { album: 'trip', index: 1 },
      { album: 'trip', index: 2 },
      { album: 'trip', index: 3 },
    ]);
  });

  it('upload(files, { metadata }) overrides the option; metadata the route refuses fails that file with the server’s reason', async () => {
    const recorded: Array<Omit<CompletedUpload, 'request'>> = [];
    configureApp(recorded);
    const uploader = createUploader(options({ route: 'gallery', metadata: { album: 'default', index: 0 } }));
    const [result] = await uploader.upload([file('a.png', 10)], { metadata: { album: 'chosen', index: 5 } });
    expect(result?.serverData).toEqual({ album: 'chosen', index: 5 });
    expect(await uploader.upload([file('b.png', 10)], { metadata: { album: 'x', index: 1.5 } })).toEqual([]);
    expect(uploader.getSnapshot().uploads[1]).toMatchObject({ status: 'error', error: { code: 'file_rejected', reason: 'invalid_metadata', status: 422 } });
    expect(uploader.getSnapshot().uploads[1]?.error?.message).toMatch(/index/);
    expect(recorded).toHaveLength(1);
  });

  it('refuses metadata that is not JSON or over 4 KiB, and a throwing metadata function, before anything is sent', async () => {
    configureApp([]);
    const before = await useStack().r2.listKeys();
    const uploader = createUploader(options({ route: 'plain' }));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await uploader.upload([file('a.png', 10)], { metadata: cyclic });
    await uploader.upload([file('b.png', 10)], { metadata: { note: 'x'.repeat(5000) } });
    await uploader.upload([file('c.png', 10)], {
      metadata: () => {
        throw new Error('no album chosen');
      },
    });
    expect(uploader.getSnapshot().uploads.map((upload) => [upload.error?.code, upload.error?.reason ?? upload.error?.message])).toEqual([
      ['file_rejected', 'invalid_metadata'],
      ['file_rejected', 'invalid_metadata'],
      ['app_callback_error', "The app's metadata function threw: no album chosen"],
    ]);
    // Nothing but the route's rules was asked for.
    expect(useStack().calls.map((call) => call.action)).toEqual(['config']);
    expect(await useStack().r2.listKeys()).toEqual(before);
  });

  it('an unknown route fails the upload with the backend’s unknown_route, and a file for a route without a validator must come without metadata', async () => {
    configureApp([]);
    const before = await useStack().r2.listKeys();
    const wrong = createUploader(options({ route: 'banner' }));
    await wrong.upload([file('a.png', 10)]);
    expect(wrong.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'backend_error', backendCode: 'unknown_route', status: 400 });
    const plain = createUploader(options({ route: 'plain', metadata: { note: 'x' } }));
    await plain.upload([file('b.png', 10)]);
    expect(plain.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', reason: 'invalid_metadata', status: 400 });
    expect(await useStack().r2.listKeys()).toEqual(before);
  });

  it('enforce the route’s own rules from GET ?action=config: refused files never reach the backend, and a rule set on the client wins', async () => {
    useStack().configure({ routes: { avatar: { accept: 'image/*', maxFileSize: 1000, minFileSize: 1 } } });
    const uploader = createUploader(options({ route: 'avatar' }));
    await uploader.upload([file('face.png', 500), file('cv.pdf', 100, 'application/pdf'), file('huge.png', 5000), file('empty.png', 0)]);
    expect(uploader.getSnapshot().uploads.map((upload) => upload.error?.reason ?? upload.status)).toEqual(['done', 'content_type_not_allowed', 'file_too_large', 'file_too_small']);
    expect(uploader.getSnapshot().rules).toEqual({ route: 'avatar', accept: ['image/*'], maxFileSize: 1000, minFileSize: 1 });
    // One request for the rules, and one to sign the one file they admitted.
    const signedNames = useStack().calls.filter((call) => call.action === 'put').map((call) => call.body.filename);
    expect(signedNames).toEqual(['face.png']);
    expect(useStack().calls.filter((call) => call.action === 'config')).toHaveLength(1);

    useStack().reset();
    // The app's own, smaller limit applies; the server's accept still does.
    const strict = createUploader(options({ route: 'avatar', maxFileSize: 100 }));
    await strict.upload([file('face.png', 500), file('tiny.png', 50)]);
    expect(strict.getSnapshot().uploads.map((upload) => upload.error?.reason ?? upload.status)).toEqual(['file_too_large', 'done']);
  });

  it('serverRules: false asks for no rules, and the server still refuses what its route does not accept', async () => {
    useStack().configure({ routes: { avatar: { accept: 'image/*' } } });
    const uploader = createUploader(options({ route: 'avatar', serverRules: false }));
    await uploader.upload([file('cv.pdf', 100, 'application/pdf')]);
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', reason: 'content_type_not_allowed', status: 415 });
    expect(useStack().calls.map((call) => call.action)).toEqual(['put']);
    expect(uploader.getSnapshot().rules).toBeUndefined();
  });
});
