/**
 * Counts React commits in the production build through the hook React DevTools
 * uses: when `__REACT_DEVTOOLS_GLOBAL_HOOK__` exists as react-dom loads,
 * react-dom calls its `onCommitFiberRoot` once per commit. That costs one
 * function call per commit, unlike react-dom's profiling build (which
 * `<Profiler onRender>` needs in production): it times every fiber, and in a
 * first version of this bench it made the 1,000-file run's long tasks three
 * times as many. Must be imported before react-dom: main.ts imports it first.
 */

interface DevToolsHook {
  supportsFiber: boolean;
  renderers: Map<number, unknown>;
  inject(renderer: unknown): number;
  onCommitFiberRoot(): void;
  onCommitFiberUnmount(): void;
  onPostCommitFiberRoot(): void;
  /** react-dom's entry calls it to check that dead code was eliminated. */
  checkDCE(): void;
}

let commits = 0;

const hook: DevToolsHook = {
  supportsFiber: true,
  renderers: new Map(),
  inject(renderer) {
    this.renderers.set(this.renderers.size + 1, renderer);
    return this.renderers.size;
  },
  onCommitFiberRoot() {
    commits += 1;
  },
  onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {},
  checkDCE() {},
};

(globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: DevToolsHook }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook;

/** React commits (of every root) since the page loaded. */
export const commitCount = (): number => commits;
