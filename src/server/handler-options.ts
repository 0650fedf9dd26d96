import type { UploadRouteOptions } from './route-types.js';

/** Options of `createR2UploadHandler`: where the bucket is, the object routes, and the rules of uploads (for every route, or for all uploads without `routes`). */
export interface R2UploadHandlerOptions extends UploadRouteOptions {
  /**
   * The S3 API base URL without the bucket, for example
   * `https://<ACCOUNT_ID>.r2.cloudflarestorage.com`. It may have a path (Miniflare's
   * `http://127.0.0.1:<port>/cdn-cgi/local/r2/s3`). URLs are path-style: `<endpoint>/<bucket>/<key>`.
   */
  endpoint: string;
  /** The bucket name. */
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The SigV4 region. R2 uses `auto` (the default). */
  region?: string;
  /**
   * Origins allowed to make state-changing requests (POST, PUT, PATCH, DELETE), for example
   * `['https://app.example']`. Such requests without a matching `Origin` header get 403
   * `origin_not_allowed`: set it when `authorize` trusts cookies (CSRF). Default: not checked.
   */
  allowedOrigins?: string[];
  /**
   * Answers `GET <endpoint>?prefix=&cursor=&limit=&delimiter=` with the objects
   * in the caller's scope (`authorize`'s prefix, else `prefix`). Default `false`:
   * default keys are unguessable, and listing would reveal them.
   */
  list?: boolean;
  /**
   * Answers `GET <endpoint>/download?key=` with a presigned GET URL: JSON for
   * `Accept: application/json`, else a redirect to it (a plain link downloads).
   * `expiresIn`: seconds, default 300.
   * Default `false`.
   */
  download?: boolean | { expiresIn?: number };
  /** Answers `DELETE <endpoint>?key=` by deleting the object, server-side. Default `false`. */
  delete?: boolean;
  /**
   * Kinds of uploads, by name (`avatar`, `documents`), each with its own rules,
   * metadata and `onUploadComplete`, inheriting every option it does not set
   * from these. The client names one (`route: 'avatar'`) in every request; a
   * missing or unknown name is refused (400 `unknown_route`). Without
   * `routes`, the options above apply to every upload.
   */
  routes?: Record<string, UploadRouteOptions>;
}
