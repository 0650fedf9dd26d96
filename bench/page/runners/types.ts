import type { CommitStats, RunSpec } from '../../shared/protocol.ts';

/** What a runner reports: the files it saw finish. It throws when any file failed. */
export interface Outcome {
  files: number;
  bytes: number;
  commits?: CommitStats;
}

/** Uploads `files` one way (the library, a baseline) and resolves when every file is done. */
export type Runner = (files: readonly File[], spec: RunSpec) => Promise<Outcome>;

export const totalBytes = (files: readonly File[]) => files.reduce((sum, file) => sum + file.size, 0);

/**
 * A raw baseline's files (or parts) in flight: it has no default of its own,
 * so a scenario that leaves the number out is a mistake to report, not to guess.
 */
export function required(value: number | undefined, what: string, spec: RunSpec): number {
  if (value === undefined) throw new Error(`${spec.runner} needs spec.${what}: a raw baseline has no default.`);
  return value;
}

/** `{ concurrency }` for the library's options, or nothing, so that the library's own default applies (s6*). */
export const concurrencyOption = (spec: RunSpec): { concurrency?: number } => (spec.concurrency === undefined ? {} : { concurrency: spec.concurrency });
