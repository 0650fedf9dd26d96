import { R2UploadError } from '../errors/upload-error.js';

/**
 * The multipart part of the backend protocol. Each operation is a
 * `POST <endpoint>?action=<action>` with a JSON body and a JSON answer; see
 * the README's protocol section for what a Python or Go backend implements.
 */

/** The `action` query parameter of each multipart operation. */
export const MULTIPART_ACTIONS = {
  create: 'multipart-create',
  signParts: 'multipart-sign-parts',
  listParts: 'multipart-list-parts',
  complete: 'multipart-complete',
  abort: 'multipart-abort',
} as const;

/** The most part URLs one `multipart-sign-parts` request may ask for. */
export const MAX_PARTS_PER_SIGN_REQUEST = 100;

/** `multipart-create`: the client asks to start a multipart upload. */
export interface CreateMultipartRequest {
  filename: string;
  contentType: string;
  /** The whole file's size in bytes. */
  size: number;
  /** The part size the client planned; every part but the last has exactly this size. */
  partSize: number;
}

/** Identifies a multipart upload in every later request: echo all three back. */
export interface MultipartUploadRef {
  key: string;
  uploadId: string;
  /** Opaque to the client; a backend may bind the upload's size, part size and key in it. */
  token?: string;
}

/** The answer to `multipart-create`. */
export interface MultipartUpload extends MultipartUploadRef {
  /** The part size to use: the planned one, or one the backend prefers. */
  partSize: number;
  /** As an upload target's: the token for `?action=complete` after `multipart-complete`, when the backend verifies completions. */
  completion?: string;
}

/** `multipart-sign-parts`: presign UploadPart URLs for a few parts at once. */
export interface SignPartsRequest extends MultipartUploadRef {
  size: number;
  partSize: number;
  /** 1-based, at most 100 per request. */
  partNumbers: number[];
}

/** One presigned UploadPart. */
export interface SignedPart {
  partNumber: number;
  /** Presigned `PUT` URL, including `partNumber` and `uploadId`. */
  url: string;
  /** Headers the client must send because they were signed (usually just `content-length`). */
  headers: Record<string, string>;
}

/** The answer to `multipart-sign-parts`. */
export interface SignPartsAnswer {
  parts: SignedPart[];
}

/** A part the store holds, as `multipart-list-parts` reports it. */
export interface UploadedPart {
  partNumber: number;
  /** Opaque, quotes included. */
  etag: string;
  size: number;
}

/** The answer to `multipart-list-parts`. */
export interface ListPartsAnswer {
  parts: UploadedPart[];
}

/** `multipart-complete`: assemble the object from every part, in order. */
export interface CompleteMultipartRequest extends MultipartUploadRef {
  parts: Array<{ partNumber: number; etag: string }>;
}

/** The answer to `multipart-complete`. */
export interface CompleteMultipartAnswer {
  key: string;
  /** The object's ETag, `"<md5 of part md5s>-<part count>"` on R2 and S3. */
  etag: string;
}

/** Context every backend call gets. */
export interface MultipartCallContext {
  signal: AbortSignal;
}

/**
 * The multipart operations, for apps whose backend is not a JSON endpoint
 * (pass them as `multipartBackend` next to `getUploadUrl`). With `endpoint`,
 * the uploader implements them with the JSON protocol itself.
 */
export interface MultipartBackend {
  create(request: CreateMultipartRequest, context: MultipartCallContext): Promise<MultipartUpload>;
  signParts(request: SignPartsRequest, context: MultipartCallContext): Promise<SignPartsAnswer>;
  /** Optional: without it, an upload resumed after a reload trusts the part ETags it saved. */
  listParts?(request: MultipartUploadRef, context: MultipartCallContext): Promise<ListPartsAnswer>;
  complete(request: CompleteMultipartRequest, context: MultipartCallContext): Promise<CompleteMultipartAnswer>;
  abort(request: MultipartUploadRef, context: MultipartCallContext): Promise<void>;
}

/** An `invalid_backend_response` for a multipart answer the protocol does not allow. */
export function invalidMultipartAnswer(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, {
    hint: 'See the multipart routes of the backend protocol in the README.',
  });
}
