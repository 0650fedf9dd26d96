import { describe, expect, it } from 'vitest';
import { defaultObjectKey, encodeKeyPath, encodeRfc3986, isWithinPrefix, keyProblem, normalizePrefix } from '../../src/server/object-key.ts';

const id = '123e4567-e89b-12d3-a456-426614174000';

describe('defaultObjectKey', () => {
  it('is <prefix>/<id>/<sanitized name>', () => {
    expect(defaultObjectKey('uploads', id, '../x/y.png')).toBe(`uploads/${id}/y.png`);
    expect(defaultObjectKey('', id, 'y.png')).toBe(`${id}/y.png`);
  });

  it('fits the whole key in 1,024 bytes', () => {
    const key = defaultObjectKey('users/ünïcödé', id, `${'ß'.repeat(900)}.pdf`);
    expect(new TextEncoder().encode(key).byteLength).toBeLessThanOrEqual(1024);
    expect(key.endsWith('.pdf')).toBe(true);
    expect(keyProblem(key)).toBeUndefined();
  });

  it('throws when the prefix leaves no room', () => {
    expect(() => defaultObjectKey('p'.repeat(1000), id, 'a')).toThrow(TypeError);
  });
});

describe('keyProblem', () => {
  it.each([
    ['', 'empty'],
    ['/a', 'starts with "/"'],
    ['a/../b', '".." segment'],
    ['..', '".." segment'],
    ['a/./b', '"." segment'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['a\u0000', 'control'],
    ['a\u009Fb', 'control'],
    ['a\uD800', 'surrogates'],
    ['a'.repeat(1025), '1024 bytes'],
  ])('%j: %s', (key, reason) => {
    expect(keyProblem(key)).toContain(reason);
  });

  it.each(['a', 'a/b/c.txt', '..a/b..', '.hidden/x', 'a'.repeat(1024), 'résumé (final) #1 + 50%?.pdf', 'con.txt'])('%j is fine', (key) => {
    expect(keyProblem(key)).toBeUndefined();
  });
});

describe('normalizePrefix and isWithinPrefix', () => {
  it('trims slashes and refuses unusable prefixes', () => {
    expect(normalizePrefix('/users/42/')).toBe('users/42');
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix('///')).toBe('');
    expect(() => normalizePrefix('users/../admin')).toThrow(/".." segment/);
    expect(() => normalizePrefix('a//b')).toThrow(TypeError);
  });

  it('confines to whole segments', () => {
    expect(isWithinPrefix('users/42/a', 'users/42')).toBe(true);
    expect(isWithinPrefix('users/420/a', 'users/42')).toBe(false);
    expect(isWithinPrefix('users/42', 'users/42')).toBe(false);
    expect(isWithinPrefix('anything', '')).toBe(true);
  });
});

describe('encodeKeyPath', () => {
  it('encodes each segment once, the SigV4 way', () => {
    expect(encodeKeyPath("a b/(c)+d!'*~.png")).toBe('a%20b/%28c%29%2Bd%21%27%2A~.png');
    expect(encodeKeyPath('50%?#&=.pdf')).toBe('50%25%3F%23%26%3D.pdf');
    expect(encodeKeyPath('日本/🐱')).toBe('%E6%97%A5%E6%9C%AC/%F0%9F%90%B1');
  });

  it('leaves unreserved characters alone', () => {
    expect(encodeRfc3986('AZaz09-_.~')).toBe('AZaz09-_.~');
  });
});
