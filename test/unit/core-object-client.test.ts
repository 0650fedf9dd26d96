import { endpointUrl, parseObjectListPage } from '../../src/core/index.ts';

describe('endpointUrl', () => {
  it('adds the route and the parameters, keeping a query the endpoint has and leaving out undefined ones', () => {
    expect(endpointUrl('/api/upload', '', { prefix: 'a b/', cursor: undefined, limit: '10' })).toBe('/api/upload?prefix=a+b%2F&limit=10');
    expect(endpointUrl('/api/upload/', '/download', { key: 'u/ü&x.txt' })).toBe('/api/upload/download?key=u%2F%C3%BC%26x.txt');
    expect(endpointUrl('https://app.test/api?tenant=7', '/download', { key: 'k' })).toBe('https://app.test/api/download?tenant=7&key=k');
    expect(endpointUrl('/api/upload', '', {})).toBe('/api/upload');
  });
});

describe('parseObjectListPage', () => {
  const object = { key: 'a', size: 1, etag: '"e"', lastModified: '2026-01-01T00:00:00.000Z' };

  it('keeps the protocol’s fields and drops other top-level ones', () => {
    expect(parseObjectListPage({ objects: [object], prefixes: ['p/'], prefix: '', cursor: 'c', capabilities: { download: true, delete: 'yes' }, extra: 1 })).toEqual({
      objects: [object],
      prefixes: ['p/'],
      prefix: '',
      cursor: 'c',
      capabilities: { download: true, delete: false },
    });
    expect(parseObjectListPage({ objects: [] })).toEqual({ objects: [], prefixes: [], prefix: '' });
  });

  it.each([
    ['not an object', 'page'],
    ['no objects', { prefixes: [] }],
    ['an object without a key', { objects: [{ ...object, key: 1 }] }],
    ['a size that is a string', { objects: [{ ...object, size: '1' }] }],
    ['prefixes that are not strings', { objects: [], prefixes: [1] }],
  ])('refuses %s with invalid_backend_response', (_name, value) => {
    expect(() => parseObjectListPage(value)).toThrow(expect.objectContaining({ code: 'invalid_backend_response' }));
  });
});
