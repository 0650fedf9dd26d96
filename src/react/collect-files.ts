/*
 * Files out of a drop or a paste, folders included. Dropped folders arrive as
 * FileSystem entries (`webkitGetAsEntry`, in every current browser), which
 * must be taken during the event: the DataTransfer is emptied once it ends.
 */

/** The parts of a FileSystemEntry used here (DOM lib types them; kept narrow so fakes are easy). */
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
}
interface FileEntry extends Entry {
  file: (success: (file: File) => void, failure?: (error: unknown) => void) => void;
}
interface DirectoryEntry extends Entry {
  createReader: () => { readEntries: (success: (entries: Entry[]) => void, failure?: (error: unknown) => void) => void };
}

/** A file with the folder path it was dropped with, as `<input webkitdirectory>` gives it. */
function withRelativePath(file: File, path: string): File {
  // `webkitRelativePath` is a read-only getter on File.prototype: shadow it on this instance.
  Object.defineProperty(file, 'webkitRelativePath', { value: path, configurable: true });
  return file;
}

function fileOf(entry: FileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every entry of a directory: `readEntries` hands them over in batches (100 in Chromium) until an empty one. */
async function childrenOf(entry: DirectoryEntry): Promise<Entry[]> {
  const reader = entry.createReader();
  const children: Entry[] = [];
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

/** The files under an entry, depth first, each with its path from the dropped item (`photos/2024/cat.png`). */
export async function filesOfEntry(entry: Entry, parent = ''): Promise<File[]> {
  const path = parent ? `${parent}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await fileOf(entry as FileEntry);
    return [parent ? withRelativePath(file, path) : file];
  }
  if (!entry.isDirectory) return [];
  const nested = await Promise.all((await childrenOf(entry as DirectoryEntry)).map((child) => filesOfEntry(child, path)));
  return nested.flat();
}

/**
 * Hands the files of a drop or a paste to `deliver`, if there are any.
 * Folders are walked when the browser gives entries and one of them is a
 * folder; then `deliver` is called once they are read. Otherwise it is called
 * at once with the plain file list (which holds a dropped folder as an
 * unreadable zero-byte file, hence the walk).
 */
export function collectFiles(dataTransfer: DataTransfer | null, deliver: (files: File[]) => void): void {
  if (!dataTransfer) return;
  const files = Array.from(dataTransfer.files ?? []);
  const entries = Array.from(dataTransfer.items ?? [], (item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() as Entry | null) : null));
  const give = (found: File[]) => {
    if (found.length > 0) deliver(found);
  };
  if (!entries.some((entry) => entry?.isDirectory)) return give(files);
  void Promise.all(entries.map((entry) => (entry ? filesOfEntry(entry) : Promise.resolve([]))))
    .then((nested) => nested.flat())
    // A folder that cannot be read (permissions, removed meanwhile): upload the plain files dropped with it.
    .catch(() => files.filter((_, index) => !entries[index]?.isDirectory))
    .then(give);
}
