import { loadUrlChecks } from './lazy-kits.js';
import type { FileRules } from './rules.js';
import type { UploadUrlPolicy } from './url-checks.js';
import type { R2UploadWarning } from './warnings.js';

/**
 * Checks an upload URL before anything is sent to it, as `checkUploadUrl`
 * does, loading those checks only when they could find something: a URL that
 * is not `https:`, that names a CRC32 checksum, or an uploader that confines
 * origins or wants Content-Type signed. An `https:` URL without a checksum,
 * under no such option, passes them all, so most uploads never load them.
 */
export async function screenUploadUrl(url: string, size: number, policy: UploadUrlPolicy & Pick<FileRules, 'accept'>): Promise<R2UploadWarning[]> {
  const full =
    !url.startsWith('https://') ||
    /crc32/i.test(url) ||
    policy.allowedUploadOrigins !== undefined ||
    (policy.requireSignedContentType ?? policy.accept !== undefined);
  return full ? (await loadUrlChecks()).checkUploadUrl(url, size, policy) : [];
}
