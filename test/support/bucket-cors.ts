/** The CORS headers of a bucket that allows browser PUTs and exposes the ETag, for msw answers in unit tests. */
export const bucketCors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'PUT',
  'access-control-allow-headers': 'content-type',
  'access-control-expose-headers': 'ETag',
};
