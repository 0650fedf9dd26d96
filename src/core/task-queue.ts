/** Runs async tasks with at most `concurrency` of them at once, in FIFO order. */
export interface TaskQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createTaskQueue(getConcurrency: () => number): TaskQueue {
  let running = 0;
  const waiting: Array<() => void> = [];

  const next = () => {
    while (running < Math.max(1, getConcurrency()) && waiting.length > 0) {
      running += 1;
      waiting.shift()?.();
    }
  };

  return {
    run(task) {
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        });
        next();
      });
    },
  };
}
