import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blobMd5 } from '../../src/core/integrity/blob-md5.ts';
import { bareEtag, checkMultipartEtag, checkPartEtag, checkSingleEtag, isMd5Etag, multipartEtag } from '../../src/core/integrity/etag-checks.ts';
import { Md5, md5Hex, toHex } from '../../src/core/integrity/md5.ts';

const nodeMd5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();

describe('MD5', () => {
  // The test suite of RFC 1321, appendix A.5.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ])('md5(%j) = %s', (input, expected) => {
    expect(md5Hex(input)).toBe(expected);
  });

  it('gives the same digest however the bytes are chunked, at every block boundary', () => {
    const bytes = new Uint8Array(randomBytes(3 * 64 + 17));
    const expected = nodeMd5(bytes).toString('hex');
    for (const chunk of [1, 3, 55, 56, 63, 64, 65, 100, 1000]) {
      const md5 = new Md5();
      for (let offset = 0; offset < bytes.length; offset += chunk) md5.update(bytes.subarray(offset, offset + chunk));
      expect(md5.hex(), `chunks of ${chunk}`).toBe(expected);
    }
    for (let length = 50; length < 130; length++) expect(md5Hex(bytes.subarray(0, length))).toBe(nodeMd5(bytes.subarray(0, length)).toString('hex'));
  });

  it('gives the same digest for bytes at any offset in their buffer (whole blocks are read in place when 4-byte aligned)', () => {
    const buffer = new Uint8Array(randomBytes(4096 + 8));
    for (let start = 0; start < 8; start++) {
      const view = buffer.subarray(start, start + 4096 - start);
      expect(md5Hex(view), `offset ${start}`).toBe(nodeMd5(view).toString('hex'));
    }
  });

  it('hashes a Blob in slices, as node:crypto does in one go', async () => {
    const bytes = new Uint8Array(randomBytes(9 * 1024 * 1024 + 3));
    expect(toHex(await blobMd5(new Blob([bytes])))).toBe(nodeMd5(bytes).toString('hex'));
  });

  it('refuses more data once finished', () => {
    const md5 = new Md5().update('a');
    md5.digest();
    expect(() => md5.update('b')).toThrow();
  });
});

describe('ETag checks', () => {
  const a = new Uint8Array(randomBytes(1000));
  const b = new Uint8Array(randomBytes(10));

  it('computes the multipart ETag as R2 and S3 do: md5 of the part md5s, then -N', () => {
    const expected = `${createHash('md5').update(Buffer.concat([nodeMd5(a), nodeMd5(b)])).digest('hex')}-2`;
    expect(multipartEtag([new Uint8Array(nodeMd5(a)), new Uint8Array(nodeMd5(b))])).toBe(expected);
    expect(() => checkMultipartEtag(`"${expected}"`, [nodeMd5(a), nodeMd5(b)])).not.toThrow();
    expect(() => checkMultipartEtag(`"${expected}"`, [nodeMd5(b), nodeMd5(a)])).toThrow(expect.objectContaining({ code: 'integrity_mismatch' }));
  });

  it('checks a single PUT ETag, quotes and case aside', () => {
    const hex = nodeMd5(a).toString('hex');
    expect(() => checkSingleEtag(`"${hex.toUpperCase()}"`, nodeMd5(a))).not.toThrow();
    expect(() => checkSingleEtag(`"${hex}"`, nodeMd5(b))).toThrow(expect.objectContaining({ code: 'integrity_mismatch' }));
    // Not an MD5 at all (SSE-KMS, another store): a mismatch, never a silent success.
    expect(() => checkSingleEtag('"opaque-etag"', nodeMd5(a))).toThrow(expect.objectContaining({ code: 'integrity_mismatch' }));
  });

  it('checks a part ETag only when it is an MD5: R2 part ETags are opaque', () => {
    expect(isMd5Etag(`"${nodeMd5(a).toString('hex')}"`)).toBe(true);
    expect(isMd5Etag('"5AuqlKZDax9JTGPaCslWSunsniNtUI28mL9BtI4HG8Im"')).toBe(false);
    expect(() => checkPartEtag('"5AuqlKZDax9JTGPaCslWSunsniNtUI28mL9BtI4HG8Im"', nodeMd5(a))).not.toThrow();
    expect(() => checkPartEtag(`"${nodeMd5(b).toString('hex')}"`, nodeMd5(a))).toThrow(expect.objectContaining({ code: 'integrity_mismatch' }));
    expect(bareEtag('W/"ABC"')).toBe('abc');
  });
});
