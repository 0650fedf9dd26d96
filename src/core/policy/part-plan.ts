import { DEFAULT_PART_SIZE, MAX_MULTIPART_OBJECT_BYTES, MAX_PART_BYTES, MAX_PARTS, MIN_PART_BYTES } from '../protocol/r2-limits.js';

export { DEFAULT_PART_SIZE };

/** How a file is cut into parts: every part `partSize` bytes except the last, which is no larger. */
export interface PartPlan {
  /** The file's size in bytes. */
  size: number;
  /** The size of every part but the last. */
  partSize: number;
  /** How many parts (at least 1, at most 10,000). */
  partCount: number;
}

/** The byte range of one part, `end` exclusive, as `Blob.slice` takes it. */
export interface PartRange {
  partNumber: number;
  start: number;
  end: number;
}

const MiB = 1024 ** 2;


/** Why a size or part size cannot be planned, or `undefined` when it can. */
export function partPlanProblem(size: number, partSize: number): string | undefined {
  if (!Number.isSafeInteger(size) || size < 0) return 'the size must be a whole number of bytes';
  if (size > MAX_MULTIPART_OBJECT_BYTES) return `the file is larger than the ${MAX_MULTIPART_OBJECT_BYTES} bytes a multipart object may have`;
  if (!Number.isSafeInteger(partSize) || partSize <= 0) return 'the part size must be a whole number of bytes';
  // One part may be smaller than the minimum: it is also the last one.
  if (partSize < MIN_PART_BYTES && size > partSize) return `parts other than the last must be at least ${MIN_PART_BYTES} bytes`;
  if (partSize > MAX_PART_BYTES) return `parts may be at most ${MAX_PART_BYTES} bytes`;
  if (Math.ceil(size / partSize) > MAX_PARTS) return `a ${size}-byte file needs more than ${MAX_PARTS} parts of ${partSize} bytes`;
  return undefined;
}

/**
 * Plans the parts of a `size`-byte file for R2: `preferred` bytes per part when
 * that obeys the rules, else the nearest size that does. Parts grow (in whole
 * MiB) so that no file needs more than 10,000 of them, and never shrink below
 * 5 MiB; an empty file is one empty part. Throws a `RangeError` for a file
 * larger than a multipart object may be.
 */
export function planParts(size: number, preferred: number = DEFAULT_PART_SIZE): PartPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Cannot plan parts for a size of ${size} bytes.`);
  if (size > MAX_MULTIPART_OBJECT_BYTES) {
    throw new RangeError(`A multipart object may have at most ${MAX_MULTIPART_OBJECT_BYTES} bytes; this file has ${size}.`);
  }
  const wanted = Number.isFinite(preferred) && preferred > 0 ? Math.floor(preferred) : DEFAULT_PART_SIZE;
  const fewEnough = Math.ceil(Math.ceil(size / MAX_PARTS) / MiB) * MiB;
  const partSize = Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, wanted, fewEnough));
  return { size, partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** The byte range of part `partNumber` (1-based) of a plan. */
export function partRange(plan: PartPlan, partNumber: number): PartRange {
  const start = (partNumber - 1) * plan.partSize;
  return { partNumber, start, end: Math.min(plan.size, start + plan.partSize) };
}

/** The size in bytes of part `partNumber` (1-based). */
export function partLength(plan: PartPlan, partNumber: number): number {
  const { start, end } = partRange(plan, partNumber);
  return end - start;
}
