import { callApp } from '../errors/app-callback.js';
import { isRecord } from './is-record.js';
import { postToBackend, type BackendOptions } from './backend-fetch.js';
import { withBackendTimeout } from './backend-timeout.js';
import {
  invalidMultipartAnswer as invalid,
  MULTIPART_ACTIONS,
  type CompleteMultipartAnswer,
  type ListPartsAnswer,
  type MultipartBackend,
  type MultipartCallContext,
  type MultipartUpload,
  type SignPartsAnswer,
  type SignedPart,
  type UploadedPart,
} from './multipart-protocol.js';


const isPartNumber = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isStringRecord = (value: unknown): value is Record<string, string> =>
  isRecord(value) && Object.values(value).every((entry) => typeof entry === 'string');

/** Checks the answer to `multipart-create`. */
export function parseMultipartUpload(value: unknown): MultipartUpload {
  if (!isRecord(value)) throw invalid('The backend answered multipart-create with something other than a JSON object.');
  const { key, uploadId, partSize, token, completion } = value;
  if (!isNonEmptyString(key) || !isNonEmptyString(uploadId)) throw invalid('The backend answered multipart-create without a "key" and an "uploadId".');
  if (!Number.isSafeInteger(partSize) || (partSize as number) <= 0) throw invalid('The backend answered multipart-create without a "partSize".');
  if (token !== undefined && typeof token !== 'string') throw invalid('The backend answered multipart-create with a "token" that is not a string.');
  if (completion !== undefined && typeof completion !== 'string') throw invalid('The backend answered multipart-create with a "completion" that is not a string.');
  return { key, uploadId, partSize: partSize as number, ...(token === undefined ? {} : { token }), ...(completion === undefined ? {} : { completion }) };
}

function parseSignedPart(value: unknown): SignedPart {
  if (!isRecord(value) || !isPartNumber(value.partNumber) || !isNonEmptyString(value.url) || !URL.canParse(value.url)) {
    throw invalid('The backend answered multipart-sign-parts with a part that lacks a "partNumber" or a valid "url".');
  }
  const headers = value.headers ?? {};
  if (!isStringRecord(headers)) throw invalid('The backend answered multipart-sign-parts with "headers" that are not an object of strings.');
  return { partNumber: value.partNumber, url: value.url, headers };
}

/** Checks the answer to `multipart-sign-parts`, and that it signed every part asked for. */
export function parseSignParts(value: unknown, asked: readonly number[]): SignPartsAnswer {
  if (!isRecord(value) || !Array.isArray(value.parts)) throw invalid('The backend answered multipart-sign-parts without "parts".');
  const parts = value.parts.map(parseSignedPart);
  const missing = asked.filter((number) => !parts.some((part) => part.partNumber === number));
  if (missing.length > 0) throw invalid(`The backend did not sign part(s) ${missing.join(', ')}.`);
  return { parts };
}

function parseUploadedPart(value: unknown): UploadedPart {
  if (!isRecord(value) || !isPartNumber(value.partNumber) || !isNonEmptyString(value.etag) || !Number.isSafeInteger(value.size)) {
    throw invalid('The backend answered multipart-list-parts with a part that lacks "partNumber", "etag" or "size".');
  }
  return { partNumber: value.partNumber, etag: value.etag, size: value.size as number };
}

/** Checks the answer to `multipart-list-parts`. */
export function parseListParts(value: unknown): ListPartsAnswer {
  if (!isRecord(value) || !Array.isArray(value.parts)) throw invalid('The backend answered multipart-list-parts without "parts".');
  return { parts: value.parts.map(parseUploadedPart) };
}

/** Checks the answer to `multipart-complete`. */
export function parseCompleteAnswer(value: unknown): CompleteMultipartAnswer {
  if (!isRecord(value) || !isNonEmptyString(value.key) || !isNonEmptyString(value.etag)) {
    throw invalid('The backend answered multipart-complete without a "key" and an "etag".');
  }
  return { key: value.key, etag: value.etag };
}

/** The multipart operations over the JSON protocol: `POST <endpoint>?action=multipart-…`. */
export function createEndpointMultipartBackend(options: BackendOptions): MultipartBackend {
  const post = (action: string, body: object, signal: AbortSignal) => postToBackend(options, body, signal, invalid, action);
  return {
    async create(request, { signal }) {
      return parseMultipartUpload(await post(MULTIPART_ACTIONS.create, request, signal));
    },
    async signParts(request, { signal }) {
      return parseSignParts(await post(MULTIPART_ACTIONS.signParts, request, signal), request.partNumbers);
    },
    async listParts(request, { signal }) {
      return parseListParts(await post(MULTIPART_ACTIONS.listParts, request, signal));
    },
    async complete(request, { signal }) {
      return parseCompleteAnswer(await post(MULTIPART_ACTIONS.complete, request, signal));
    },
    async abort(request, { signal }) {
      await post(MULTIPART_ACTIONS.abort, request, signal);
    },
  };
}

/** Wraps an app's own multipart functions so their answers are checked like JSON answers. */
export function checkedMultipartBackend(backend: MultipartBackend): MultipartBackend {
  const listParts = backend.listParts?.bind(backend);
  const call = <T>(name: string, run: () => Promise<T>) => callApp(`multipartBackend.${name}`, run);
  return {
    create: async (request, context) => parseMultipartUpload(await call('create', () => backend.create(request, context))),
    signParts: async (request, context) => parseSignParts(await call('signParts', () => backend.signParts(request, context)), request.partNumbers),
    ...(listParts ? { listParts: async (request, context) => parseListParts(await call('listParts', () => listParts(request, context))) } : {}),
    complete: async (request, context) => parseCompleteAnswer(await call('complete', () => backend.complete(request, context))),
    abort: (request, context) => call('abort', () => backend.abort(request, context)),
  };
}

/** The same operations, each failing with `backend_timeout` after `timeout` ms (see `backendTimeout`). */
export function withTimeouts(backend: MultipartBackend, timeout: number | undefined): MultipartBackend {
  type Call = (request: unknown, context: MultipartCallContext) => Promise<unknown>;
  const timed: Record<string, Call> = {};
  for (const name of ['create', 'signParts', 'listParts', 'complete', 'abort'] as const) {
    const call = backend[name]?.bind(backend) as Call | undefined;
    if (call) timed[name] = (request, context) => withBackendTimeout(timeout, context.signal, (signal) => call(request, { signal }));
  }
  return timed as unknown as MultipartBackend;
}
