import { parseS3Error } from '../core/errors/s3-error.js';
import { HttpError } from './http-error.js';

/**
 * A 502 for a store that refused the handler's own request. The S3 code is
 * worth showing (`SignatureDoesNotMatch` points at the credentials); the
 * store's message goes to the log only.
 */
export async function storeError(response: Response, doing: string): Promise<HttpError> {
  const body = await response.text().catch(() => '');
  const s3 = parseS3Error(body);
  console.error(`r2-uploader: the store refused to ${doing}: ${response.status} ${s3 ? `${s3.code} ${s3.message ?? ''}` : body.slice(0, 200)}`);
  return new HttpError(502, 'store_error', `The store refused to ${doing} (${response.status}${s3 ? ` ${s3.code}` : ''}).`);
}
