/** What to make of an image: a thumbnail `width` pixels wide, or the image resized to fit and re-encoded. */
export type ImageJob =
  | { op: 'thumbnail'; blob: Blob; width: number }
  | { op: 'resize'; blob: Blob; maxWidth: number; maxHeight: number; type: string; quality: number | undefined };

/** The encoded result, and its size in pixels. */
export interface ImageOutput {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Runs one job with `createImageBitmap` and `OffscreenCanvas`, in a worker or,
 * where none can start, on the page. Its source text is the worker's program,
 * so it references nothing outside itself, and it chains promises instead of
 * awaiting them so that no transpiler adds helpers it would not have.
 *
 * The EXIF orientation is applied when decoding (`from-image`), and what a
 * canvas encodes carries no EXIF, XMP or IPTC. A thumbnail is decoded at its
 * own width, so a 12-megapixel photo never sits in memory whole for it.
 */
export function runImageJob(job: ImageJob): Promise<ImageOutput> {
  const decoded =
    job.op === 'thumbnail'
      ? createImageBitmap(job.blob, { resizeWidth: job.width, resizeQuality: 'medium', imageOrientation: 'from-image' })
      : createImageBitmap(job.blob, { imageOrientation: 'from-image' });
  return decoded.then((bitmap) => {
    // Never enlarged: a small image is only re-encoded.
    const scale = job.op === 'thumbnail' ? 1 : Math.min(1, job.maxWidth / bitmap.width, job.maxHeight / bitmap.height);
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) {
      bitmap.close();
      throw new Error('No 2D canvas to draw the image on.');
    }
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const options = job.op === 'thumbnail' ? { type: 'image/webp', quality: 0.8 } : { type: job.type, quality: job.quality };
    return canvas.convertToBlob(options).then((blob) => ({ blob, width, height }));
  });
}

/** main thread → worker: job `id`. */
export interface ImageWorkerRequest {
  id: number;
  job: ImageJob;
}

/** worker → main thread: job `id`'s output, or why it failed. */
export type ImageWorkerAnswer = { id: number; output: ImageOutput } | { id: number; error: string };

/** What the worker's program sees of its global scope. */
interface WorkerScope {
  onmessage: ((event: { data: ImageWorkerRequest }) => void) | null;
  postMessage(message: ImageWorkerAnswer): void;
}

/** The worker's program: every job as it comes (the page limits how many are under way). */
export function imageWorkerMain(scope: WorkerScope, run: (job: ImageJob) => Promise<ImageOutput>): void {
  scope.onmessage = (event) => {
    const { id, job } = event.data;
    const fail = (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    try {
      run(job).then((output) => scope.postMessage({ id, output }), fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** The worker's whole source: its program, given the job runner. */
export function imageWorkerSource(): string {
  return `(${imageWorkerMain.toString()})(self, ${runImageJob.toString()});`;
}
