import { describe, expectTypeOf, expect, it } from 'vitest';
import * as v from 'valibot';
import { z } from 'zod';
import { createUploader } from '../../src/core/index.ts';
import { createR2Client, R2Uploader, useR2Upload, type RouteMetadata, type RouteName, type RouteServerData, type UploadResult } from '../../src/react/index.ts';
import { createR2UploadHandler } from '../../src/server/index.ts';

/*
 * Types end to end: the handler's type carries its routes, and the client,
 * given only `typeof handler`, takes each route's metadata and answers its
 * serverData. These checks run in `npm run typecheck` (`expectTypeOf` and
 * `@ts-expect-error` fail the compile); the handler below is never called.
 */

const handler = createR2UploadHandler({
  endpoint: 'http://127.0.0.1:1/s3',
  bucket: 'uploads',
  accessKeyId: 'id',
  secretAccessKey: 'secret',
  routes: {
    avatar: {
      accept: 'image/*',
      metadata: z.object({ postId: z.string(), caption: z.string().optional() }),
      onUploadComplete({ metadata, key }) {
        expectTypeOf(metadata).toEqualTypeOf<{ postId: string; caption?: string | undefined }>();
        return { recordId: 1, key, postId: metadata.postId };
      },
    },
    tagged: {
      metadata: v.object({ tag: v.picklist(['a', 'b']) }),
      onUploadComplete: async ({ metadata }) => ({ tag: metadata.tag }),
    },
    documents: { accept: '.pdf' },
  },
});
type Handler = typeof handler;

describe('typed routes', () => {
  it('name the routes, their metadata input and their serverData', () => {
    expectTypeOf<RouteName<Handler>>().toEqualTypeOf<'avatar' | 'tagged' | 'documents'>();
    expectTypeOf<RouteMetadata<Handler, 'avatar'>>().toEqualTypeOf<{ postId: string; caption?: string | undefined }>();
    expectTypeOf<RouteMetadata<Handler, 'tagged'>>().toEqualTypeOf<{ tag: 'a' | 'b' }>();
    expectTypeOf<RouteMetadata<Handler, 'documents'>>().toBeNever();
    expectTypeOf<RouteServerData<Handler, 'avatar'>>().toEqualTypeOf<{ recordId: number; key: string; postId: string }>();
    expectTypeOf<RouteServerData<Handler, 'tagged'>>().toEqualTypeOf<{ tag: 'a' | 'b' }>();
    expectTypeOf<RouteServerData<Handler, 'documents'>>().toBeUndefined();
  });

  it('type the client by them, and refuse what the server would refuse', () => {
    const client = createR2Client<Handler>();
    // Type-only: never called.
    const check = () => {
      const uploader = client.createUploader({ endpoint: '/api/upload', route: 'avatar' });
      expectTypeOf(uploader.upload).parameter(1).toEqualTypeOf<
        { signal?: AbortSignal; metadata?: { postId: string; caption?: string | undefined } | ((file: File) => { postId: string; caption?: string | undefined }) } | undefined
      >();
      expectTypeOf(uploader.upload).returns.resolves.toEqualTypeOf<Array<UploadResult<{ recordId: number; key: string; postId: string }>>>();
      void uploader.upload([], { metadata: { postId: 'p1' } });
      void uploader.upload([], { metadata: (file) => ({ postId: file.name }) });
      // @ts-expect-error the schema wants a string
      void uploader.upload([], { metadata: { postId: 1 } });
      // @ts-expect-error postId is required
      void uploader.upload([], { metadata: {} });
      // @ts-expect-error documents takes no metadata
      void client.createUploader({ endpoint: '/api/upload', route: 'documents' }).upload([], { metadata: { note: 'x' } });
      // @ts-expect-error there is no such route
      client.createUploader({ endpoint: '/api/upload', route: 'banner' });
      // @ts-expect-error a route is required
      client.createUploader({ endpoint: '/api/upload' });
      client.createUploader({
        endpoint: '/api/upload',
        route: 'tagged',
        metadata: { tag: 'a' },
        onSuccess: (result) => expectTypeOf(result.serverData).toEqualTypeOf<{ tag: 'a' | 'b' } | undefined>(),
      });
      // @ts-expect-error not one of the picklist's values
      client.createUploader({ endpoint: '/api/upload', route: 'tagged', metadata: { tag: 'c' } });
      expectTypeOf(client.useR2Upload<'avatar'>).returns.toHaveProperty('uploads');
      expectTypeOf(client.R2Uploader).parameter(0).toHaveProperty('route');
    };
    expect(typeof check).toBe('function');
  });

  it('are the plain functions at run time', () => {
    const client = createR2Client<Handler>();
    expect(client.useR2Upload).toBe(useR2Upload);
    expect(client.R2Uploader).toBe(R2Uploader);
    expect(client.createUploader).toBe(createUploader);
  });

  it('leave a handler without routes untyped, as before', () => {
    const plain = createR2UploadHandler({ endpoint: 'http://127.0.0.1:1/s3', bucket: 'b', accessKeyId: 'a', secretAccessKey: 's', onUploadComplete: ({ metadata }) => metadata });
    expectTypeOf<RouteName<typeof plain>>().toBeNever();
    expectTypeOf(plain).toBeCallableWith(new Request('http://app.test'));
  });
});
