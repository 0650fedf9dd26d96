import {
  createUploadHistory,
  parseUploadHistory,
  UPLOAD_HISTORY_LIMIT,
  UPLOAD_HISTORY_STORAGE_KEY,
  type RecentUpload,
} from '../../src/core/listing/upload-history.ts';

const endpoint = '/api/upload';
const resolved = `${location.origin}/api/upload`;
const result = (key: string, size = 1) => ({ key, size, etag: `"${key}"` });
const stored = () => JSON.parse(localStorage.getItem(UPLOAD_HISTORY_STORAGE_KEY) ?? 'null') as { uploads: RecentUpload[] } | null;

beforeEach(() => localStorage.clear());

/** A Storage whose every call fails, as in Safari's private mode or a sandboxed frame. */
function brokenStorage(failing: 'getItem' | 'setItem' | 'both'): Storage {
  const fail = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return {
    length: 0,
    clear: fail,
    key: () => null,
    removeItem: fail,
    getItem: failing === 'setItem' ? () => null : fail,
    setItem: failing === 'getItem' ? () => undefined : fail,
  };
}

describe('the upload history', () => {
  it('keeps key, size, ETag, time and endpoint in localStorage, newest first, across page loads', () => {
    const before = Date.now();
    const history = createUploadHistory();
    history.record(result('uploads/a.txt', 3), endpoint);
    history.record(result('uploads/b.txt', 5), undefined);
    expect(stored()?.uploads).toEqual([
      { key: 'uploads/b.txt', size: 5, etag: '"uploads/b.txt"', time: expect.any(Number) },
      { key: 'uploads/a.txt', size: 3, etag: '"uploads/a.txt"', time: expect.any(Number), endpoint: resolved },
    ]);
    expect(stored()!.uploads[0]!.time).toBeGreaterThanOrEqual(before);

    const nextVisit = createUploadHistory();
    expect(nextVisit.getSnapshot().map((entry) => [entry.key, entry.seq])).toEqual([
      ['uploads/b.txt', 0],
      ['uploads/a.txt', 0],
    ]);
  });

  it('numbers this page’s uploads, and keeps one entry per key and endpoint', () => {
    const history = createUploadHistory();
    history.record(result('a'), endpoint);
    history.record(result('b'), endpoint);
    history.record(result('a', 9), `${location.origin}/api/upload`);
    history.record(result('a'), '/other');
    expect(history.getSnapshot().map(({ key, size, seq, endpoint: at }) => [key, size, seq, at])).toEqual([
      ['a', 1, 4, `${location.origin}/other`],
      ['a', 9, 3, resolved],
      ['b', 1, 2, resolved],
    ]);
    expect(history.lastSeq()).toBe(4);
  });

  it(`keeps the last ${UPLOAD_HISTORY_LIMIT} uploads`, () => {
    const history = createUploadHistory();
    for (let i = 0; i < UPLOAD_HISTORY_LIMIT + 25; i++) history.record(result(`k${i}`), endpoint);
    const keys = history.getSnapshot().map((entry) => entry.key);
    expect(keys).toHaveLength(UPLOAD_HISTORY_LIMIT);
    expect(keys[0]).toBe(`k${UPLOAD_HISTORY_LIMIT + 24}`);
    expect(keys.at(-1)).toBe('k25');
    expect(stored()?.uploads).toHaveLength(UPLOAD_HISTORY_LIMIT);
  });

  it('keeps uploads another tab stored meanwhile', () => {
    const here = createUploadHistory();
    const otherTab = createUploadHistory();
    here.record(result('mine'), endpoint);
    otherTab.record(result('theirs'), endpoint);
    here.record(result('mine too'), endpoint);
    expect(here.getSnapshot().map((entry) => entry.key)).toEqual(['mine too', 'theirs', 'mine']);
    // This page's numbering survives the reload from storage: "theirs" is not this page's upload.
    expect(here.getSnapshot().map((entry) => entry.seq)).toEqual([2, 0, 1]);
  });

  it('forgets a key uploaded through the endpoint or through none, but not through another', () => {
    const history = createUploadHistory();
    history.record(result('x'), '/elsewhere');
    history.record(result('x'), undefined);
    history.record(result('x'), endpoint);
    history.record(result('y'), endpoint);
    const listener = vi.fn();
    history.subscribe(listener);
    history.forget('x', endpoint);
    expect(history.getSnapshot().map((entry) => [entry.key, entry.endpoint])).toEqual([
      ['y', resolved],
      ['x', `${location.origin}/elsewhere`],
    ]);
    expect(stored()?.uploads).toHaveLength(2);
    expect(listener).toHaveBeenCalledTimes(1);
    history.clear();
    expect(history.getSnapshot()).toEqual([]);
    expect(stored()).toEqual({ uploads: [] });
  });
});

