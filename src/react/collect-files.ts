/*
 * Files out of a drop or a paste, folders included. Dropped folders arrive as
 * FileSystem entries (`webkitGetAsEntry`, in every current browser), which
 * must be taken during the event: the DataTransfer is emptied once it ends.
 */
import type { Entry } from './folder-files.js';

/**
 * Hands the files of a drop or a paste to `deliver`, if there are any.
 * Folders are walked when the browser gives entries and one of them is a
 * folder; then `deliver` is called once they are read (the walk loads on
 * demand). Otherwise it is called at once with the plain file list (which
 * holds a dropped folder as an unreadable zero-byte file, hence the walk).
 */
export function collectFiles(dataTransfer: DataTransfer | null, deliver: (files: File[]) => void): void {
  if (!dataTransfer) return;
  const files = Array.from(dataTransfer.files ?? []);
  const entries = Array.from(dataTransfer.items ?? [], (item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() as Entry | null) : null));
  const give = (found: File[]) => {
    if (found.length > 0) deliver(found);
  };
  if (!entries.some((entry) => entry?.isDirectory)) return give(files);
  // Entries are taken above, during the event; reading them may end after it.
  void import('./folder-files.js')
    .then(({ filesOfEntries }) => filesOfEntries(entries))
    // A folder that cannot be read (permissions, removed meanwhile): upload the plain files dropped with it.
    .catch(() => files.filter((_, index) => !entries[index]?.isDirectory))
    .then(give);
}
