import { describe, expect, it } from 'vitest';
import { admitBatch, runValidate } from '../../src/core/policy/admission.ts';
import { formatBytes } from '../../src/core/policy/byte-size.ts';
import { matchesMediaType, sameKindOfFile } from '../../src/core/policy/media-type.ts';
import { checkFile, invalidAcceptEntries, parseAccept, type FileRules } from '../../src/core/policy/rules.ts';

const file = (name: string, type: string, size = 10) => ({ name, type, size });
const reasonOf = (facts: ReturnType<typeof file>, rules: FileRules) => checkFile(facts, rules)?.reason;

describe('accept', () => {
  it('reads strings and arrays alike, trimmed and lower-cased', () => {
    expect(parseAccept(' image/*, .PDF ,,')).toEqual(['image/*', '.pdf']);
    expect(parseAccept(['Image/PNG', ' '])).toEqual(['image/png']);
    expect(parseAccept(undefined)).toEqual([]);
  });

  it.each([
    ['cat.png', 'image/png', 'image/*'],
    ['cat.png', 'image/png', 'image/png'],
    ['CAT.PNG', 'IMAGE/PNG', 'image/png'],
    ['cat.png', 'image/png', '.png'],
    ['cat.PNG', 'image/png', '.png'],
    ['notes.txt', 'text/plain; charset=utf-8', 'text/plain'],
    ['a.bin', 'application/octet-stream', '*/*'],
    ['a.bin', 'application/octet-stream', '*'],
    ['report.pdf', 'application/pdf', 'image/*, application/pdf'],
    ['readme', 'text/plain', 'text/*'],
    // Aliases of one kind of file are not lies: text/xml vs application/xml, audio/webm vs video/webm.
    ['feed.xml', 'text/xml', 'text/xml'],
    ['clip.webm', 'audio/webm', 'audio/*'],
    ['song.m4a', 'audio/x-m4a', 'audio/x-m4a'],
    ['data.csv', 'application/vnd.ms-excel', '.csv'],
    ['app.js', 'application/x-javascript', '.js'],
  ])('accepts %s typed %s for %j', (name, type, accept) => {
    expect(checkFile(file(name, type), { accept })).toBeUndefined();
  });

  it.each([
    ['virus.exe', 'application/x-msdownload', 'image/*', 'content_type_not_allowed'],
    ['cat.png', 'image/png', 'image/jpeg', 'content_type_not_allowed'],
    ['cat.png', 'image/png', '.jpg,.gif', 'content_type_not_allowed'],
    ['imagex.png', 'imagex/png', 'image/*', 'content_type_not_allowed'],
    // Types that lie about the extension: what is stored as image/png would be opened as a page.
    ['invoice.html', 'image/png', 'image/*', 'type_mismatch'],
    ['photo.png', 'application/pdf', 'application/pdf', 'type_mismatch'],
    ['evil.pdf', 'text/html', '.pdf', 'type_mismatch'],
  ])('refuses %s typed %s for %j: %s', (name, type, accept, reason) => {
    expect(reasonOf(file(name, type), { accept })).toBe(reason);
  });

  it('leaves unknown extensions and untyped files alone when checking for lies', () => {
    expect(checkFile(file('model.glb', 'model/gltf-binary'), { accept: 'model/*' })).toBeUndefined();
    expect(checkFile(file('cat.png', 'application/octet-stream'), { accept: '.png' })).toBeUndefined();
  });

  it('checks nothing about types without accept', () => {
    expect(checkFile(file('invoice.html', 'image/png'), {})).toBeUndefined();
    expect(checkFile(file('invoice.html', 'image/png'), { accept: ' , ' })).toBeUndefined();
  });

  it('says which type was refused and what is accepted', () => {
    expect(checkFile(file('a.exe', 'application/x-msdownload'), { accept: ['image/*', '.pdf'] })?.message).toBe(
      'Files of type application/x-msdownload are not accepted (accepted: image/*, .pdf).',
    );
    expect(checkFile(file('invoice.html', 'image/png'), { accept: 'image/*' })?.message).toBe(
      'The file is typed image/png, but its name ends in .html (text/html).',
    );
  });

  it('finds accept entries that can never match', () => {
    expect(invalidAcceptEntries('image/*, .pdf, */*, *, text/plain, image, png, .')).toEqual(['image', 'png', '.']);
  });
});

