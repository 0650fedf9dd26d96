import { describe, expect, it } from 'vitest';
import { extensionOf, resolveContentType } from '../../src/core/policy/content-type.ts';
import { parseS3Error } from '../../src/core/errors/s3-error.ts';
import { headersToSend } from '../../src/core/transport/xhr-put.ts';

describe('resolveContentType', () => {
  it.each([
    [{ name: 'a.bin', type: 'image/png' }, 'image/png'],
    [{ name: 'photo.JPG', type: '' }, 'image/jpeg'],
    [{ name: 'notes.md', type: '' }, 'text/markdown'],
    [{ name: 'archive.tar.gz', type: '' }, 'application/gzip'],
    [{ name: 'README', type: '' }, 'application/octet-stream'],
    [{ name: '.env', type: '' }, 'application/octet-stream'],
    [{ name: 'weird.unknownext', type: '' }, 'application/octet-stream'],
    [{ name: 'trailing.', type: '' }, 'application/octet-stream'],
  ])('%o → %s', (file, expected) => {
    expect(resolveContentType(file)).toBe(expected);
  });

  it('reads extensions', () => {
    expect(extensionOf('a.b.C')).toBe('c');
    expect(extensionOf('noext')).toBe('');
  });
});

describe('parseS3Error', () => {
  it('reads code and message from S3 XML', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match &amp; so on</Message></Error>';
    expect(parseS3Error(xml)).toEqual({ code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match & so on' });
  });

  it('returns undefined for anything else', () => {
    expect(parseS3Error('')).toBeUndefined();
    expect(parseS3Error('<html>oops</html>')).toBeUndefined();
    expect(parseS3Error('<Error></Error>')).toBeUndefined();
  });
});

describe('headersToSend', () => {
  it('drops the headers the browser owns, whatever their case', () => {
    expect(headersToSend({ 'Content-Length': '5', host: 'x', 'content-type': 'text/plain', 'x-amz-meta-a': 'b' })).toEqual([
      ['content-type', 'text/plain'],
      ['x-amz-meta-a', 'b'],
    ]);
  });
});
