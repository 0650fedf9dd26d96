import { aggregateProgress, formatBytes, uploadProgress } from '../../src/react/index.ts';

describe('formatBytes', () => {
  it('uses decimal units with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1_000)).toBe('1 kB');
    expect(formatBytes(1_536_000)).toBe('1.5 MB');
    expect(formatBytes(999_960)).toBe('1 MB');
    expect(formatBytes(5 * 1000 ** 3)).toBe('5 GB');
    expect(formatBytes(2.5 * 1000 ** 5)).toBe('2,500 TB');
  });

  it('localizes', () => {
    expect(formatBytes(1_536_000, 'de-DE')).toBe('1,5 MB');
  });
});

describe('aggregateProgress', () => {
  const at = (status: 'queued' | 'uploading' | 'done' | 'error' | 'canceled', loaded: number, total: number) => ({ status, loaded, total });

  it('adds up every upload but canceled ones, rounding the percent down', () => {
    expect(aggregateProgress([])).toEqual({ loaded: 0, total: 0, percent: 0 });
    expect(aggregateProgress([at('done', 100, 100), at('uploading', 99, 200), at('canceled', 5, 1000)])).toEqual({ loaded: 199, total: 300, percent: 66 });
    expect(aggregateProgress([at('uploading', 999, 1000)]).percent).toBe(99);
    expect(aggregateProgress([at('error', 10, 100), at('queued', 0, 100)])).toEqual({ loaded: 10, total: 200, percent: 5 });
  });

  it('treats empty files as complete once done', () => {
    expect(aggregateProgress([at('done', 0, 0)]).percent).toBe(100);
    expect(aggregateProgress([at('queued', 0, 0)]).percent).toBe(0);
    expect(uploadProgress(at('done', 0, 0)).percent).toBe(100);
  });
});
