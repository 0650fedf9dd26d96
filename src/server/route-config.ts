import { isRecord } from '../core/protocol/is-record.js';
import { resolveConfig, type ResolvedConfig } from './config.js';
import type { R2UploadHandlerOptions } from './handler-options.js';
import { HttpError } from './http-error.js';

/** Route names travel in JSON and in logs: keep them short and plain. */
const ROUTE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Every route's options, resolved once when the handler is created. */
export interface HandlerConfig {
  /** The handler's own options: for listing, downloads and deletes, and for every upload when there are no routes. */
  base: ResolvedConfig;
  /** `undefined` without `routes`. */
  routes: ReadonlyMap<string, ResolvedConfig> | undefined;
}

/** Resolves the handler's options and each route's (the handler's, overridden by the route's); throws a `TypeError` naming a bad one. */
export function resolveHandlerConfig(options: R2UploadHandlerOptions): HandlerConfig {
  // One cache of signing keys: every route signs with the same credentials.
  const cache = new Map<string, ArrayBuffer>();
  const base = resolveConfig(options, undefined, cache);
  const { routes } = options;
  if (routes === undefined) return { base, routes: undefined };
  if (!isRecord(routes) || Object.keys(routes).length === 0) throw new TypeError('"routes" must be an object of named routes, such as { avatar: { accept: "image/*" } }.');
  const resolved = new Map<string, ResolvedConfig>();
  for (const [name, route] of Object.entries(routes)) {
    if (!ROUTE_NAME.test(name)) throw new TypeError(`Route names are 1 to 64 letters, digits, "-" or "_", not ${JSON.stringify(name)}.`);
    if (!isRecord(route)) throw new TypeError(`The route "${name}" must be an object of options.`);
    resolved.set(name, resolveConfig({ ...options, ...route, routes: undefined }, name, cache));
  }
  return { base, routes: resolved };
}

function unknownRoute(message: string): HttpError {
  return new HttpError(400, 'unknown_route', message);
}

/** The options for the route a request body names: a 400 `unknown_route` for a missing or unknown one, or for a route sent to a handler without routes. */
export function routeConfig({ base, routes }: HandlerConfig, body: unknown): ResolvedConfig {
  const route = isRecord(body) ? body.route : undefined;
  if (!routes) {
    if (route === undefined) return base;
    throw unknownRoute('This upload handler has no routes: send no "route".');
  }
  const names = [...routes.keys()].join(', ');
  if (typeof route !== 'string' || route === '') throw unknownRoute(`Name the kind of upload: "route" must be one of ${names}.`);
  const found = routes.get(route);
  if (!found) throw unknownRoute(`Unknown route "${route.slice(0, 64)}"; use one of ${names}.`);
  return found;
}
