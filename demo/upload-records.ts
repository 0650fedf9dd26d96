import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** One completed upload, as the demo's database records it. */
export interface UploadRecord {
  id: number;
  key: string;
  route: string;
  userId: string;
  caption: string;
  size: number;
  contentType: string;
  etag: string;
  recordedAt: string;
}

/** The demo's database of completed uploads (SQLite through `node:sqlite`): what an app's `onUploadComplete` writes to. */
export interface UploadRecords {
  /** Records an upload, once per key (a retried `complete` finds its first row): `onUploadComplete` must be idempotent by key. */
  record(row: Omit<UploadRecord, 'id' | 'recordedAt'>): UploadRecord;
  list(): UploadRecord[];
  close(): void;
}

/** Opens (and creates) the database at `path`, or in memory without one. */
export function openUploadRecords(path: string | undefined): UploadRecords {
  if (path) mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path ?? ':memory:');
  db.exec(`CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, route TEXT NOT NULL, user_id TEXT NOT NULL, caption TEXT NOT NULL,
    size INTEGER NOT NULL, content_type TEXT NOT NULL, etag TEXT NOT NULL, recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))`);
  const insert = db.prepare(`INSERT INTO uploads (key, route, user_id, caption, size, content_type, etag) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`);
  const columns = `id, key, route, user_id AS userId, caption, size, content_type AS contentType, etag, recorded_at AS recordedAt`;
  const byKey = db.prepare(`SELECT ${columns} FROM uploads WHERE key = ?`);
  const all = db.prepare(`SELECT ${columns} FROM uploads ORDER BY id DESC LIMIT 100`);
  return {
    record(row) {
      insert.run(row.key, row.route, row.userId, row.caption, row.size, row.contentType, row.etag);
      return byKey.get(row.key) as unknown as UploadRecord;
    },
    list: () => all.all() as unknown as UploadRecord[],
    close: () => db.close(),
  };
}
