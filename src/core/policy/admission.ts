import { callApp } from '../errors/app-callback.js';
import { R2UploadError } from '../errors/upload-error.js';
import { checkFile, tooManyFiles, type FileFacts, type FileRejection, type FileRules } from './rules.js';
import { metadataProblem } from './upload-metadata.js';

/** A check of the app's own, given the file itself: return why it is refused, or nothing to accept it. */
export type ValidateFile = (file: File) => string | null | undefined | void | Promise<string | null | undefined | void>;

/** The restrictions the uploader enforces before a file reaches the backend. */
export interface ClientRules extends FileRules {
  /** How many files the uploader may hold at once (running or done; failed and canceled ones do not count), per batch and in total. */
  maxFiles?: number;
  /** Your own check (dimensions, content, quota, ...), run after the other rules. */
  validate?: ValidateFile;
}

/**
 * The refusal of each file of a batch, in order (`undefined` for admitted
 * ones): the file rules, then its metadata. `held` files already count against `maxFiles`; a file refused for
 * another reason takes no place. Files `deferred` says yes to are checked against the file rules later (once
 * processed), but take their place now.
 */
export function admitBatch<F extends FileFacts & { metadata?: unknown }>(files: readonly F[], rules: ClientRules, held: number, deferred?: (file: F) => boolean): Array<FileRejection | undefined> {
  let count = held;
  return files.map((file) => {
    const rejection = (deferred?.(file) ? undefined : checkFile(file, rules)) ?? metadataProblem(file.metadata);
    if (rejection) return rejection;
    if (rules.maxFiles !== undefined && count >= rules.maxFiles) return tooManyFiles(rules.maxFiles);
    count += 1;
    return undefined;
  });
}

/** Runs `validate`; a message, or a throw, refuses the file with `validation_failed`. */
export async function runValidate(file: File, validate: ValidateFile | undefined): Promise<FileRejection | undefined> {
  if (!validate) return undefined;
  // A returned message refuses the file; a throw is the app's function failing, told as such.
  const message = await callApp('validate', () => validate(file));
  return message ? { reason: 'validation_failed', message } : undefined;
}

/** The `file_rejected` error for a refusal. */
export function rejectionError({ reason, message }: FileRejection): R2UploadError {
  return new R2UploadError('file_rejected', message, { reason });
}
