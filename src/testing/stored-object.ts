/** An object the fake bucket holds. */
export interface StoredObject {
  /** The body as received. */
  bytes: Uint8Array;
  /** The Content-Type the PUT sent. */
  contentType: string;
  /** The ETag the bucket answered with: the MD5 of the body, in double quotes. */
  etag: string;
  /** When it was stored. */
  lastModified: Date;
}
