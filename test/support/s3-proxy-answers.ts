/*
 * The S3 XML answers the test proxy makes itself: injected errors, and
 * ListParts, which Miniflare answers with 501 NotImplemented, from the
 * store's own records.
 */

/** What the proxy can read from the store itself, to answer what Miniflare does not implement. */
export interface StoreReader {
  /** The parts of an in-progress multipart upload, or `undefined` when there is none. */
  listParts(key: string, uploadId: string): Promise<Array<{ partNumber: number; etag: string; size: number }> | undefined>;
}

export function s3ErrorXml(code: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>Injected by the test proxy</Message></Error>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A ListParts request: GET on an object with an uploadId and no partNumber. */
export function listPartsTarget(method: string, url: URL, endpointPath: string): { key: string; uploadId: string } | undefined {
  const uploadId = url.searchParams.get('uploadId');
  if (method !== 'GET' || uploadId === null || url.searchParams.has('partNumber')) return undefined;
  // Path style: <endpoint path>/<bucket>/<key>.
  const bucketIndex = endpointPath.replace(/\/+$/, '').split('/').length;
  return { key: url.pathname.split('/').slice(bucketIndex + 1).map(decodeURIComponent).join('/'), uploadId };
}

/** S3's ListPartsResult for one page of parts. */
export async function listPartsXml(store: StoreReader, url: URL, target: { key: string; uploadId: string }): Promise<{ status: number; body: string }> {
  const parts = await store.listParts(target.key, target.uploadId);
  if (parts === undefined) return { status: 404, body: s3ErrorXml('NoSuchUpload') };
  const marker = Number(url.searchParams.get('part-number-marker') ?? '0');
  const maxParts = Math.min(1000, Number(url.searchParams.get('max-parts') ?? '1000'));
  const after = parts.filter((part) => part.partNumber > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Key>${escapeXml(target.key)}</Key><UploadId>${escapeXml(target.uploadId)}</UploadId>` +
    `<PartNumberMarker>${marker}</PartNumberMarker><NextPartNumberMarker>${page.at(-1)?.partNumber ?? marker}</NextPartNumberMarker>` +
    `<MaxParts>${maxParts}</MaxParts><IsTruncated>${truncated}</IsTruncated>` +
    page.map((part) => `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(`"${part.etag}"`)}</ETag><Size>${part.size}</Size></Part>`).join('') +
    '</ListPartsResult>';
  return { status: 200, body };
}
