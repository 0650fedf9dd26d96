import { AwsV4Signer } from 'aws4fetch';
import { decodeXmlEntities, parseS3Error } from '../core/s3-error.js';
import type { ResolvedConfig } from './config.js';
import { HttpError } from './http-error.js';
import { encodeKeyPath, encodeRfc3986 } from './object-key.js';

/** One S3 API call the server makes itself (the multipart calls that are not presigned). */
export interface S3Call {
  method: 'GET' | 'POST' | 'DELETE';
  key: string;
  /** Query parameters; `''` for a bare flag such as `uploads`. */
  query: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** The store's answer. */
export interface S3Answer {
  status: number;
  text: string;
  headers: Headers;
}

/**
 * Signs (SigV4, header-signed) and sends one S3 request. The URL is assembled
 * in the RFC 3986 form SigV4 canonicalizes, as for presigned URLs (see sign.ts).
 * A store that cannot be reached is a 502 for the client, which retries it.
 */
export async function callS3(config: ResolvedConfig, call: S3Call): Promise<S3Answer> {
  const path = `/${encodeRfc3986(config.bucket)}/${encodeKeyPath(call.key)}`;
  const query = Object.entries(call.query)
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join('&');
  const url = `${config.endpoint}${path}${query ? `?${query}` : ''}`;
  const signer = new AwsV4Signer({
    method: call.method,
    url,
    headers: call.headers ?? {},
    ...(call.body === undefined ? {} : { body: call.body }),
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    service: 's3',
    region: config.region,
    cache: config.signingKeyCache,
  });
  const signed = await signer.sign();
  let response: Response;
  try {
    // The string, not the signer's URL object: workerd's legacy URL re-serializes `%27 %21 %28 %29` as `' ! ( )`.
    response = await fetch(url, { method: signed.method, headers: signed.headers, ...(call.body === undefined ? {} : { body: call.body }) });
  } catch (error) {
    console.error('r2-uploader: the store could not be reached', error);
    throw new HttpError(502, 'store_unreachable', 'The storage service could not be reached; try again.');
  }
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** What each S3 refusal means to the client: a status and a code it can act on. */
const refusals: Readonly<Record<string, [number, string, string]>> = {
  NoSuchUpload: [404, 'no_such_upload', 'The multipart upload does not exist: it was completed, aborted, or expired.'],
  InvalidPart: [400, 'invalid_part', 'A part is missing from the store, or its ETag does not match.'],
  InvalidPartOrder: [400, 'invalid_part', 'The parts are not in ascending order.'],
  EntityTooSmall: [400, 'invalid_part', 'A part other than the last is smaller than 5 MiB.'],
  NotImplemented: [501, 'not_implemented', 'The storage service does not implement this operation.'],
};

/**
 * Turns a failed S3 answer into the `HttpError` the client gets: refusals it
 * can act on keep their meaning, throttling and 5xx become a 503 it retries
 * (with the store's `Retry-After`), and anything else (wrong credentials, a
 * missing bucket) is the operator's to fix: logged, and a 500 for the client.
 */
export function s3Failure(answer: S3Answer, operation: string): HttpError {
  const s3 = parseS3Error(answer.text);
  const refusal = s3 ? refusals[s3.code] : undefined;
  if (refusal) return new HttpError(refusal[0], refusal[1], refusal[2]);
  if (answer.status >= 500 || answer.status === 429 || s3?.code === 'SlowDown') {
    const retryAfter = answer.headers.get('retry-after');
    return new HttpError(503, 'store_unavailable', 'The storage service is busy; try again.', retryAfter ? { 'retry-after': retryAfter } : {});
  }
  console.error(`r2-uploader: ${operation} failed: ${answer.status} ${s3?.code ?? ''} ${s3?.message ?? answer.text.slice(0, 200)}`);
  return new HttpError(500, 'store_error', `The storage service refused ${operation}; see the server log.`);
}

/** The text of every `<tag>` in an XML body, entities decoded. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => decodeXmlEntities((match[1] ?? '').trim()));
}

/** The text of the first `<tag>`, entities decoded. */
export function xmlValue(xml: string, tag: string): string | undefined {
  return xmlValues(xml, tag)[0];
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
