import type { ReactElement } from 'react';
import { createUploader } from '../core/create-uploader.js';
import type { Uploader, UploaderOptions } from '../core/engine/types.js';
import type { RoutesOf } from '../core/protocol/route-contracts.js';
import { R2Uploader, type R2UploaderUiProps } from './R2Uploader.js';
import { useR2Upload, type UseR2UploadResult } from './use-r2-upload.js';

/** The route names of a handler (`typeof handler`). */
export type RouteName<Handler> = keyof RoutesOf<Handler> & string;

/** The metadata a route takes (`never` for a route without a `metadata` validator). */
export type RouteMetadata<Handler, Route extends RouteName<Handler>> = RoutesOf<Handler>[Route] extends { metadata: infer Metadata } ? Metadata : never;

/** What a route's `onUploadComplete` answers, as `result.serverData`. */
export type RouteServerData<Handler, Route extends RouteName<Handler>> = RoutesOf<Handler>[Route] extends { serverData: infer ServerData } ? ServerData : unknown;

/** The uploader's options for one route of the backend at `endpoint`. */
export type RouteUploaderOptions<Handler, Route extends RouteName<Handler>> = UploaderOptions<RouteMetadata<Handler, Route>, RouteServerData<Handler, Route>> & {
  endpoint: string;
  route: Route;
};

/** {@link useR2Upload}, `createUploader` and {@link R2Uploader}, typed by a handler's routes. */
export interface R2Client<Handler> {
  useR2Upload<Route extends RouteName<Handler>>(options: RouteUploaderOptions<Handler, Route>): UseR2UploadResult<RouteMetadata<Handler, Route>, RouteServerData<Handler, Route>>;
  createUploader<Route extends RouteName<Handler>>(options: RouteUploaderOptions<Handler, Route>): Uploader<RouteMetadata<Handler, Route>, RouteServerData<Handler, Route>>;
  R2Uploader<Route extends RouteName<Handler>>(props: RouteUploaderOptions<Handler, Route> & R2UploaderUiProps): ReactElement;
}

/**
 * The hook, the engine and the component, typed by the server's routes
 * without importing server code (`import type` erases it): route names
 * autocomplete, `metadata` takes the route's schema input and
 * `result.serverData` is what its `onUploadComplete` returns. At run time
 * they are the plain `useR2Upload`, `createUploader` and `R2Uploader`.
 *
 * @example
 * import type { handler } from '@/app/api/upload/route';
 * export const { useR2Upload, R2Uploader } = createR2Client<typeof handler>();
 * const { upload } = useR2Upload({ endpoint: '/api/upload', route: 'avatar' });
 * const [result] = await upload(files, { metadata: { postId } }); // result.serverData is typed
 */
export function createR2Client<Handler>(): R2Client<Handler> {
  return { useR2Upload, createUploader, R2Uploader } as unknown as R2Client<Handler>;
}
