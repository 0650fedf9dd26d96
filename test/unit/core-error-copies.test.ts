import { describe, expect, it, vi } from 'vitest';
import { isR2UploadError, R2UploadError, toR2UploadError } from '../../src/core/errors/upload-error.ts';

describe('R2UploadError across copies of the library', () => {
  it('is recognized from another copy (two bundles on a page): instanceof, isR2UploadError and toR2UploadError keep it', async () => {
    vi.resetModules();
    const other = await import('../../src/core/errors/upload-error.ts');
    expect(other.R2UploadError).not.toBe(R2UploadError);
    const foreign = new other.R2UploadError('store_error', 'Refused.', { status: 403, s3Code: 'AccessDenied' });
    expect(foreign instanceof R2UploadError).toBe(true);
    expect(isR2UploadError(foreign, 'store_error')).toBe(true);
    expect(toR2UploadError(foreign)).toBe(foreign);
    expect(new Error('plain') instanceof R2UploadError).toBe(false);
    expect(toR2UploadError(new Error('plain')).code).toBe('network_error');
  });
});