describe('a corrupted or oversized stored value', () => {
  const valid = { key: 'uploads/ok.txt', size: 2, etag: '"e"', time: 1_700_000_000_000 };

  it.each([
    ['not JSON', '{"uploads": ['],
    ['JSON of another shape', '[{"key":"a"}]'],
    ['uploads that are not an array', '{"uploads": {"0": {}}}'],
    ['null', 'null'],
    ['a number', '42'],
    ['an empty string', ''],
  ])('is ignored when it is %s', (_name, value) => {
    localStorage.setItem(UPLOAD_HISTORY_STORAGE_KEY, value);
    const history = createUploadHistory();
    expect(history.getSnapshot()).toEqual([]);
    // And it is replaced by a good value on the next upload, not kept or crashed on.
    history.record(result('new'), endpoint);
    expect(stored()?.uploads.map((upload) => upload.key)).toEqual(['new']);
  });

  it('is ignored unread when it is oversized', () => {
    const big = JSON.stringify({ uploads: [valid, { ...valid, key: 'x', etag: 'y'.repeat(600_000) }] });
    localStorage.setItem(UPLOAD_HISTORY_STORAGE_KEY, big);
    expect(createUploadHistory().getSnapshot()).toEqual([]);
  });

  it('keeps its good entries and drops broken ones', () => {
    const entries = [
      valid,
      { ...valid, key: '' },
      { ...valid, key: 'k'.repeat(1025) },
      { ...valid, size: -1 },
      { ...valid, size: 1.5 },
      { ...valid, size: '2' },
      { ...valid, etag: 7 },
      { ...valid, time: 'yesterday' },
      { ...valid, endpoint: 42 },
      null,
      'uploads/a.txt',
      { ...valid, key: 'uploads/also-ok.txt', endpoint: resolved, extra: '<script>' },
    ];
    expect(parseUploadHistory(JSON.stringify({ uploads: entries }))).toEqual([valid, { ...valid, key: 'uploads/also-ok.txt', endpoint: resolved }]);
  });

  it('reads at most the limit of entries', () => {
    const many = Array.from({ length: UPLOAD_HISTORY_LIMIT + 50 }, (_, i) => ({ ...valid, key: `k${i}` }));
    expect(parseUploadHistory(JSON.stringify({ uploads: many }))).toHaveLength(UPLOAD_HISTORY_LIMIT);
  });
});

describe('storage that fails', () => {
  it.each(['getItem', 'setItem', 'both'] as const)('(%s throws) leaves an in-memory history that still works', (failing) => {
    const history = createUploadHistory(brokenStorage(failing));
    history.record(result('a'), endpoint);
    history.record(result('b'), endpoint);
    history.forget('a', endpoint);
    expect(history.getSnapshot().map((entry) => [entry.key, entry.seq])).toEqual([['b', 2]]);
  });

  it('works without any storage (SSR, no localStorage)', () => {
    const history = createUploadHistory(null);
    history.record(result('a'), endpoint);
    expect(history.getSnapshot().map((entry) => entry.key)).toEqual(['a']);
    expect(stored()).toBeNull();
  });
});
