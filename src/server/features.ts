import type { R2UploadHandlerOptions } from './handler-options.js';

/** Download URLs are opened at once: five minutes covers slow clicks and clock skew. */
export const DEFAULT_DOWNLOAD_EXPIRES_IN = 300;

/** The routes besides signing uploads, each off unless its option turns it on. */
export interface ResolvedFeatures {
  list: boolean;
  /** `undefined` when downloads are off. `expiresIn` is as given: the route clamps it like upload URLs. */
  download: { expiresIn: number } | undefined;
  delete: boolean;
}

/**
 * Off by default: upload keys are unguessable by design, and an app that
 * only signs uploads must not start revealing them when it upgrades.
 */
export function resolveFeatures(options: Pick<R2UploadHandlerOptions, 'list' | 'download' | 'delete'>): ResolvedFeatures {
  const { download } = options;
  return {
    list: options.list === true,
    download: download ? { expiresIn: (download === true ? undefined : download.expiresIn) ?? DEFAULT_DOWNLOAD_EXPIRES_IN } : undefined,
    delete: options.delete === true,
  };
}

/** Whether a method has any route switched on (POST always has: it signs uploads). */
export function isMethodEnabled(method: string, features: ResolvedFeatures): boolean {
  if (method === 'GET') return features.list || features.download !== undefined;
  if (method === 'DELETE') return features.delete;
  return true;
}
