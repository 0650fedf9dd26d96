// The app's own database (here SQLite, built into Node 22.13+): one row per photo whose upload the handler verified.
import { DatabaseSync } from 'node:sqlite';

export interface PhotoRecord {
  id: number;
  key: string;
  userId: string;
  caption: string;
  size: number;
  contentType: string;
}

let database: DatabaseSync | undefined;

/** Opened on first use, so that `next build` (which imports every route) touches no file. */
function db(): DatabaseSync {
  if (!database) {
    database = new DatabaseSync(process.env.PHOTOS_DB ?? 'photos.sqlite');
    database.exec(`CREATE TABLE IF NOT EXISTS photos (
      id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
      caption TEXT NOT NULL, size INTEGER NOT NULL, content_type TEXT NOT NULL)`);
  }
  return database;
}

const columns = 'id, key, user_id AS userId, caption, size, content_type AS contentType';

/** Records a photo once: a retried completion of the same key returns the row it already wrote (onUploadComplete must be idempotent by key). */
export function recordPhoto(photo: Omit<PhotoRecord, 'id'>): PhotoRecord {
  db()
    .prepare('INSERT INTO photos (key, user_id, caption, size, content_type) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING')
    .run(photo.key, photo.userId, photo.caption, photo.size, photo.contentType);
  return db().prepare(`SELECT ${columns} FROM photos WHERE key = ?`).get(photo.key) as unknown as PhotoRecord;
}

/** The user's photos, newest first. */
export function photosOf(userId: string): PhotoRecord[] {
  return db().prepare(`SELECT ${columns} FROM photos WHERE user_id = ? ORDER BY id DESC`).all(userId) as unknown as PhotoRecord[];
}
