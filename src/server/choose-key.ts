import { HttpError } from './http-error.js';
import { defaultObjectKey, isWithinPrefix, keyProblem } from './object-key.js';
import type { KeyContext, KeyFunction } from './types.js';

/**
 * The object key: the app's `key` function's result, checked and kept inside
 * the prefix `authorize` confined the request to, or the default
 * `<prefix>/<random id>/<sanitized filename>`. Clients never pick keys.
 */
export async function chooseKey(
  keyFunction: KeyFunction | undefined,
  context: KeyContext,
  confinedTo: string | undefined,
): Promise<string> {
  // A random UUID: knowing one upload's key tells nothing about another's.
  if (!keyFunction) return defaultObjectKey(context.prefix, crypto.randomUUID(), context.filename);
  const key: unknown = await keyFunction(context);
  const problem = typeof key === 'string' ? keyProblem(key) : 'it is not a string';
  if (problem !== undefined || typeof key !== 'string') {
    throw new HttpError(500, 'invalid_key', `The key function returned an unusable key: ${problem ?? 'unknown'}.`);
  }
  if (confinedTo !== undefined && !isWithinPrefix(key, confinedTo)) {
    throw new HttpError(500, 'invalid_key', `The key function returned a key outside the authorized prefix "${confinedTo}/".`);
  }
  return key;
}