describe('sizes', () => {
  const rules = { maxFileSize: 1_000_000, minFileSize: 1 };

  it('allows exactly the limits and refuses one byte past them', () => {
    expect(checkFile(file('a', 'text/plain', 1_000_000), rules)).toBeUndefined();
    expect(checkFile(file('a', 'text/plain', 1), rules)).toBeUndefined();
    expect(checkFile(file('a', 'text/plain', 1_000_001), rules)).toEqual({
      reason: 'file_too_large',
      // Both would read "1 MB": exact bytes say what is wrong.
      message: 'Files may be at most 1000000 bytes, and this one is 1000001 bytes.',
    });
    expect(checkFile(file('a', 'text/plain', 0), rules)).toEqual({ reason: 'file_too_small', message: 'Files must be at least 1 byte, and this one is empty.' });
  });

  it('says sizes in words when they differ', () => {
    expect(checkFile(file('a', 'text/plain', 2_500_000), rules)?.message).toBe('Files may be at most 1 MB, and this one is 2.5 MB.');
    expect(checkFile(file('a', 'text/plain', 10), { minFileSize: 2000 })?.message).toBe('Files must be at least 2 KB, and this one is 10 bytes.');
  });

  it('allows empty files by default', () => {
    expect(checkFile(file('empty.txt', 'text/plain', 0), {})).toBeUndefined();
  });
});

describe('names', () => {
  it.each(['', '   '])('refuses the name %j', (name) => {
    expect(checkFile(file(name, 'text/plain'), {})).toEqual({ reason: 'invalid_name', message: 'The file has no name.' });
  });
});

describe('admitBatch', () => {
  const facts = ['a.png', 'b.exe', 'c.png', 'd.png'].map((name) => file(name, name.endsWith('.png') ? 'image/png' : 'application/x-msdownload'));

  it('counts maxFiles in order, across what is already held, and gives refused files no place', () => {
    expect(admitBatch(facts, { accept: 'image/*', maxFiles: 2 }, 0).map((r) => r?.reason)).toEqual([
      undefined,
      'content_type_not_allowed',
      undefined,
      'too_many_files',
    ]);
    expect(admitBatch(facts, { maxFiles: 3 }, 2).map((r) => r?.reason)).toEqual([undefined, 'too_many_files', 'too_many_files', 'too_many_files']);
    expect(admitBatch(facts, { maxFiles: 1 }, 1)[0]?.message).toBe('At most 1 file may be uploaded.');
  });
});

describe('runValidate', () => {
  const f = new File(['x'], 'x.txt');
  it('refuses with the message returned, accepts on nothing, and tells a throw as the app function failing (with its cause)', async () => {
    expect(await runValidate(f, () => 'Too blurry.')).toEqual({ reason: 'validation_failed', message: 'Too blurry.' });
    expect(await runValidate(f, async () => 'Async no.')).toEqual({ reason: 'validation_failed', message: 'Async no.' });
    const broke = new Error('Broke.');
    await expect(runValidate(f, () => { throw broke; })).rejects.toMatchObject({ code: 'app_callback_error', message: "The app's validate threw: Broke.", cause: broke });
    expect(await runValidate(f, () => undefined)).toBeUndefined();
    expect(await runValidate(f, async () => null)).toBeUndefined();
    expect(await runValidate(f, undefined)).toBeUndefined();
  });
});

describe('media types', () => {
  it('match on the essence', () => {
    expect(matchesMediaType('Image/PNG; x=y', 'image/*')).toBe(true);
    expect(matchesMediaType('imagex/png', 'image/*')).toBe(false);
    expect(sameKindOfFile('text/xml', 'application/xml')).toBe(true);
    expect(sameKindOfFile('application/javascript', 'application/x-javascript')).toBe(true);
    expect(sameKindOfFile('text/csv', 'application/vnd.ms-excel')).toBe(true);
    expect(sameKindOfFile('video/mp4', 'audio/mp4')).toBe(true);
    expect(sameKindOfFile('image/png', 'text/html')).toBe(false);
    expect(sameKindOfFile('application/pdf', 'text/html')).toBe(false);
  });
});

describe('formatBytes (shared by client and server messages)', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1 KB'],
    [1_500_000, '1.5 MB'],
    [100 * 1024 * 1024, '104.9 MB'],
    [5 * 1000 ** 3, '5 GB'],
  ])('%d → %s', (value, expected) => expect(formatBytes(value)).toBe(expected));
});
