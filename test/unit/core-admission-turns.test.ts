import { describe, expect, it } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';

describe('adding 1,000 files at once', () => {
  it('starts them 100 per task, so the page is never held for all of them at once', async () => {
    const validated: number[] = [];
    let tasks = 0;
    const uploader = createUploader({
      getUploadUrl: () => new Promise(() => {}),
      // validate runs as each file starts: it records in which task that happened.
      validate: () => void validated.push(tasks),
    });
    const files = Array.from({ length: 1000 }, (_, index) => new File([String(index)], `${index}.txt`));
    void uploader.upload(files);
    // Counts the tasks that run while the files start.
    while (validated.length < 1000 && tasks < 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      tasks += 1;
    }
    const perTask = new Map<number, number>();
    for (const task of validated) perTask.set(task, (perTask.get(task) ?? 0) + 1);
    expect(validated).toHaveLength(1000);
    expect(Math.max(...perTask.values())).toBeLessThanOrEqual(100);
    // In order: a later file never starts before an earlier one.
    expect(validated).toEqual([...validated].sort((a, b) => a - b));
    uploader.cancel();
  });
});
