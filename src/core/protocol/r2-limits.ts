/**
 * R2's published limits (developers.cloudflare.com/r2/reference/limits and
 * /r2/objects/multipart-objects). Every size decision in r2-uploader derives
 * from these, on the client and on the server alike.
 */

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

/** The largest single PUT: 5 GiB less 5 MiB. */
export const MAX_SINGLE_PUT_BYTES = 5 * GiB - 5 * MiB;

/** The smallest part of a multipart upload, except the last one. */
export const MIN_PART_BYTES = 5 * MiB;

/** The largest part of a multipart upload. */
export const MAX_PART_BYTES = 5 * GiB;

/** The most parts one multipart upload may have. */
export const MAX_PARTS = 10_000;

/** The largest multipart object: 5 TiB less 5 GiB, the "4.995 TiB" of R2's limits page. */
export const MAX_MULTIPART_OBJECT_BYTES = 5 * TiB - 5 * GiB;

/** The default part size: small enough that a retry costs little, large enough that 6 in flight fill a fast link. */
export const DEFAULT_PART_SIZE = 8 * MiB;

/** R2 aborts an incomplete multipart upload this long after it was created. */
export const INCOMPLETE_UPLOAD_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
