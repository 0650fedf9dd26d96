/** A part the store confirmed, as a resumable upload remembers it. */
export interface ResumePart {
  partNumber: number;
  /** Opaque, quotes included. */
  etag: string;
  size: number;
  /** The part's MD5 as hex, kept when `verify` computed it. */
  md5?: string;
}

/**
 * What survives a reload of a multipart upload: enough to continue it from
 * the last confirmed part. Keyed by `id`, which binds the file's fingerprint
 * to the backend it was uploaded through.
 */
export interface ResumeRecord {
  id: string;
  key: string;
  uploadId: string;
  token?: string;
  /** The backend's completion token (`?action=complete`), when it verifies completions. */
  completion?: string;
  size: number;
  partSize: number;
  contentType: string;
  parts: ResumePart[];
  /** ms since the epoch. */
  createdAt: number;
  /** After this (ms since the epoch) the record is ignored and cleaned up. */
  expiresAt: number;
}

/** Where resumable uploads are kept. The default is IndexedDB; tests and apps may pass their own. */
export interface ResumeStore {
  get(id: string): Promise<ResumeRecord | undefined>;
  put(record: ResumeRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes every record that expired before `now`. */
  deleteExpired(now: number): Promise<void>;
}

/** A store in memory, for tests and for pages that must not write to IndexedDB. */
export function createMemoryResumeStore(): ResumeStore & { readonly records: ReadonlyMap<string, ResumeRecord> } {
  const records = new Map<string, ResumeRecord>();
  return {
    records,
    get: async (id) => structuredClone(records.get(id)),
    put: async (record) => void records.set(record.id, structuredClone(record)),
    delete: async (id) => void records.delete(id),
    async deleteExpired(now) {
      for (const [id, record] of records) if (record.expiresAt <= now) records.delete(id);
    },
  };
}
