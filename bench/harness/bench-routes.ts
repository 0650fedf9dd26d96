import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BENCH_ROUTES,
  runPrefix,
  type SignBatchRequest,
  type SignBatchResponse,
  type SignPartsRequest,
  type SignPartsResponse,
  type SignS3Request,
  type SignS3Response,
} from '../shared/protocol.ts';
import { presignS3, type SigningTarget } from './s3-presign.ts';

/**
 * The baselines' backend: plain aws4fetch signing, no validation beyond what
 * keeps a run's keys under its prefix. It is what a hand-written backend
 * does, so the library's handler is compared with the practical minimum.
 */

const RUN_ID = /^[a-z0-9-]{1,64}$/;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** A run's keys must stay under `runs/<id>/`: that is how the harness checks what arrived. */
function assertRunKey(key: string): void {
  if (!/^runs\/[a-z0-9-]{1,64}\/[^/]/.test(key) || key.includes('..')) throw new TypeError(`Key outside a run: ${key}`);
}

async function signBatch(target: SigningTarget, body: SignBatchRequest): Promise<SignBatchResponse> {
  if (!RUN_ID.test(body.runId)) throw new TypeError('Bad runId.');
  const targets = await Promise.all(
    body.files.map(async (file, index) => {
      const key = `${runPrefix(body.runId)}/${index}-${file.filename}`;
      const headers = { 'content-type': file.contentType, 'content-length': String(file.size) };
      return { url: await presignS3(target, { method: 'PUT', key }, headers), headers, key };
    }),
  );
  return { targets };
}

async function signS3(target: SigningTarget, body: SignS3Request): Promise<SignS3Response> {
  assertRunKey(body.key);
  return { url: await presignS3(target, body) };
}

async function signParts(target: SigningTarget, body: SignPartsRequest): Promise<SignPartsResponse> {
  assertRunKey(body.key);
  const numbers = Array.from({ length: body.partCount }, (_, i) => i + 1);
  const urls = await Promise.all(numbers.map((partNumber) => presignS3(target, { method: 'PUT', key: body.key, uploadId: body.uploadId, partNumber })));
  return { urls };
}

type Route = (target: SigningTarget, body: never) => Promise<unknown>;

const routes: Record<string, Route> = {
  [BENCH_ROUTES.signBatch]: signBatch,
  [BENCH_ROUTES.signS3]: signS3,
  [BENCH_ROUTES.signParts]: signParts,
};

/** Answers a bench signing route; returns false when `path` is none of them. */
export function benchRoute(target: SigningTarget, path: string, req: IncomingMessage, res: ServerResponse): boolean {
  const route = routes[path];
  if (!route) return false;
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'POST only' });
    return true;
  }
  readJson(req)
    .then((body) => route(target, body as never))
    .then((answer) => sendJson(res, 200, answer))
    .catch((error: unknown) => sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) }));
  return true;
}
