import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBucketCors, formatReport, type DoctorOptions } from '../../src/doctor/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { startS3Proxy, type CorsRule, type S3Proxy } from '../support/s3-proxy.ts';

/*
 * The doctor against a real bucket (Miniflare) behind the test proxy, which
 * plays the bucket's CORS policy: what a real R2 bucket answers to the
 * preflights and the probe upload the doctor sends.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ORIGIN = 'https://app.example';
let r2: LocalR2;
let proxy: S3Proxy;
let options: DoctorOptions;

beforeAll(async () => {
  r2 = await startLocalR2();
  proxy = await startS3Proxy(r2.endpoint);
  options = { endpoint: proxy.endpoint, bucket: r2.bucket, accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, origin: ORIGIN };
});
afterAll(async () => {
  await proxy?.close();
  await r2?.dispose();
});
beforeEach(() => proxy.reset());

const rule = (overrides: Partial<CorsRule> = {}): CorsRule => ({
  AllowedOrigins: [ORIGIN],
  AllowedMethods: ['PUT', 'GET', 'HEAD'],
  AllowedHeaders: ['content-type', 'if-none-match'],
  ExposeHeaders: ['ETag'],
  ...overrides,
});
const outcomes = (report: Awaited<ReturnType<typeof checkBucketCors>>) => Object.fromEntries(report.checks.map((check) => [check.id, check.ok]));

describe('checkBucketCors', () => {
  it('passes a bucket set up as the README says, and leaves nothing behind', async () => {
    proxy.setCors([rule()]);
    const report = await checkBucketCors(options);
    expect(outcomes(report)).toEqual({ 'put-preflight': true, 'etag-exposed': true });
    expect(report).toMatchObject({ ok: true, notes: [] });
    expect(report.fix).toBeUndefined();
    expect(report.checks[1]?.detail).toMatch(/^ETag "[0-9a-f]{32}" is exposed$/);
    // Real requests, as a browser sends them (the proxy answers preflights itself and logs the rest): the probe PUT and its DELETE.
    expect(proxy.requests.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    expect(proxy.requests.every((r) => r.url.pathname.includes('/.r2-uploader-doctor/'))).toBe(true);
    expect(await r2.listKeys()).toEqual([]);
  });

  it('finds a hidden ETag, and the fix exposes it', async () => {
    proxy.setCors([rule({ ExposeHeaders: [] })]);
    const report = await checkBucketCors(options);
    expect(outcomes(report)).toEqual({ 'put-preflight': true, 'etag-exposed': false });
    expect(report.checks[1]?.detail).toBe('the upload worked, but Access-Control-Expose-Headers does not list ETag: the browser cannot read it');
    expect(report.fix?.policy).toEqual([{ ...rule(), MaxAgeSeconds: 3600 }]);
    expect(report.fix?.command).toBe('npx wrangler r2 bucket cors set uploads --file cors.json');
    expect(await r2.listKeys()).toEqual([]);
  });

  it('finds an origin the bucket does not allow', async () => {
    proxy.setCors([rule({ AllowedOrigins: ['https://other.example'] })]);
    const report = await checkBucketCors(options);
    expect(outcomes(report)).toEqual({ 'put-preflight': false, 'etag-exposed': false });
    expect(report.checks[0]?.detail).toBe(`the bucket answered the preflight with 403 and no Access-Control-Allow-Origin: no CORS rule allows PUT from ${ORIGIN}`);
    expect(report.checks[1]?.detail).toContain('no Access-Control-Allow-Origin');
    expect(report.fix?.wranglerFile).toEqual({
      rules: [{ allowed: { origins: [ORIGIN], methods: ['PUT', 'GET', 'HEAD'], headers: ['content-type', 'if-none-match'] }, exposeHeaders: ['ETag'], maxAgeSeconds: 3600 }],
    });
  });

  it('finds content-type missing from the allowed headers', async () => {
    proxy.setCors([rule({ AllowedHeaders: ['x-other'] })]);
    const report = await checkBucketCors(options);
    expect(report.checks[0]).toMatchObject({ ok: false, title: `PUT with content-type and if-none-match is allowed from ${ORIGIN}` });
    expect(report.ok).toBe(false);
  });

  it('with list, checks GET and DELETE too', async () => {
    proxy.setCors([rule()]);
    const report = await checkBucketCors({ ...options, list: true });
    expect(outcomes(report)).toEqual({ 'put-preflight': true, 'etag-exposed': true, 'get-preflight': true, 'delete-preflight': false });
    expect(report.checks[3]?.detail).toContain('no CORS rule allows DELETE');
    expect(report.fix?.methods).toEqual(['PUT', 'GET', 'HEAD', 'DELETE']);

    proxy.setCors([rule({ AllowedMethods: ['PUT', 'GET', 'HEAD', 'DELETE'] })]);
    expect((await checkBucketCors({ ...options, list: true })).ok).toBe(true);
  });

  it('without the probe, writes nothing', async () => {
    proxy.setCors([rule()]);
    const report = await checkBucketCors({ ...options, probe: false });
    expect(outcomes(report)).toEqual({ 'put-preflight': true });
    expect(proxy.requests).toEqual([]);
  });

  it('tells credentials problems apart from CORS problems', async () => {
    proxy.setCors([rule()]);
    const report = await checkBucketCors({ ...options, secretAccessKey: 'wrong' });
    expect(report.checks[1]).toMatchObject({ ok: false, detail: 'the store refused the probe upload (403 SignatureDoesNotMatch), so this could not be checked' });
    expect(report.checks[1]?.hint).toBeDefined();
    // No CORS policy fixes wrong credentials.
    expect(report.fix).toBeUndefined();
  });

  it('prints PASS/FAIL per check and the exact fix', async () => {
    proxy.setCors([rule({ ExposeHeaders: [] })]);
    const text = formatReport(await checkBucketCors(options));
    expect(text).toContain(`  PASS  PUT with content-type and if-none-match is allowed from ${ORIGIN}`);
    expect(text).toContain(`  FAIL  the ETag of an upload is readable by ${ORIGIN}`);
    expect(text).toContain('1 of 2 checks failed.');
    expect(text).toContain('    [\n      {\n        "AllowedOrigins": [\n          "https://app.example"\n        ],');
    expect(text).toContain('"exposeHeaders": [\n            "ETag"\n          ]');
    expect(text).toContain('    npx wrangler r2 bucket cors set uploads --file cors.json');
  });
});

describe('npx r2-uploader doctor', () => {
  const cli = join(root, 'dist/cli.js');
  const run = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const env = () => ({ R2_BUCKET: r2.bucket, R2_ACCESS_KEY_ID: r2.accessKeyId, R2_SECRET_ACCESS_KEY: r2.secretAccessKey });

  beforeAll(async () => {
    // `npm test` builds first; a lone `vitest run` builds here.
    if (!existsSync(cli)) await promisify(execFile)('npm', ['run', 'build'], { cwd: root });
  }, 120_000);

  it('is built plain JS that Node runs as it is, and is the package’s bin', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: r2-uploader doctor --origin <url>');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(resolve(root, pkg.bin['r2-uploader']!)).toBe(cli);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('reads the demo’s variables, passes a good bucket (exit 0) and fails a bad one with the fix (exit 1)', async () => {
    proxy.setCors([rule()]);
    const good = await run(['doctor', '--origin', ORIGIN, '--endpoint', proxy.endpoint], env());
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('All 2 checks passed.');

    proxy.setCors([]);
    const bad = await run(['doctor', '--origin', ORIGIN, '--endpoint', proxy.endpoint, '--list'], env());
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('4 of 4 checks failed.');
    expect(bad.stdout).toContain('npx wrangler r2 bucket cors set uploads --file cors.json');
    expect(bad.stdout).toContain('"DELETE"');
  });

  it('prints JSON with --json', async () => {
    proxy.setCors([rule()]);
    const { code, stdout } = await run(['doctor', '--origin', ORIGIN, '--endpoint', proxy.endpoint, '--no-probe', '--json'], env());
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, bucket: 'uploads', origin: ORIGIN, checks: [{ id: 'put-preflight', ok: true }] });
  });

  it.each([
    ['no command', [], 'Name a command: doctor.'],
    ['no origin', ['doctor', '--endpoint', 'http://127.0.0.1:1'], 'Missing --origin'],
    ['no endpoint or account', ['doctor', '--origin', ORIGIN], 'Missing --endpoint or --account-id'],
    ['an unknown flag', ['doctor', '--origin', ORIGIN, '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('exits 2 with the usage for %s', async (_name, args, message) => {
    const { code, stderr } = await run(args, { R2_BUCKET: 'b', R2_ACCESS_KEY_ID: 'k', R2_SECRET_ACCESS_KEY: 's' });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: r2-uploader doctor');
  });

  it('builds the R2 endpoint from R2_ACCOUNT_ID', async () => {
    // An account id that cannot resolve here: the doctor reports the network failure and exits 1.
    const { code, stdout } = await run(['doctor', '--origin', ORIGIN, '--no-probe'], { ...env(), R2_ACCOUNT_ID: 'acct.invalid' });
    expect(code).toBe(1);
    expect(stdout).toContain('at https://acct.invalid.r2.cloudflarestorage.com');
    expect(stdout).toContain('the preflight got no answer');
  });
});
