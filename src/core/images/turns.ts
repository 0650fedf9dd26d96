/** Waiting tasks: the urgent ones (an upload waits for them) go first. */
interface Queue {
  urgent: Array<() => void>;
  later: Array<() => void>;
}

/**
 * At most `atOnce` tasks under way, in the order they were asked for, urgent
 * ones first; a freed place goes straight to the next task, so none can slip
 * in between. A task whose `signal` aborts while it waits never runs.
 */
export function createTurns(atOnce: number) {
  let running = 0;
  const queue: Queue = { urgent: [], later: [] };
  const release = () => {
    const next = queue.urgent.shift() ?? queue.later.shift();
    if (next) next();
    else running -= 1;
  };
  return async function inTurn<T>(task: () => Promise<T>, { urgent = false, signal }: { urgent?: boolean; signal?: AbortSignal } = {}): Promise<T> {
    if (running < atOnce) running += 1;
    else await new Promise<void>((resolve) => queue[urgent ? 'urgent' : 'later'].push(resolve));
    try {
      signal?.throwIfAborted();
      return await task();
    } finally {
      release();
    }
  };
}
