import { HttpResponse } from 'msw';
import { checkFile, parseAccept, type FileRules } from '../core/policy/rules.js';
import { MAX_MULTIPART_OBJECT_BYTES } from '../core/protocol/r2-limits.js';
import { REJECTION_STATUS } from '../core/protocol/rejection-status.js';
import type { UploadRules } from '../core/protocol/rules-protocol.js';
import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import { errorResponse, isRecord, type BackendRejection } from './fake-protocol.js';

/** A route of the fake backend: the file rules `createR2UploadHandler`'s route would have. */
export interface FakeRouteRules extends FileRules {
  /** The most files one `sign-batch` may sign (and what `GET ?action=config` tells the client). */
  maxFiles?: number;
}

/** The fake backend's routes by name; `undefined` for a backend without routes. */
export type FakeRoutes = Readonly<Record<string, FakeRouteRules>> | undefined;

/** The route a request names, as the real handler reads it: a 400 `unknown_route` for a missing, unknown or unexpected one. */
export function fakeRouteOf(routes: FakeRoutes, route: unknown): { name?: string; rules: FakeRouteRules } | BackendRejection {
  const unknown = (message: string): BackendRejection => ({ status: 400, code: 'unknown_route', message });
  if (!routes) return route === undefined ? { rules: {} } : unknown('This upload handler has no routes: send no "route".');
  if (typeof route !== 'string' || !Object.hasOwn(routes, route)) return unknown(`Name one of the routes: ${Object.keys(routes).join(', ')}.`);
  return { name: route, rules: routes[route]! };
}

/** `GET ?action=config&route=`: the route's rules, as the real handler answers them. */
export function fakeConfigAnswer(routes: FakeRoutes, url: URL): Response {
  const route = fakeRouteOf(routes, url.searchParams.get('route') ?? undefined);
  if ('status' in route) return errorResponse(route);
  const { accept, maxFileSize = MAX_MULTIPART_OBJECT_BYTES, minFileSize = 0, maxFiles } = route.rules;
  const answer: UploadRules = { route: route.name ?? null, accept: parseAccept(accept), maxFileSize, minFileSize, ...(maxFiles === undefined ? {} : { maxFiles }) };
  return HttpResponse.json(answer);
}

/** The refusal of a file the route's rules refuse, with the real handler's status and code. */
export function fakeRuleRefusal(rules: FakeRouteRules, request: UploadUrlRequest): BackendRejection | undefined {
  const rejection = checkFile({ name: request.filename, type: request.contentType, size: request.size }, rules);
  return rejection && { status: REJECTION_STATUS[rejection.reason], code: rejection.reason, message: rejection.message };
}

/** The route named by a POST body (every action's body names it). */
export const routeOfBody = (routes: FakeRoutes, body: unknown) => fakeRouteOf(routes, isRecord(body) ? body.route : undefined);
