/** A minimal external store in the shape `useSyncExternalStore` expects. */
export interface Store<T> {
  getState(): T;
  setState(update: (state: T) => T): void;
  subscribe(listener: () => void): () => void;
}

/**
 * Creates a store whose state is replaced, never mutated, so that a snapshot
 * keeps its identity until something really changes.
 */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(update) {
      const next = update(state);
      if (Object.is(next, state)) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
