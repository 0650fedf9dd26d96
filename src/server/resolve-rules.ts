import { invalidAcceptEntries, parseAccept } from '../core/policy/rules.js';
import { parseUrl } from './parse-url.js';
import type { UploadRouteOptions } from './route-types.js';
import type { ServerValidateFunction } from './types.js';

/** The file rules of the handler's options (`allowedContentTypes` is checked on its own), checked: a typo in `accept` must not silently refuse every file. */
export function resolveRules(options: Pick<UploadRouteOptions, 'accept' | 'minFileSize' | 'maxFiles' | 'validate'>): {
  accept: readonly string[];
  minFileSize: number;
  maxFiles: number | undefined;
  validate: ServerValidateFunction | undefined;
} {
  const invalid = invalidAcceptEntries(options.accept);
  if (invalid.length > 0) throw new TypeError(`"accept" has entries that are not .ext, type/subtype, type/* or */*: ${invalid.join(', ')}`);
  const { minFileSize = 0, maxFiles, validate } = options;
  if (typeof minFileSize !== 'number' || !(minFileSize >= 0)) throw new TypeError('"minFileSize" must be a number of bytes, 0 or more.');
  if (validate !== undefined && typeof validate !== 'function') throw new TypeError('"validate" must be a function.');
  if (maxFiles !== undefined && !(Number.isSafeInteger(maxFiles) && maxFiles >= 1)) throw new TypeError('"maxFiles" must be a whole number, 1 or more.');
  return { accept: parseAccept(options.accept), minFileSize, maxFiles, validate };
}

/** Exact origins (`scheme://host[:port]`), as browsers send them in `Origin`. */
export function resolveAllowedOrigins(value: string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  return value.map((entry) => {
    const url = parseUrl(entry);
    if (!url || url.origin === 'null' || url.hostname.includes('*') || url.pathname !== '/' || url.search !== '' || url.hash !== '' || entry.endsWith('/')) {
      throw new TypeError(`"allowedOrigins" entries must be origins such as https://app.example, not ${JSON.stringify(entry)}.`);
    }
    return url.origin;
  });
}
