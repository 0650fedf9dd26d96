/** An ETag without its quotes (and without a weak `W/` prefix), lower-cased: how stores and proxies differ in writing the same one. */
export function bareEtag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
}
