import { md5Hex } from '../core/integrity/md5.js';
import { MIN_PART_BYTES } from '../core/protocol/r2-limits.js';

/** A part the fake bucket holds for an unfinished multipart upload. */
export interface StoredPart {
  partNumber: number;
  bytes: Uint8Array;
  /** The MD5 of the part, in double quotes (R2's are opaque; treat them so). */
  etag: string;
}

/** A multipart upload the fake bucket has created and not yet completed or aborted. */
export interface PendingMultipartUpload {
  key: string;
  uploadId: string;
  /** The Content-Type given at creation; the finished object gets it. */
  contentType: string;
  /** The parts received so far, by part number (a part PUT twice keeps the last). */
  parts: Map<number, StoredPart>;
}

/** A refusal of a multipart call, with the S3 status and code a real store answers with. */
export class MultipartError extends Error {
  override readonly name = 'MultipartError';
  constructor(
    readonly status: number,
    readonly s3Code: string,
    message: string,
  ) {
    super(message);
  }
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** `"<md5 of the concatenated part MD5s>-<part count>"`, as R2 and S3 compute a multipart ETag. */
export function multipartEtag(partMd5s: readonly string[]): string {
  const joined = new Uint8Array(partMd5s.length * 16);
  partMd5s.forEach((hex, index) => joined.set(hexBytes(hex), index * 16));
  return `"${md5Hex(joined)}-${partMd5s.length}"`;
}

const unquote = (etag: string): string => etag.replace(/^"|"$/g, '');

/**
 * Joins the listed parts into the object's bytes and ETag, checking them the
 * way R2 does: every listed part held with that ETag (`InvalidPart`), in
 * ascending order (`InvalidPartOrder`), and all but the last at least 5 MiB
 * (`EntityTooSmall`).
 */
export function assembleParts(upload: PendingMultipartUpload, listed: ReadonlyArray<{ partNumber: number; etag: string }>): { bytes: Uint8Array; etag: string } {
  if (listed.length === 0) throw new MultipartError(400, 'MalformedXML', 'The XML lists no parts.');
  const parts = listed.map(({ partNumber, etag }, index) => {
    if (index > 0 && partNumber <= listed[index - 1]!.partNumber) throw new MultipartError(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
    const part = upload.parts.get(partNumber);
    if (!part || unquote(part.etag) !== unquote(etag)) throw new MultipartError(400, 'InvalidPart', `Part ${partNumber} could not be found or its ETag does not match.`);
    return part;
  });
  if (parts.slice(0, -1).some((part) => part.bytes.byteLength < MIN_PART_BYTES)) {
    throw new MultipartError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
  }
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.bytes.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part.bytes, offset);
    offset += part.bytes.byteLength;
  }
  return { bytes, etag: multipartEtag(parts.map((part) => unquote(part.etag))) };
}

/** `<Part><PartNumber>…</PartNumber><ETag>…</ETag></Part>` entries of a CompleteMultipartUpload body. */
export function parseCompleteXml(xml: string): Array<{ partNumber: number; etag: string }> {
  const entity = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(([, part = '']) => ({
    partNumber: Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(part)?.[1] ?? NaN),
    etag: entity(/<ETag>([\s\S]*?)<\/ETag>/.exec(part)?.[1] ?? ''),
  }));
}
