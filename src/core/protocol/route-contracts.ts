/*
 * Types only: what a browser needs to know of a backend's routes, carried by
 * the handler's type (`typeof handler`) so that client code is typed by the
 * server's definitions without importing any server code.
 */

/** One route, as the client sees it: the metadata it takes and what its `onUploadComplete` answers. */
export interface RouteContract {
  /** `never` for a route that takes no metadata. */
  metadata: unknown;
  /** `undefined` for a route without `onUploadComplete`. */
  serverData: unknown;
}

/** A handler's routes by name. */
export type RouteContracts = Record<string, RouteContract>;

/** A request handler carrying its routes' types; the `~routes` property never exists at run time. */
export interface TypedUploadHandler<Routes extends RouteContracts> {
  (request: Request): Promise<Response>;
  readonly '~routes'?: Routes;
}

/** The routes of `typeof handler` (or a `RouteContracts` given directly). */
export type RoutesOf<Source> = Source extends { readonly '~routes'?: infer Routes } ? NonNullable<Routes> extends RouteContracts ? NonNullable<Routes> : never : Source extends RouteContracts ? Source : never;
