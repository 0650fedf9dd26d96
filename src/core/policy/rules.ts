import { formatBytes } from './byte-size.js';
import { contentTypeForName, DEFAULT_CONTENT_TYPE, extensionOf } from './content-type.js';
import { matchesMediaType, mediaTypeEssence, sameKindOfFile } from './media-type.js';
import type { FileRejectionReason } from '../errors/rejection-reasons.js';

export { FILE_REJECTION_REASONS, type FileRejectionReason } from '../errors/rejection-reasons.js';

/*
 * The one definition of which files may be uploaded. The browser checks it
 * before asking for a URL and `createR2UploadHandler` checks it again before
 * signing, so the two can never disagree about a file.
 */

/** A refusal: its reason and the sentence shown to the user. */
export interface FileRejection {
  reason: FileRejectionReason;
  message: string;
}

/** The restrictions that both the client and the server enforce. */
export interface FileRules {
  /**
   * Accepted files, as in `<input accept>`: MIME types (`application/pdf`),
   * wildcards (`image/*`) and extensions (`.pdf`), as a comma-separated string
   * or an array. A file passes when its type or its extension matches, and its
   * type does not contradict its extension. Default: any file.
   */
  accept?: string | readonly string[];
  /** The largest file in bytes. */
  maxFileSize?: number;
  /** The smallest file in bytes; `1` refuses empty files. Default 0. */
  minFileSize?: number;
}

/** What the rules look at: the name, the Content-Type that will be signed, and the size. */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

/** The entries of an `accept` value, trimmed and lower-cased, empty ones dropped. */
export function parseAccept(accept: FileRules['accept']): string[] {
  const entries = typeof accept === 'string' ? accept.split(',') : (accept ?? []);
  return entries.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}

/** The entries of an `accept` value that are neither `.ext`, `type/subtype`, `type/*` nor `*` / `*\/*`. */
export function invalidAcceptEntries(accept: FileRules['accept']): string[] {
  return parseAccept(accept).filter((entry) => !/^(?:\.[^./\\\s]+|\*|\*\/\*|[a-z0-9!#$&^_.+-]+\/(?:\*|[a-z0-9!#$&^_.+-]+))$/.test(entry));
}

function rejection(reason: FileRejectionReason, message: string): FileRejection {
  return { reason, message };
}

/** The extension's own type, when it and the file's type name different kinds of file. */
function contradictedBy(file: FileFacts): string | undefined {
  const byName = contentTypeForName(file.name);
  const declared = mediaTypeEssence(file.type);
  if (byName === DEFAULT_CONTENT_TYPE || declared === DEFAULT_CONTENT_TYPE) return undefined;
  return sameKindOfFile(byName, declared) ? undefined : byName;
}

function checkType(file: FileFacts, accept: string[]): FileRejection | undefined {
  if (accept.length === 0) return undefined;
  const extension = extensionOf(file.name);
  const matches = accept.some((entry) => (entry.startsWith('.') ? entry === `.${extension}` : matchesMediaType(file.type, entry)));
  if (!matches) {
    return rejection('content_type_not_allowed', `Files of type ${mediaTypeEssence(file.type)} are not accepted (accepted: ${accept.join(', ')}).`);
  }
  // A type that lies about the extension is how `invoice.html` gets stored as `image/png` and opened as a page.
  const byName = contradictedBy(file);
  if (byName !== undefined) {
    return rejection('type_mismatch', `The file is typed ${mediaTypeEssence(file.type)}, but its name ends in .${extension} (${byName}).`);
  }
  return undefined;
}

/** Two sizes in words; in exact bytes when the rounded words would read the same. */
function describeSizes(limit: number, size: number): [string, string] {
  const [a, b] = [formatBytes(limit), formatBytes(size)];
  return a === b ? [`${limit} bytes`, `${size} bytes`] : [a, b];
}

function checkSize(size: number, { maxFileSize, minFileSize }: FileRules): FileRejection | undefined {
  if (maxFileSize !== undefined && size > maxFileSize) {
    const [limit, actual] = describeSizes(maxFileSize, size);
    return rejection('file_too_large', `Files may be at most ${limit}, and this one is ${actual}.`);
  }
  if (minFileSize !== undefined && size < minFileSize) {
    const [limit, actual] = describeSizes(minFileSize, size);
    return rejection('file_too_small', `Files must be at least ${limit}, and this one is ${size === 0 ? 'empty' : actual}.`);
  }
  return undefined;
}

/**
 * Checks one file against the rules; `undefined` when it may be uploaded.
 * Pure and synchronous, so the browser and the server run the very same code.
 *
 * @example
 * checkFile({ name: 'cat.png', type: 'image/png', size: 5e6 }, { accept: 'image/*', maxFileSize: 1e6 })
 * // → { reason: 'file_too_large', message: 'Files may be at most 1 MB, and this one is 5 MB.' }
 */
export function checkFile(file: FileFacts, rules: FileRules): FileRejection | undefined {
  if (file.name.trim() === '') return rejection('invalid_name', 'The file has no name.');
  return checkType(file, parseAccept(rules.accept)) ?? checkSize(file.size, rules);
}

/** The refusal for a file over `maxFiles`. */
export function tooManyFiles(maxFiles: number): FileRejection {
  return rejection('too_many_files', `At most ${maxFiles} ${maxFiles === 1 ? 'file' : 'files'} may be uploaded.`);
}
