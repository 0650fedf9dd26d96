import { createHash, randomBytes } from 'node:crypto';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { AwsClient } from 'aws4fetch';

/** What the dev server tells about its local bucket (local mode only). */
interface LocalBucket {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Reads an object back with its own signed S3 GET, independent of the
 * library's code paths, so a test can compare the bytes in the bucket.
 */
export async function readObject(request: APIRequestContext, key: string): Promise<{ bytes: Buffer; contentType: string | null }> {
  // A fresh connection: after a long upload a kept-alive one may be closing (ECONNRESET).
  const info = (await (await request.get('/__r2-dev/bucket', { headers: { connection: 'close' } })).json()) as LocalBucket;
  const client = new AwsClient({ accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey, service: 's3', region: 'auto' });
  const path = key.split('/').map(encodeRfc3986).join('/');
  const response = await client.fetch(`${info.endpoint}/${info.bucket}/${path}`);
  if (!response.ok) throw new Error(`GET ${key}: ${response.status} ${await response.text()}`);
  return { bytes: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
}

function encodeRfc3986(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Writes `size` random bytes to a temporary file and returns its path and bytes. */
export async function randomFile(name: string, size: number): Promise<{ path: string; bytes: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'r2u-e2e-'));
  const bytes = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, bytes };
}
