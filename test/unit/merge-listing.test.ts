import type { ObjectListPage } from '../../src/core/protocol/list-protocol.ts';
import { historyListing, mergeListing, placeKey, type MergeInput } from '../../src/core/listing/merge-listing.ts';
import type { HistoryEntry } from '../../src/core/listing/upload-history.ts';

const object = (key: string, size = 1) => ({ key, size, etag: `"${key}"`, lastModified: '2026-01-01T00:00:00.000Z' });
const page = (keys: string[], extra: Partial<ObjectListPage> = {}): ObjectListPage => ({ objects: keys.map((key) => object(key)), prefixes: [], prefix: 'u/', ...extra });
const upload = (key: string, seq: number, size = 7): HistoryEntry => ({ key, size, etag: `"local ${key}"`, time: Date.UTC(2026, 5, 1), seq });

const merge = (input: Partial<MergeInput>) =>
  mergeListing({ pages: [], prefix: 'u/', delimiter: undefined, recent: [], confirmedSeq: 0, complete: true, ...input });

describe('placeKey', () => {
  it('places a key as an object, as its folder with a delimiter, or nowhere outside the prefix', () => {
    expect(placeKey('u/a.txt', 'u/', '/')).toEqual({});
    expect(placeKey('u/photos/1.png', 'u/', '/')).toEqual({ folder: 'u/photos/' });
    expect(placeKey('u/photos/1.png', 'u/', undefined)).toEqual({});
    expect(placeKey('u/photos/1.png', '', '/')).toEqual({ folder: 'u/' });
    expect(placeKey('v/a.txt', 'u/', '/')).toBeUndefined();
  });
});

describe('mergeListing', () => {
  it('joins pages, dropping a key a later page repeats', () => {
    const listing = merge({ pages: [page(['u/a', 'u/b']), page(['u/b', 'u/c'], { prefixes: ['u/d/'] }), page([], { prefixes: ['u/d/'] })] });
    expect(listing.objects.map((row) => [row.key, row.pending])).toEqual([
      ['u/a', false],
      ['u/b', false],
      ['u/c', false],
    ]);
    expect(listing.prefixes).toEqual(['u/d/']);
  });

  it('adds an upload the server had no chance to list yet, from its result, as pending', () => {
    const listing = merge({ pages: [page(['u/a'])], recent: [upload('u/new.bin', 3, 42)], confirmedSeq: 2 });
    expect(listing.objects).toEqual([
      { ...object('u/a'), pending: false },
      { key: 'u/new.bin', size: 42, etag: '"local u/new.bin"', lastModified: '2026-06-01T00:00:00.000Z', pending: true },
    ]);
  });

  it('shows the server’s row, not a duplicate, once the server lists the upload', () => {
    const listing = merge({ pages: [page(['u/a', 'u/new.bin'])], recent: [upload('u/new.bin', 3)], confirmedSeq: 3 });
    expect(listing.objects.map((row) => [row.key, row.etag, row.pending])).toEqual([
      ['u/a', '"u/a"', false],
      ['u/new.bin', '"u/new.bin"', false],
    ]);
    // Even when the answer came from a fetch that started before the upload finished.
    expect(merge({ pages: [page(['u/new.bin'])], recent: [upload('u/new.bin', 3)], confirmedSeq: 1 }).objects).toHaveLength(1);
  });

  it('drops a confirmed upload the complete listing lacks (deleted meanwhile), but keeps it while pages remain', () => {
    const recent = [upload('u/zzz.bin', 3)];
    expect(merge({ pages: [page(['u/a'])], recent, confirmedSeq: 3, complete: true }).objects.map((row) => row.key)).toEqual(['u/a']);
    // Its key may sort onto a page not loaded yet: it must not vanish and come back.
    expect(merge({ pages: [page(['u/a'], { cursor: 'c' })], recent, confirmedSeq: 3, complete: false }).objects.map((row) => [row.key, row.pending])).toEqual([
      ['u/a', false],
      ['u/zzz.bin', true],
    ]);
  });

  it('never adds uploads from earlier visits: the server is the truth about them', () => {
    const listing = merge({ pages: [page(['u/a'], { cursor: 'c' })], recent: [upload('u/old.bin', 0)], complete: false });
    expect(listing.objects.map((row) => row.key)).toEqual(['u/a']);
  });

  it('ignores uploads outside the listed prefix, and shows deeper ones as their folder with a delimiter', () => {
    const recent = [upload('v/elsewhere', 5), upload('u/photos/1.png', 4), upload('u/photos/2.png', 3), upload('u/docs/a.pdf', 2)];
    const listing = merge({ pages: [page(['u/a'], { prefixes: ['u/docs/'] })], delimiter: '/', recent, confirmedSeq: 1 });
    expect(listing.objects.map((row) => row.key)).toEqual(['u/a']);
    expect(listing.prefixes).toEqual(['u/docs/', 'u/photos/']);
  });
});

describe('historyListing', () => {
  it('lists the browser’s uploads under the prefix, from earlier visits too, as settled rows', () => {
    const recent = [upload('u/b', 0), upload('u/f/x', 2), upload('w/c', 1), upload('u/a', 0)];
    const listing = historyListing(recent, 'u/', '/');
    expect(listing.objects.map((row) => [row.key, row.pending])).toEqual([
      ['u/b', false],
      ['u/a', false],
    ]);
    expect(listing.prefixes).toEqual(['u/f/']);
    expect(historyListing(recent, '', undefined).objects).toHaveLength(4);
  });
});
