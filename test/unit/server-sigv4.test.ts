import { AwsV4Signer } from 'aws4fetch';
import { signV4 } from '../../src/server/sigv4.ts';
import { encodeKeyPath } from '../../src/server/object-key.ts';

/*
 * The handler's own SigV4 signer gives the very signatures aws4fetch (the
 * reference it replaced) gives for the same requests. Miniflare checks them
 * against a real verifier in the integration tests.
 */

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'auto' };
const datetime = '20261123T101744Z';

async function reference(method: string, url: string, headers: Record<string, string>, signQuery: boolean) {
  const signer = new AwsV4Signer({ method, url, headers, ...credentials, service: 's3', signQuery, allHeaders: true, datetime });
  return signer.sign();
}

describe('signV4', () => {
  const keys = ['uploads/a b/résumé (1) + 50%!.pdf', "x/it's*~.txt", 'plain.png'];

  it.each(keys)('presigns a PUT of %s exactly as aws4fetch does', async (key) => {
    const path = `/bucket/${encodeKeyPath(key)}`;
    const query = { partNumber: '3', uploadId: 'up/load=id' };
    const headers = { 'content-type': 'image/png', 'content-length': '42' };
    const ours = await signV4({ ...credentials, endpoint: 'https://acct.r2.cloudflarestorage.com' }, { method: 'PUT', path, query, headers }, { expiresIn: 600, datetime });
    const url = new URL(`https://acct.r2.cloudflarestorage.com${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    url.searchParams.set('X-Amz-Expires', '600');
    const theirs = await reference('PUT', url.href, headers, true);
    const params = new URL(ours.url).searchParams;
    expect(params.get('X-Amz-Signature')).toBe(theirs.url.searchParams.get('X-Amz-Signature'));
    expect(params.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(params.get('X-Amz-Credential')).toBe(`AKIDEXAMPLE/20261123/auto/s3/aws4_request`);
    expect(params.get('uploadId')).toBe('up/load=id');
    expect(ours.url.startsWith(`https://acct.r2.cloudflarestorage.com${path}?`)).toBe(true);
  });

  it('signs a request in its headers exactly as aws4fetch does, with a port and a base path in the endpoint', async () => {
    const endpoint = 'http://127.0.0.1:8787/cdn-cgi/local/r2/s3';
    const query = { 'list-type': '2', prefix: 'users/42/', 'max-keys': '1000', 'continuation-token': 'a+b/c=', delimiter: '/' };
    const ours = await signV4({ ...credentials, endpoint }, { method: 'GET', path: '/bucket', query }, { datetime });
    const url = new URL(`${endpoint}/bucket`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const theirs = await reference('GET', url.href, {}, false);
    expect(ours.headers.authorization).toBe(theirs.headers.get('authorization'));
    expect(ours.headers['x-amz-date']).toBe(datetime);
    expect(ours.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });

  it('sorts the canonical query by name first (a-b after a), as SigV4 requires', async () => {
    const query = { uploads: '', 'a-b': '1', a: '2' };
    const ours = await signV4({ ...credentials, endpoint: 'https://e.test' }, { method: 'POST', path: '/b/k', query, headers: { 'content-type': 'text/plain' } }, { datetime });
    const url = new URL('https://e.test/b/k');
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const theirs = await reference('POST', url.href, { 'content-type': 'text/plain' }, false);
    expect(ours.headers.authorization).toBe(theirs.headers.get('authorization'));
  });

  it('reuses the derived signing key through the cache', async () => {
    const cache = new Map<string, ArrayBuffer>();
    const request = { method: 'GET', path: '/b' };
    const first = await signV4({ ...credentials, endpoint: 'https://e.test', cache }, request, { datetime });
    expect(cache.size).toBe(1);
    expect((await signV4({ ...credentials, endpoint: 'https://e.test', cache }, request, { datetime })).headers.authorization).toBe(first.headers.authorization);
  });
});
