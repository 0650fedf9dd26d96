import { collectFiles } from '../../src/react/collect-files.ts';
import { filesOfEntry } from '../../src/react/folder-files.ts';

/** A fake of the FileSystem entries API: a folder's reader hands its entries over in batches of `batch`. */
type Tree = { [name: string]: string | Tree };
function entryOf(name: string, node: string | Tree, batch = 2): unknown {
  if (typeof node === 'string') return { isFile: true, isDirectory: false, name, file: (ok: (file: File) => void) => ok(new File([node], name)) };
  const children = Object.entries(node).map(([child, value]) => entryOf(child, value, batch));
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let next = 0;
      return { readEntries: (ok: (entries: unknown[]) => void) => ok(children.slice(next, (next += batch))) };
    },
  };
}

/** A DataTransfer-shaped object whose items give `entries`. */
function transfer(entries: unknown[], files: File[] = []): DataTransfer {
  return { files, items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })) } as unknown as DataTransfer;
}

describe('collectFiles', () => {
  it('walks dropped folders, every batch of every level, keeping each file’s relative path', async () => {
    const tree = { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', sub: { 'd.txt': 'd', deeper: { 'e.txt': 'e' } } };
    const files = await new Promise<File[]>((resolve) => collectFiles(transfer([entryOf('photos', tree), entryOf('loose.txt', 'l')]), resolve));
    // jsdom's File has no webkitRelativePath; browsers give ''.
    expect(files.map((file) => [file.name, file.webkitRelativePath ?? ''])).toEqual([
      ['a.txt', 'photos/a.txt'],
      ['b.txt', 'photos/b.txt'],
      ['c.txt', 'photos/c.txt'],
      ['d.txt', 'photos/sub/d.txt'],
      ['e.txt', 'photos/sub/deeper/e.txt'],
      ['loose.txt', ''],
    ]);
    expect(await files[4]!.text()).toBe('e');
  });

  it('hands plain files over at once, and nothing for an empty transfer', () => {
    const cat = new File(['meow'], 'cat.png');
    const deliver = vi.fn<(files: File[]) => void>();
    collectFiles(transfer([entryOf('cat.png', 'meow')], [cat]), deliver);
    expect(deliver).toHaveBeenCalledExactlyOnceWith([cat]);
    collectFiles(transfer([], []), deliver);
    collectFiles(null, deliver);
    expect(deliver).toHaveBeenCalledTimes(1);
  });

  it('gives an empty folder no files', async () => {
    expect(await filesOfEntry(entryOf('empty', {}) as Parameters<typeof filesOfEntry>[0])).toEqual([]);
  });
});
