import { corsPolicyFor, wranglerCorsCommand, wranglerCorsPolicyFor, type CorsMethod } from '../core/transport/put-hints.js';
import { encodeKeyPath } from '../server/object-key.js';
import { checkPreflight } from './preflight.js';
import { probeEtag, probeKey } from './etag-probe.js';
import type { DoctorCheck, DoctorOptions, DoctorReport } from './types.js';

function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`"origin" is not a URL: ${origin}`);
  }
  if (url.origin === 'null') throw new TypeError(`"origin" must be an http(s) origin such as https://app.example, not ${origin}`);
  return url.origin;
}

/**
 * Checks a bucket's CORS policy for browser uploads from `origin`, with the
 * requests a browser makes: the PUT preflight with `content-type` and `if-none-match`, a real
 * presigned PUT whose answer must expose `ETag` (unless `probe: false`), and
 * with `list`, the GET and DELETE preflights. When a check fails, `fix` holds
 * the policy that makes every check pass and the command that applies it.
 *
 * @example
 * const report = await checkBucketCors({ endpoint, bucket, accessKeyId, secretAccessKey, origin: 'https://app.example' });
 * if (!report.ok) console.log(report.fix?.command);
 */
export async function checkBucketCors(options: DoctorOptions): Promise<DoctorReport> {
  const origin = normalizeOrigin(options.origin);
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const objectUrl = `${endpoint}/${encodeKeyPath(options.bucket)}/${encodeKeyPath(probeKey())}`;
  const checks: DoctorCheck[] = [await checkPreflight(doFetch, objectUrl, origin, 'PUT', 'content-type,if-none-match')];
  const notes: string[] = [];
  if (options.probe !== false) {
    const { check, note } = await probeEtag({ ...options, endpoint, origin, region: options.region ?? 'auto', doFetch });
    checks.push(check);
    if (note) notes.push(note);
  }
  if (options.list) {
    checks.push(await checkPreflight(doFetch, objectUrl, origin, 'GET'));
    checks.push(await checkPreflight(doFetch, objectUrl, origin, 'DELETE'));
  }
  const ok = checks.every((check) => check.ok);
  // Failures with a hint of their own (credentials, network) are not fixed by a CORS policy.
  const corsFailed = checks.some((check) => !check.ok && check.hint === undefined);
  const methods: CorsMethod[] = options.list ? ['PUT', 'GET', 'HEAD', 'DELETE'] : ['PUT', 'GET', 'HEAD'];
  const report: DoctorReport = { ok, bucket: options.bucket, endpoint, origin, checks, notes };
  if (corsFailed) {
    report.fix = { methods, policy: corsPolicyFor(origin, methods), wranglerFile: wranglerCorsPolicyFor(origin, methods), command: wranglerCorsCommand(options.bucket) };
  }
  return report;
}
