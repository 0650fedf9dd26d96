import { expect } from 'vitest';
import type { UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import type { LocalR2 } from './local-r2.ts';
import { md5Hex, putTo } from './upload-requests.ts';

/** PUTs `bytes` to a signed target as the client does, and checks the answer's ETag and what the bucket holds: the same bytes, the signed type. */
export async function expectPutStored(r2: LocalR2, target: UploadTarget, bytes: Uint8Array): Promise<void> {
  const put = await putTo(target, bytes);
  expect(put.status, await put.clone().text()).toBe(200);
  expect(put.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`);
  const stored = await r2.getObject(target.key);
  expect(stored?.contentType).toBe(target.headers['content-type']);
  expect(stored && md5Hex(stored.bytes)).toBe(md5Hex(bytes));
}
