import type { ResolvedConfig } from './config.js';
import { downloadRoute } from './download-route.js';
import { listRoute } from './list-route.js';

/** `<endpoint>/download` is the download route; `<endpoint>` itself lists. */
function isDownloadPath(url: string): boolean {
  return new URL(url).pathname.replace(/\/+$/, '').endsWith('/download');
}

/** GET: a listing, or a download URL (each answers 404 while its option is off). */
export function getRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  return isDownloadPath(request.url) ? downloadRoute(request, config) : listRoute(request, config);
}
