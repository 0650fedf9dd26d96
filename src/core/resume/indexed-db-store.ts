import type { ResumeRecord, ResumeStore } from '../engine/resume-store.js';

const DB_NAME = 'r2-uploader';
const STORE = 'multipart-uploads';
const VERSION = 1;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function open(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, VERSION);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('expiresAt', 'expiresAt');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    // Another tab holds an older version open; resuming is best effort, so give up rather than wait.
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/**
 * Resumable uploads in IndexedDB. Loaded only when a multipart upload starts.
 * Every failure (no IndexedDB, private browsing, quota) degrades to "nothing
 * to resume": resuming is an optimization, never a reason for an upload to fail.
 * Expired records are deleted when the database is first opened.
 */
export function createIndexedDbResumeStore(name: string = DB_NAME): ResumeStore {
  let database: Promise<IDBDatabase | undefined> | undefined;
  const db = () => {
    database ??= (typeof indexedDB === 'undefined' ? Promise.resolve(undefined) : open(name))
      .then(async (opened) => {
        if (opened) await deleteExpiredIn(opened, Date.now()).catch(() => undefined);
        return opened;
      })
      .catch(() => undefined);
    return database;
  };
  async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
    const opened = await db();
    if (!opened) return undefined;
    try {
      return await promised(use(opened.transaction(STORE, mode).objectStore(STORE)));
    } catch {
      return undefined;
    }
  }
  return {
    async get(id) {
      const record = (await withStore('readonly', (store) => store.get(id))) as ResumeRecord | undefined;
      return record && record.expiresAt > Date.now() ? record : undefined;
    },
    async put(record) {
      await withStore('readwrite', (store) => store.put(record));
    },
    async delete(id) {
      await withStore('readwrite', (store) => store.delete(id));
    },
    async deleteExpired(now) {
      const opened = await db();
      if (opened) await deleteExpiredIn(opened, now).catch(() => undefined);
    },
  };
}

function deleteExpiredIn(database: IDBDatabase, now: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, 'readwrite');
    const cursor = transaction.objectStore(STORE).index('expiresAt').openCursor(IDBKeyRange.upperBound(now));
    cursor.onsuccess = () => {
      const current = cursor.result;
      if (!current) return;
      current.delete();
      current.continue();
    };
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB cleanup failed'));
  });
}
