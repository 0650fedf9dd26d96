import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from '../../src/server/filename.ts';

const bytes = (value: string) => new TextEncoder().encode(value).byteLength;

describe('sanitizeFilename', () => {
  it.each([
    ['', 'file'],
    ['   ', 'file'],
    ['.', 'file'],
    ['..', 'file'],
    ['...', 'file'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['a/b', 'b'],
    ['a\\b', 'b'],
    ['C:\\Users\\me\\Desktop\\report.pdf', 'report.pdf'],
    ['dir/', 'dir'],
    ['/', 'file'],
    ['.env', 'env'],
    ['..hidden', 'hidden'],
    ['file..txt', 'file.txt'],
    ['con.txt', '_con.txt'],
    ['CON', '_CON'],
    ['nul', '_nul'],
    ['Aux.tar.gz', '_Aux.tar.gz'],
    ['com1.log', '_com1.log'],
    ['LPT9', '_LPT9'],
    ['com¹.txt', '_com¹.txt'],
    ['console.txt', 'console.txt'],
    ['icon.png', 'icon.png'],
    ['com10.txt', 'com10.txt'],
    ['trailing dots...', 'trailing dots'],
    ['name. . .', 'name'],
    ['report.pdf.', 'report.pdf'],
    ['line\u2028break\u2029.txt', 'linebreak.txt'],
    ['a／b∕c.txt', 'a／b∕c.txt'],
    ['emoji 👩‍👩‍👧 family.png', 'emoji 👩‍👩‍👧 family.png'],
    ['%00', '%00'],
    ['a%2F..%2Fb.txt', 'a%2F.%2Fb.txt'],
    ['a\u0000b.txt', 'ab.txt'],
    ['tab\there\nnew\rline.txt', 'tabherenewline.txt'],
    ['del\u007F.txt', 'del.txt'],
    ['c1\u0085\u009B.txt', 'c1.txt'],
    ['  lots   of \u00A0 space  .txt', 'lots of space .txt'],
    ['résumé (final) #1 + 50%?.pdf', 'résumé (final) #1 + 50%?.pdf'],
    ["🐱 cat's photo!.png", "🐱 cat's photo!.png"],
    ['日本語 ファイル.txt', '日本語 ファイル.txt'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it('removes bidi overrides, isolates and marks (exe disguised as jpg)', () => {
    expect(sanitizeFilename('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(sanitizeFilename(`a${all}b.txt`)).toBe('ab.txt');
    expect(sanitizeFilename(all)).toBe('file');
  });

  it('normalizes NFD to NFC', () => {
    const nfd = 'Re\u0301sume\u0301.pdf';
    const result = sanitizeFilename(nfd);
    expect(result).toBe('R\u00e9sum\u00e9.pdf');
    expect(result).toBe(result.normalize('NFC'));
  });

  it('drops lone surrogates, keeping pairs', () => {
    expect(sanitizeFilename('a\uD800b\uDC00c😀.txt')).toBe('abc😀.txt');
  });

  it('keeps the extension when shortening an over-long multi-byte name, cutting between code points', () => {
    const result = sanitizeFilename(`${'é'.repeat(700)}.jpeg`);
    expect(bytes(result)).toBeLessThanOrEqual(1024);
    expect(bytes(result)).toBeGreaterThanOrEqual(1023);
    expect(result.endsWith('é.jpeg')).toBe(true);
    expect(result).not.toContain('\uFFFD');
  });

  it('never splits a 4-byte character', () => {
    const result = sanitizeFilename(`${'😀'.repeat(300)}.png`, 103);
    expect(result).toBe(`${'😀'.repeat(24)}.png`);
    expect(bytes(result)).toBe(100);
  });

  it('respects a smaller byte budget', () => {
    expect(sanitizeFilename('abcdefghij.txt', 8)).toBe('abcd.txt');
    expect(sanitizeFilename('abcdefghij', 4)).toBe('abcd');
  });

  it('does not leave a dot or space before the extension after a cut', () => {
    expect(sanitizeFilename('ab.cd.txt', 7)).toBe('ab.txt');
    expect(sanitizeFilename('ab cd.txt', 7)).toBe('ab.txt');
  });

  it('treats a long or missing extension as part of the name', () => {
    const longExtension = `name.${'x'.repeat(100)}`;
    expect(sanitizeFilename(longExtension, 20)).toBe(longExtension.slice(0, 20));
    expect(sanitizeFilename('x'.repeat(2000))).toBe('x'.repeat(1024));
  });

  it('falls back when the budget is smaller than the extension', () => {
    expect(sanitizeFilename('a.verylongext', 5)).toBe('a.ver');
  });
});
