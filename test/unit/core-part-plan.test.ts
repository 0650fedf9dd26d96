import { describe, expect, it } from 'vitest';
import { DEFAULT_PART_SIZE, partLength, partPlanProblem, partRange, planParts, type PartPlan } from '../../src/core/policy/part-plan.ts';
import { MAX_MULTIPART_OBJECT_BYTES, MAX_PART_BYTES, MAX_PARTS, MIN_PART_BYTES } from '../../src/core/protocol/r2-limits.ts';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

/** R2's rules for a plan, checked without trusting the planner's own arithmetic. */
function expectValid(plan: PartPlan): void {
  const { size, partSize, partCount } = plan;
  expect(partCount).toBeGreaterThanOrEqual(1);
  expect(partCount).toBeLessThanOrEqual(MAX_PARTS);
  expect(partSize).toBeLessThanOrEqual(MAX_PART_BYTES);
  if (partCount > 1) expect(partSize).toBeGreaterThanOrEqual(MIN_PART_BYTES);
  const last = partLength(plan, partCount);
  // Every part but the last has exactly partSize bytes; the last is no larger, and not empty unless the file is.
  expect((partCount - 1) * partSize + last).toBe(size);
  expect(last).toBeLessThanOrEqual(partSize);
  if (size > 0) expect(last).toBeGreaterThan(0);
  expect(partPlanProblem(size, partSize)).toBeUndefined();
}

describe('planParts (R2 rules)', () => {
  it('uses 8 MiB parts by default', () => {
    expect(planParts(200 * 1000 * 1000)).toEqual({ size: 200_000_000, partSize: DEFAULT_PART_SIZE, partCount: 24 });
    expect(DEFAULT_PART_SIZE).toBe(8 * MiB);
  });

  it('cuts a file into equal parts and a smaller last one, covering every byte once', () => {
    const plan = planParts(23 * MiB + 5, 5 * MiB);
    expect(plan).toEqual({ size: 23 * MiB + 5, partSize: 5 * MiB, partCount: 5 });
    const ranges = Array.from({ length: plan.partCount }, (_, i) => partRange(plan, i + 1));
    expect(ranges.map((range) => [range.start, range.end])).toEqual([
      [0, 5 * MiB],
      [5 * MiB, 10 * MiB],
      [10 * MiB, 15 * MiB],
      [15 * MiB, 20 * MiB],
      [20 * MiB, 23 * MiB + 5],
    ]);
    expectValid(plan);
  });

  it('never plans parts under 5 MiB or over 5 GiB', () => {
    expect(planParts(100 * MiB, 1 * MiB).partSize).toBe(MIN_PART_BYTES);
    expect(planParts(100 * GiB, 6 * GiB).partSize).toBe(MAX_PART_BYTES);
    expect(planParts(100 * MiB, Number.NaN).partSize).toBe(DEFAULT_PART_SIZE);
  });

  it('grows parts, in whole MiB, so that no file needs more than 10,000', () => {
    const exactly = planParts(MAX_PARTS * 8 * MiB, 8 * MiB);
    expect(exactly).toMatchObject({ partSize: 8 * MiB, partCount: MAX_PARTS });
    const oneMore = planParts(MAX_PARTS * 8 * MiB + 1, 8 * MiB);
    expect(oneMore.partSize).toBe(9 * MiB);
    expect(oneMore.partCount).toBeLessThanOrEqual(MAX_PARTS);
    expectValid(oneMore);
  });

  it('plans the largest object R2 stores, 4.995 TiB, within 10,000 parts', () => {
    expect(MAX_MULTIPART_OBJECT_BYTES).toBe(5 * TiB - 5 * GiB);
    expect(MAX_MULTIPART_OBJECT_BYTES / TiB).toBeCloseTo(4.995, 3);
    const plan = planParts(MAX_MULTIPART_OBJECT_BYTES);
    expect(plan.partSize).toBe(524 * MiB);
    expect(plan.partCount).toBe(9996);
    expectValid(plan);
  });

  it('refuses a file larger than a multipart object may be', () => {
    expect(() => planParts(MAX_MULTIPART_OBJECT_BYTES + 1)).toThrow(RangeError);
    expect(() => planParts(-1)).toThrow(RangeError);
    expect(() => planParts(1.5)).toThrow(RangeError);
  });

  it('plans an empty file as one empty part, and a tiny file as one part', () => {
    expect(planParts(0)).toEqual({ size: 0, partSize: DEFAULT_PART_SIZE, partCount: 1 });
    expect(planParts(1, MIN_PART_BYTES)).toEqual({ size: 1, partSize: MIN_PART_BYTES, partCount: 1 });
  });

  it.each([0, 1, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1, 64 * MiB, GiB + 7, 78 * GiB + 3, TiB, 3 * TiB + 12345, MAX_MULTIPART_OBJECT_BYTES])(
    'obeys every rule for %i bytes, whatever part size is asked for',
    (size) => {
      for (const preferred of [undefined, 1, 5 * MiB, 8 * MiB + 3, 100 * MiB, 6 * GiB]) expectValid(planParts(size, preferred));
    },
  );
});

describe('partPlanProblem (checks a part size someone else chose)', () => {
  it.each([
    [100 * MiB, 4 * MiB, 'at least'],
    [100 * MiB, 6 * GiB, 'at most'],
    [100 * GiB, 5 * MiB, 'more than 10000 parts'],
    [MAX_MULTIPART_OBJECT_BYTES + 1, GiB, 'larger than'],
    [100, 0, 'whole number'],
    [-1, 5 * MiB, 'whole number'],
  ])('refuses %i bytes in parts of %i', (size, partSize, problem) => {
    expect(partPlanProblem(size, partSize)).toContain(problem);
  });

  it('accepts a part under 5 MiB when it is the only one', () => {
    expect(partPlanProblem(1000, 1000)).toBeUndefined();
    expect(partPlanProblem(1000, 4 * MiB)).toBeUndefined();
  });
});
