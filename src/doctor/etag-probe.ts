import { AwsClient } from 'aws4fetch';
import { storeErrorHint } from '../core/transport/put-hints.js';
import { parseS3Error } from '../core/errors/s3-error.js';
import { encodeKeyPath } from '../server/object-key.js';
import { presignPut } from '../server/sign.js';
import type { DoctorCheck, DoctorOptions } from './types.js';

const PROBE_BODY = 'r2-uploader doctor probe: safe to delete\n';

/** Where probes go: a prefix of their own, so a leftover is easy to recognize. */
export function probeKey(): string {
  return `.r2-uploader-doctor/${crypto.randomUUID()}.txt`;
}

function exposesEtag(headers: Headers): boolean {
  const exposed = (headers.get('access-control-expose-headers') ?? '').split(',').map((name) => name.trim().toLowerCase());
  return exposed.includes('etag') || exposed.includes('*');
}

/**
 * Uploads a tiny object exactly as the browser will (a presigned PUT that
 * signs content-type and content-length, sent with the page's Origin), reads
 * the CORS headers of the answer, then deletes the object. A preflight cannot
 * tell this: ETag is exposed (or not) on the PUT's own answer, by the rule
 * that matches PUT.
 */
export async function probeEtag(options: Required<Pick<DoctorOptions, 'endpoint' | 'bucket' | 'accessKeyId' | 'secretAccessKey' | 'origin'>> & {
  region: string;
  doFetch: typeof fetch;
}): Promise<{ check: DoctorCheck; note?: string }> {
  const { origin, doFetch } = options;
  const title = `the ETag of an upload is readable by ${origin}`;
  const key = probeKey();
  const bytes = new TextEncoder().encode(PROBE_BODY);
  const url = await presignPut({ ...options, key, headers: { 'content-type': 'text/plain' }, size: bytes.byteLength, expiresIn: 60 });
  let response: Response;
  try {
    response = await doFetch(url, { method: 'PUT', headers: { origin, 'content-type': 'text/plain' }, body: bytes });
  } catch (error) {
    return { check: { id: 'etag-exposed', title, ok: false, detail: `the probe upload got no answer (${(error as Error).message})`, hint: 'Check the endpoint and the network.' } };
  }
  const text = await response.text();
  if (!response.ok) {
    const s3 = parseS3Error(text);
    const detail = `the store refused the probe upload (${response.status}${s3 ? ` ${s3.code}` : ''}), so this could not be checked`;
    return { check: { id: 'etag-exposed', title, ok: false, detail, hint: storeErrorHint(s3?.code) ?? 'Check the credentials: they need Object Read & Write on the bucket.' } };
  }
  const allowOrigin = response.headers.get('access-control-allow-origin');
  let problem: string | undefined;
  if (allowOrigin !== '*' && allowOrigin !== origin) problem = `the upload's answer has ${allowOrigin === null ? 'no Access-Control-Allow-Origin' : `Access-Control-Allow-Origin ${allowOrigin}`}: the browser cannot read it at all`;
  else if (!exposesEtag(response.headers)) problem = 'the upload worked, but Access-Control-Expose-Headers does not list ETag: the browser cannot read it';
  const check: DoctorCheck = { id: 'etag-exposed', title, ok: problem === undefined, detail: problem ?? `ETag ${response.headers.get('etag') ?? ''} is exposed`.trim() };
  const client = new AwsClient({ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, service: 's3', region: options.region, retries: 0 });
  const deleted = await client
    .sign(`${options.endpoint}/${encodeKeyPath(options.bucket)}/${encodeKeyPath(key)}`, { method: 'DELETE' })
    .then(doFetch)
    .then(async (answer) => (await answer.body?.cancel(), answer.ok))
    .catch(() => false);
  return deleted ? { check } : { check, note: `The probe object ${key} could not be deleted; delete it by hand.` };
}
