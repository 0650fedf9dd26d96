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
