import { invalidTarget, isRecord } from './engine-shared.js';
import type { UploadTarget } from './protocol.js';

// The engine checks good answers without this module (see `checkedTarget`) and loads it to word what is wrong with a bad one.

/**
 * Checks that a value is a usable upload target. Used for JSON answers and for
 * what a custom `getUploadUrl` returns, so both fail the same clear way.
 */
export function parseUploadTarget(value: unknown): UploadTarget {
  if (!isRecord(value)) throw invalidTarget('The upload backend answered with something other than a JSON object.');
  const { url, method = 'PUT', headers = {}, key } = value;
  if (typeof url !== 'string' || url === '') throw invalidTarget('The upload backend answered without a "url".');
  if (!URL.canParse(url)) throw invalidTarget(`The upload backend answered with a "url" that is not a URL: ${url.slice(0, 100)}`);
  if (method !== 'PUT') throw invalidTarget(`The upload backend answered with method ${String(method)}; only PUT is supported.`);
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    throw invalidTarget('The upload backend answered with "headers" that are not an object of strings.');
  }
  if (typeof key !== 'string' || key === '') throw invalidTarget('The upload backend answered without a "key".');
  return { url, method, headers: headers as Record<string, string>, key };
}
