import { canceledError } from '../errors/upload-error.js';
import type { StoredUpload, UploadTarget } from '../protocol/upload-protocol.js';
import { inSlot, visibleRetries, type TransferContext } from './transfer-context.js';
import { isNearExpiry, urlExpiresAt } from '../protocol/url-expiry.js';
import { withRetries } from '../policy/with-retries.js';
import { putWithXhr } from '../transport/xhr-put.js';

/** Asks the backend (or the app's `getUploadUrl`) for a presigned PUT. */
export type GetTarget = (signal: AbortSignal) => Promise<UploadTarget>;

interface SignedTarget {
  target: UploadTarget;
  headers: Record<string, string>;
  contentType: string;
  expiresAt: number;
  lifetime: number;
}

/** Header names are case-insensitive; lower-casing them once avoids sending one twice. */
function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Uploads a file with one presigned PUT, holding one pool connection per
 * attempt (for signing, then sending). Transient failures are retried with
 * backoff; a URL that expired, or would expire before a retry starts, is
 * signed again. With `verify`, the ETag is checked against the file's MD5,
 * computed while the upload runs.
 */
export async function uploadSingle(context: TransferContext, getTarget: GetTarget): Promise<StoredUpload> {
  const { upload, signal } = context;
  let signed: SignedTarget | undefined;
  const md5 = context.verify ? context.integrity().then((integrity) => integrity.blobMd5(upload.file, signal)) : undefined;
  // Settled later; never left to reject unobserved when the upload fails first.
  md5?.catch(() => undefined);

  const sign = async (): Promise<SignedTarget> => {
    if (!context.dispatch({ type: 'sign' })) throw canceledError();
    const target = await getTarget(signal);
    const receivedAt = Date.now();
    // The Content-Type sent must be the one that was signed, whatever the file claims.
    const signedHeaders = lowerCaseKeys(target.headers);
    const contentType = signedHeaders['content-type'] ?? upload.type;
    if (!context.dispatch({ type: 'signed', key: target.key, contentType, mode: 'single' })) throw canceledError();
    const expiresAt = urlExpiresAt(target.url, receivedAt);
    return { target, headers: { ...signedHeaders, 'content-type': contentType }, contentType, expiresAt, lifetime: expiresAt - receivedAt };
  };

  const { etag } = await withRetries(
    () =>
      inSlot(context, 'single', async (slot) => {
        if (!signed || isNearExpiry(signed.expiresAt, signed.lifetime)) signed = await sign();
        const { target, headers } = signed;
        return putWithXhr({
          url: target.url,
          method: target.method,
          headers,
          body: upload.file,
          signal,
          stallTimeout: context.stallTimeout,
          onProgress: (loaded) => void context.dispatch({ type: 'progress', loaded }),
          onReport: slot.report,
        });
      }),
    {
      ...visibleRetries(context, { count: 0 }),
      onStaleUrl: () => {
        signed = undefined;
      },
    },
  );
  if (!signed) throw canceledError();
  if (md5) (await context.integrity()).checkSingleEtag(etag, await md5);
  const { key, completion } = signed.target;
  return { key, etag, size: upload.file.size, contentType: signed.contentType, ...(completion ? { completion } : {}) };
}
