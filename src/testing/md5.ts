/**
 * MD5, as S3-compatible stores use it for ETags: the single-part ETag is the
 * MD5 of the body. The same incremental implementation the uploader verifies
 * uploads with. For test fixtures only: MD5 is not a security primitive.
 */
export { md5Hex } from '../core/integrity/md5.js';
