import { BENCH_ROUTES, runPrefix, type SignPartsRequest, type SignPartsResponse, type SignS3Request, type SignS3Response } from '../../shared/protocol.ts';
import { postJson } from '../backend.ts';
import { forEachLimit } from '../pool.ts';
import { etagOf, sendXhr } from '../xhr.ts';
import { required, totalBytes, type Runner } from './types.ts';

const signS3 = async (request: SignS3Request) => (await postJson<SignS3Response>(BENCH_ROUTES.signS3, request)).url;

/** The UploadId of a CreateMultipartUpload answer (S3 XML). */
export function uploadIdOf(xml: string): string {
  const id = /<UploadId>([^<]+)<\/UploadId>/.exec(xml)?.[1];
  if (!id) throw new Error(`CreateMultipartUpload answered without an UploadId: ${xml.slice(0, 200)}`);
  return id;
}

/** The CompleteMultipartUpload body; ETags are opaque and sent back as the store gave them. */
export function completeXml(etags: readonly string[]): string {
  const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('');
  return `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`;
}

/** Byte ranges of `partSize` (the last one shorter), as S3 wants: all parts the same size but the last. */
export function partRanges(size: number, partSize: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < size; start += partSize) ranges.push([start, Math.min(size, start + partSize)]);
  return ranges;
}

/**
 * A hand-written multipart upload at the library's part size and
 * concurrency: CreateMultipartUpload, every part URL signed in one request,
 * `partConcurrency` parts in flight with XMLHttpRequest, then
 * CompleteMultipartUpload. The limit multipart can reach here.
 */
export const rawMultipart: Runner = async (files, spec) => {
  for (const file of files) {
    const key = `${runPrefix(spec.runId)}/raw-mp-${file.name}`;
    const created = await sendXhr({ method: 'POST', url: await signS3({ method: 'POST', key }), headers: { 'content-type': file.type || 'application/octet-stream' } });
    const uploadId = uploadIdOf(created.responseText);
    const ranges = partRanges(file.size, spec.partSize);
    const request: SignPartsRequest = { key, uploadId, partCount: ranges.length };
    const { urls } = await postJson<SignPartsResponse>(BENCH_ROUTES.signParts, request);
    const etags: string[] = [];
    await forEachLimit(ranges, required(spec.partConcurrency, 'partConcurrency', spec), async ([start, end], index) => {
      const url = urls[index];
      if (!url) throw new Error(`No URL signed for part ${index + 1}`);
      etags[index] = etagOf(await sendXhr({ method: 'PUT', url, body: file.slice(start, end) }));
    });
    const completed = await sendXhr({
      method: 'POST',
      url: await signS3({ method: 'POST', key, uploadId }),
      headers: { 'content-type': 'application/xml' },
      body: completeXml(etags),
    });
    // S3 may answer 200 with an <Error> body to a Complete.
    if (completed.responseText.includes('<Error>')) throw new Error(`CompleteMultipartUpload failed: ${completed.responseText.slice(0, 200)}`);
  }
  return { files: files.length, bytes: totalBytes(files) };
};
