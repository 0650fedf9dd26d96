import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkFile, type FileRules } from '../../src/core/policy/rules.ts';
import type { R2UploadHandlerOptions } from '../../src/server/index.ts';
import { offlineHandler } from '../support/offline-handler.ts';
import { askForUpload, refusalFrom, targetFrom } from '../support/upload-requests.ts';

/* The handler enforces the client's rules itself, whatever the client sends; no store is contacted. */

const handlerFor = offlineHandler;
const png = { filename: 'a.png', contentType: 'image/png', size: 10 };

afterEach(() => vi.restoreAllMocks());

async function codeOf(response: Response): Promise<string> {
  if (response.status === 200) return 'signed';
  const { body } = await refusalFrom(response);
  return body.error.code;
}

describe('the same rules as the client', () => {
  const rules: FileRules = { accept: 'image/*, .pdf', maxFileSize: 1000, minFileSize: 1 };
  const handler = handlerFor({ accept: 'image/*, .pdf', maxFileSize: 1000, minFileSize: 1 });
  const files: Array<[string, string, number]> = [
    ['cat.png', 'image/png', 10],
    ['cat.png', 'image/png', 1000],
    ['cat.png', 'image/png', 1001],
    ['cat.png', 'image/png', 0],
    ['doc.pdf', 'application/pdf', 10],
    ['doc.pdf', 'text/html', 10],
    ['page.html', 'text/html', 10],
    ['invoice.html', 'image/png', 10],
    ['photo', 'image/jpeg', 10],
    ['data.bin', 'application/octet-stream', 10],
  ];
  it.each(files)('%s typed %s, %d bytes: the handler answers what checkFile says', async (filename, contentType, size) => {
    const expected = checkFile({ name: filename, type: contentType, size }, rules)?.reason ?? 'signed';
    expect(await codeOf(await askForUpload(handler, { filename, contentType, size }))).toBe(expected);
  });

  it('answers each refusal with its status and the client’s message', async () => {
    const refusal = async (body: object) => refusalFrom(await askForUpload(handler, { ...png, ...body }));
    expect(await refusal({ size: 1001 })).toMatchObject({ status: 413, body: { error: { code: 'file_too_large', message: 'Files may be at most 1000 bytes, and this one is 1001 bytes.' } } });
    expect(await refusal({ size: 0 })).toMatchObject({ status: 422, body: { error: { code: 'file_too_small', message: 'Files must be at least 1 byte, and this one is empty.' } } });
    expect(await refusal({ contentType: 'text/html', filename: 'a.html' })).toMatchObject({ status: 415, body: { error: { code: 'content_type_not_allowed' } } });
    expect(await refusal({ filename: 'a.html' })).toMatchObject({ status: 415, body: { error: { code: 'type_mismatch' } } });
  });

  it('keeps allowedContentTypes, added to accept', async () => {
    const both = handlerFor({ accept: '.pdf', allowedContentTypes: ['image/*'] });
    expect(await codeOf(await askForUpload(both, png))).toBe('signed');
    expect(await codeOf(await askForUpload(both, { filename: 'a.pdf', contentType: 'application/pdf', size: 1 }))).toBe('signed');
    const refused = await refusalFrom(await askForUpload(both, { filename: 'a.txt', contentType: 'text/plain', size: 1 }));
    expect(refused.body.error.message).toBe('Files of type text/plain are not accepted (accepted: .pdf, image/*).');
  });
});

describe('validate', () => {
  it('refuses with 422 and its message, after the rules and before signing', async () => {
    const validate = vi.fn((upload: { filename: string }, request: Request) => (request.headers.get('x-quota') === 'full' ? `No room for ${upload.filename}.` : undefined));
    const handler = handlerFor({ validate, maxFileSize: 100 });
    expect(await refusalFrom(await askForUpload(handler, png, { headers: { 'x-quota': 'full' } }))).toMatchObject({
      status: 422,
      body: { error: { code: 'validation_failed', message: 'No room for a.png.' } },
    });
    await targetFrom(await askForUpload(handler, png));
    expect(await codeOf(await askForUpload(handler, { ...png, size: 101 }))).toBe('file_too_large');
    expect(validate).toHaveBeenCalledTimes(2);
    expect(validate).toHaveBeenLastCalledWith(png, expect.any(Request));
  });

  it('never runs for a caller authorize refused', async () => {
    const validate = vi.fn(() => undefined);
    const handler = handlerFor({ validate, authorize: () => false });
    expect(await codeOf(await askForUpload(handler, png))).toBe('unauthorized');
    expect(validate).not.toHaveBeenCalled();
  });

  it('that throws is a 500 without details', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = handlerFor({ validate: async () => { throw new Error('db password hunter2'); } });
    const refusal = await refusalFrom(await askForUpload(handler, png));
    expect(refusal).toMatchObject({ status: 500, body: { error: { code: 'internal_error' } } });
    expect(JSON.stringify(refusal.body)).not.toContain('hunter2');
  });
});

describe('allowedOrigins (CSRF)', () => {
  const authorize = vi.fn(() => true);
  const handler = handlerFor({ allowedOrigins: ['https://app.example', 'http://localhost:5173'], authorize });

  it('signs for an allowed Origin', async () => {
    await targetFrom(await askForUpload(handler, png, { headers: { origin: 'https://app.example' } }));
    await targetFrom(await askForUpload(handler, png, { headers: { origin: 'http://localhost:5173' } }));
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }, 'Requests from https://evil.example are not allowed.'],
    ['a look-alike', { origin: 'https://app.example.evil.example' }, 'Requests from https://app.example.evil.example are not allowed.'],
    ['another scheme', { origin: 'http://app.example' }, 'Requests from http://app.example are not allowed.'],
    ['a sandboxed page', { origin: 'null' }, 'Requests from null are not allowed.'],
    ['no Origin at all', {}, 'The request has no Origin header.'],
  ])('refuses %s with 403, before authorize runs or the body is read', async (_name, headers, message) => {
    authorize.mockClear();
    const refusal = await refusalFrom(await askForUpload(handler, 'not json', { headers, raw: true }));
    expect(refusal).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed', message } } });
    expect(authorize).not.toHaveBeenCalled();
  });

  it('leaves reads alone: browsers send no Origin on same-origin GETs', async () => {
    const response = await handler(new Request('http://app.test/api/upload', { method: 'GET' }));
    expect(response.status).toBe(405);
  });

  it.each([['app.example'], ['https://app.example/path'], ['https://*.example'], ['*']])('refuses the misconfigured entry %j (500, logged)', async (entry) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const refusal = await refusalFrom(await askForUpload(handlerFor({ allowedOrigins: [entry] }), png, { headers: { origin: 'https://app.example' } }));
    expect(refusal).toMatchObject({ status: 500, body: { error: { code: 'server_misconfigured' } } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('allowedOrigins'));
  });
});

describe('misconfigured rules', () => {
  it.each([
    ['an accept entry that can never match', { accept: 'image' }, 'accept'],
    ['a negative minFileSize', { minFileSize: -1 }, 'minFileSize'],
    ['a validate that is not a function', { validate: 'yes' as unknown as R2UploadHandlerOptions['validate'] }, 'validate'],
  ])('%s is a 500 naming the option in the log', async (_name, options, option) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await codeOf(await askForUpload(handlerFor(options), png))).toBe('server_misconfigured');
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`"${option}"`));
  });
});
