import type { UploadRules } from '../core/protocol/rules-protocol.js';
import type { ResolvedConfig } from './config.js';
import { jsonResponse } from './http-error.js';
import { routeConfig, type HandlerConfig } from './route-config.js';

/** The rules a browser can check itself; `validate`, `authorize` and the metadata schema stay on the server. */
export function publicRules(config: ResolvedConfig): UploadRules {
  // Without `accept`, allowedContentTypes are the types a file may have: they read the same in `<input accept>`.
  const accept = config.accept.length > 0 ? [...config.accept] : [...(config.allowedContentTypes ?? [])];
  return {
    route: config.route ?? null,
    accept,
    maxFileSize: config.maxFileSize,
    minFileSize: config.minFileSize,
    ...(config.maxFiles === undefined ? {} : { maxFiles: config.maxFiles }),
  };
}

/**
 * `GET ?action=config[&route=]`: the file rules of the route the query names
 * (400 `unknown_route` as for uploads). They are public, as an `<input
 * accept>` is, so no `authorize` runs; browsers may keep them a minute.
 */
export async function configRoute(request: Request, config: HandlerConfig): Promise<Response> {
  const route = new URL(request.url).searchParams.get('route') ?? undefined;
  const rules = publicRules(routeConfig(config, route === undefined ? {} : { route }));
  return jsonResponse(200, rules, { 'cache-control': 'private, max-age=60' });
}
