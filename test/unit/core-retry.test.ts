import { describe, expect, it, vi } from 'vitest';
import { R2UploadError } from '../../src/core/errors/upload-error.ts';
import { parseRetryAfter } from '../../src/core/errors/retry-after.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, isExpiredUrl, isRetryable, resolveRetryPolicy } from '../../src/core/policy/retry-policy.ts';
import { withRetries } from '../../src/core/policy/with-retries.ts';

const policy = { attempts: 6, baseDelay: 500, maxDelay: 30_000 };
const almostOne = () => 0.999_999;

describe('the backoff schedule', () => {
  it('doubles its ceiling for each retry, from baseDelay up to maxDelay', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, policy, undefined, almostOne));
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999]);
  });

  it('waits a random time between 0 and the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, undefined, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, undefined, () => 0.5)).toBe(1000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, policy)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) expect(delay).toBeLessThan(4000);
  });

  it('uses Retry-After instead, within the same cap', () => {
    expect(backoffDelay(1, policy, 7000, () => 0)).toBe(7000);
    expect(backoffDelay(1, policy, 120_000)).toBe(30_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('applies defaults, and `false` never retries', () => {
    expect(resolveRetryPolicy(undefined)).toEqual(DEFAULT_RETRY_POLICY);
    expect(resolveRetryPolicy(false).attempts).toBe(1);
    expect(resolveRetryPolicy({ attempts: 0, baseDelay: -5, maxDelay: 100 })).toEqual({ attempts: 1, baseDelay: 0, maxDelay: 100 });
  });
});

describe('what is retried', () => {
  const store = (status: number, s3Code?: string) => new R2UploadError('store_error', 'x', { status, s3Code });
  const backend = (status: number) => new R2UploadError('backend_error', 'x', { status });

  it.each([
    ['a network error', new R2UploadError('network_error', 'x'), true],
    ['an unreachable backend', new R2UploadError('backend_unreachable', 'x'), true],
    ['a 500 from the store', store(500, 'InternalError'), true],
    ['a 503 from the store', store(503), true],
    ['a 429 SlowDown', store(429, 'SlowDown'), true],
    ['a 400 RequestTimeout', store(400, 'RequestTimeout'), true],
    ['a 502 from the backend', backend(502), true],
    ['a 429 from the backend', backend(429), true],
    ['a 501 from the backend', backend(501), false],
    ['a 403 SignatureDoesNotMatch', store(403, 'SignatureDoesNotMatch'), false],
    ['a 403 ExpiredRequest (re-signed instead)', store(403, 'ExpiredRequest'), false],
    ['a 413 from the backend', backend(413), false],
    ['a hidden ETag', new R2UploadError('etag_not_exposed', 'x'), false],
    ['an integrity mismatch', new R2UploadError('integrity_mismatch', 'x'), false],
    ['a cancel', new R2UploadError('canceled', 'x'), false],
  ])('%s: %s', (_name, error, retryable) => {
    expect(isRetryable(error)).toBe(retryable);
  });

  it('recognizes an expired URL', () => {
    expect(isExpiredUrl(store(403, 'ExpiredRequest'))).toBe(true);
    expect(isExpiredUrl(new R2UploadError('store_error', 'Request has expired', { status: 403 }))).toBe(true);
    expect(isExpiredUrl(store(403, 'AccessDenied'))).toBe(false);
  });
});

describe('withRetries', () => {
  const fast = { attempts: 4, baseDelay: 1, maxDelay: 5 };
  const signal = () => new AbortController().signal;

  it('retries transient failures, reporting each attempt, until one succeeds', async () => {
    const run = vi
      .fn<(attempt: number) => Promise<string>>()
      .mockRejectedValueOnce(new R2UploadError('network_error', 'offline'))
      .mockRejectedValueOnce(new R2UploadError('store_error', 'busy', { status: 503 }))
      .mockResolvedValue('ok');
    const onRetry = vi.fn();
    const onAttempt = vi.fn();
    await expect(withRetries(run, { policy: fast, signal: signal(), onRetry, onAttempt })).resolves.toBe('ok');
    expect(run.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
    expect(onRetry.mock.calls.map(([attempt, error]) => [attempt, (error as R2UploadError).code])).toEqual([
      [2, 'network_error'],
      [3, 'store_error'],
    ]);
    expect(onAttempt.mock.calls).toEqual([[2], [3]]);
  });

  it('throws a final failure at once, and the last transient one after the attempts run out', async () => {
    const refused = vi.fn().mockRejectedValue(new R2UploadError('store_error', 'no', { status: 403, s3Code: 'AccessDenied' }));
    await expect(withRetries(refused, { policy: fast, signal: signal() })).rejects.toMatchObject({ s3Code: 'AccessDenied' });
    expect(refused).toHaveBeenCalledTimes(1);
    const busy = vi.fn().mockRejectedValue(new R2UploadError('store_error', 'busy', { status: 503 }));
    await expect(withRetries(busy, { policy: fast, signal: signal() })).rejects.toMatchObject({ status: 503 });
    expect(busy).toHaveBeenCalledTimes(4);
  });

  it('re-signs an expired URL without waiting, a few times at most', async () => {
    const expired = new R2UploadError('store_error', 'expired', { status: 403, s3Code: 'ExpiredRequest' });
    const onStaleUrl = vi.fn();
    const onRetry = vi.fn();
    const run = vi.fn().mockRejectedValueOnce(expired).mockResolvedValue('ok');
    await expect(withRetries(run, { policy: fast, signal: signal(), onStaleUrl, onRetry })).resolves.toBe('ok');
    expect(onStaleUrl).toHaveBeenCalledTimes(1);
    expect(onRetry).toHaveBeenCalledWith(2, expired, 0);
    const always = vi.fn().mockRejectedValue(expired);
    await expect(withRetries(always, { policy: { ...fast, attempts: 100 }, signal: signal(), onStaleUrl })).rejects.toBe(expired);
    expect(always).toHaveBeenCalledTimes(4);
  });

  it('re-signs after a 412 on a retry (the first attempt stored the object, its answer was lost), but a 412 on the first attempt is final', async () => {
    const lost = new R2UploadError('network_error', 'The connection closed.');
    const exists = new R2UploadError('store_error', 'exists', { status: 412, s3Code: 'PreconditionFailed' });
    const onStaleUrl = vi.fn();
    const run = vi.fn().mockRejectedValueOnce(lost).mockRejectedValueOnce(exists).mockResolvedValue('ok');
    await expect(withRetries(run, { policy: fast, signal: signal(), onStaleUrl })).resolves.toBe('ok');
    expect(onStaleUrl).toHaveBeenCalledWith(exists);
    const taken = vi.fn().mockRejectedValue(exists);
    await expect(withRetries(taken, { policy: fast, signal: signal(), onStaleUrl })).rejects.toBe(exists);
    expect(taken).toHaveBeenCalledTimes(1);
  });

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController();
    const run = vi.fn().mockRejectedValue(new R2UploadError('network_error', 'offline'));
    const retrying = withRetries(run, { policy: { attempts: 5, baseDelay: 60_000, maxDelay: 60_000 }, signal: controller.signal, onRetry: () => controller.abort() });
    await expect(retrying).rejects.toMatchObject({ code: 'canceled' });
    expect(run).toHaveBeenCalledTimes(1);
  });
});
