/*
 * The files under dropped folders. Loaded only when a folder is dropped
 * (`collect-files.ts` imports it on demand): most drops are plain files.
 */

/** The parts of a FileSystemEntry used here (DOM lib types them; kept narrow so fakes are easy). */
export interface Entry {
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

/** The files of every dropped item in order: a `null` entry (not a file) gives none. */
export async function filesOfEntries(entries: ReadonlyArray<Entry | null>): Promise<File[]> {
  return (await Promise.all(entries.map((entry) => (entry ? filesOfEntry(entry) : [])))).flat();
}
