import { callBackend, endpointUrl, type BackendOptions } from './backend-fetch.js';
import { isRecord } from './is-record.js';
import { R2UploadError } from '../errors/upload-error.js';

/**
 * `GET <endpoint>?action=config[&route=<name>]`: the file rules of the
 * handler (or of one route), so that the browser refuses the same files the
 * server would without the app repeating them.
 */
export const CONFIG_ACTION = 'config';

/** The public file rules of a handler or route, as `GET ?action=config` answers them. */
export interface UploadRules {
  /** The route they are the rules of; `null` for a handler without routes. */
  route: string | null;
  /** Accepted types and extensions, as in `<input accept>`; empty accepts any file. */
  accept: string[];
  /** The largest file in bytes. */
  maxFileSize: number;
  /** The smallest file in bytes (0 accepts empty files). */
  minFileSize: number;
  /** The most files of one `upload()` call; absent for no limit. */
  maxFiles?: number;
}

const size = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function invalidRules(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, {
    hint: 'GET ?action=config must answer { "route", "accept": [...], "maxFileSize", "minFileSize", "maxFiles"? } (see the protocol in the README).',
  });
}

/** Checks that a value is an {@link UploadRules} answer; unknown fields are dropped. */
export function parseUploadRules(value: unknown): UploadRules {
  const { route = null, accept, maxFileSize, minFileSize = 0, maxFiles } = isRecord(value) ? value : {};
  const valid =
    (route === null || typeof route === 'string') &&
    Array.isArray(accept) && accept.every((entry) => typeof entry === 'string') &&
    size(maxFileSize) && size(minFileSize) &&
    (maxFiles === undefined || maxFiles === null || (size(maxFiles) && maxFiles >= 1));
  if (!valid) throw invalidRules('The backend answered its upload rules with something other than the protocol’s.');
  return { route, accept, maxFileSize, minFileSize, ...(typeof maxFiles === 'number' ? { maxFiles } : {}) };
}

/** Asks the backend for the rules of `options.route` (or of the handler). Every failure is an `R2UploadError`. */
export async function fetchUploadRules(options: BackendOptions, signal?: AbortSignal): Promise<UploadRules> {
  const url = endpointUrl(options.endpoint, '', { action: CONFIG_ACTION, route: options.route });
  return parseUploadRules(await callBackend(options, 'GET', url, undefined, signal, invalidRules));
}
