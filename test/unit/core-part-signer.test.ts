import { describe, expect, it, vi } from 'vitest';
import type { MultipartBackend, SignPartsRequest } from '../../src/core/protocol/multipart-protocol.ts';
import { createPartSigner } from '../../src/core/multipart/part-signer.ts';
import { isNearExpiry, urlExpiresAt } from '../../src/core/protocol/url-expiry.ts';

const plan = { size: 50, partSize: 5, partCount: 10 };

function fakeBackend(expiresIn = 600) {
  const asked: number[][] = [];
  const signParts = vi.fn(async (request: SignPartsRequest) => {
    asked.push(request.partNumbers);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return {
      parts: request.partNumbers.map((partNumber) => ({
        partNumber,
        url: `https://bucket.test/k?partNumber=${partNumber}&uploadId=u&X-Amz-Expires=${expiresIn}&n=${asked.length}`,
        headers: { 'content-length': '5' },
      })),
    };
  });
  const backend = { signParts } as unknown as MultipartBackend;
  return { backend, asked, signParts };
}

describe('URL expiry', () => {
  it('counts X-Amz-Expires from when the URL arrived, not from the signer clock', () => {
    expect(urlExpiresAt('https://b.test/k?X-Amz-Date=19700101T000000Z&X-Amz-Expires=600', 1_000)).toBe(601_000);
    expect(urlExpiresAt('https://b.test/k', 1_000)).toBe(Number.POSITIVE_INFINITY);
    expect(urlExpiresAt('not a url', 1_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('treats a URL as near expiry with less than a minute, or a quarter of its life, left', () => {
    expect(isNearExpiry(600_000, 600_000, 539_000)).toBe(false);
    expect(isNearExpiry(600_000, 600_000, 541_000)).toBe(true);
    expect(isNearExpiry(10_000, 10_000, 7_400)).toBe(false);
    expect(isNearExpiry(10_000, 10_000, 7_600)).toBe(true);
    expect(isNearExpiry(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1e15)).toBe(false);
  });
});

describe('the part signer', () => {
  const upcoming = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const signal = new AbortController().signal;

  it('signs the parts about to be sent, then the next batch while they go, never all parts up front', async () => {
    const { backend, asked } = fakeBackend();
    // Parts leave the line when their PUT starts, as in the engine.
    const line = [...upcoming];
    const signer = createPartSigner({ backend, upload: { key: 'k', uploadId: 'u', token: 't' }, plan, upcoming: () => line, batchSize: 3 });
    const send = async (partNumber: number) => {
      const part = await signer.get(partNumber, signal);
      line.splice(line.indexOf(partNumber), 1);
      return part;
    };
    expect(asked).toEqual([]);
    const part1 = await send(1);
    expect(part1.url).toContain('partNumber=1');
    // Only 2 and 3 in line have a URL: the next batch is asked for while 1, 2 and 3 go.
    expect(asked).toEqual([[1, 2, 3], [4, 5, 6]]);
    await send(2);
    await send(3);
    expect(asked).toHaveLength(2);
    // 4 takes a URL that is ready (no round trip), and 7 to 9 are signed while 4 to 6 go.
    await send(4);
    expect(asked).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(asked.flat()).not.toContain(10);
  });

  it('asks once for parts requested together, then once for the batch after them', async () => {
    const { backend, asked } = fakeBackend();
    const signer = createPartSigner({ backend, upload: { key: 'k', uploadId: 'u' }, plan, upcoming: () => upcoming, batchSize: 4 });
    const parts = await Promise.all([1, 2, 3, 4].map((n) => signer.get(n, signal)));
    expect(parts.map((part) => part.partNumber)).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
  });

  it('signs again, when their turn comes, the parts of a batch signed ahead that failed', async () => {
    let calls = 0;
    const signParts = vi.fn(async (request: SignPartsRequest) => {
      calls += 1;
      if (calls === 2) throw new Error('The backend blinked.');
      return { parts: request.partNumbers.map((partNumber) => ({ partNumber, url: `https://bucket.test/k?partNumber=${partNumber}&call=${calls}`, headers: {} })) };
    });
    const line = [...upcoming];
    const signer = createPartSigner({ backend: { signParts } as unknown as MultipartBackend, upload: { key: 'k', uploadId: 'u' }, plan, upcoming: () => line, batchSize: 2 });
    await signer.get(1, signal);
    line.splice(0, 1);
    await vi.waitFor(() => expect(signParts).toHaveBeenCalledTimes(2));
    const part3 = await signer.get(3, signal);
    expect(part3.url).toContain('partNumber=3&call=3');
  });

  it('signs again a part whose URL expired, or is about to', async () => {
    let now = 0;
    const { backend, asked } = fakeBackend(600);
    const signer = createPartSigner({ backend, upload: { key: 'k', uploadId: 'u' }, plan, upcoming: () => [], batchSize: 1, now: () => now });
    const first = await signer.get(1, signal);
    signer.invalidate(1);
    const second = await signer.get(1, signal);
    expect(second.url).not.toBe(first.url);
    now = 541_000;
    await signer.get(1, signal);
    expect(asked).toEqual([[1], [1], [1]]);
  });

  it('sends the upload reference, size and part size with every batch', async () => {
    const { backend, signParts } = fakeBackend();
    const signer = createPartSigner({ backend, upload: { key: 'k', uploadId: 'u', token: 't' }, plan, upcoming: () => [], batchSize: 200 });
    await signer.get(10, signal);
    expect(signParts).toHaveBeenCalledWith({ key: 'k', uploadId: 'u', token: 't', size: 50, partSize: 5, partNumbers: [10] }, { signal });
  });
});
