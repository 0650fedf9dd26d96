import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { R2Uploader } from '../../../src/react/index.ts';
import '../../../src/react/styles.css';
import { BENCH_ROUTES, RUN_HEADER } from '../../shared/protocol.ts';
import { commitCount } from '../commit-counter.ts';
import { concurrencyOption, totalBytes, type Runner } from './types.ts';

/** A FileList of `files`, as the file picker gives the input. Building it is the harness's work, done before timing starts. */
function fileListOf(files: readonly File[]): FileList {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer.files;
}

/** Hands files to the component the way the file picker does: set `input.files`, fire `change`. */
function pickFiles(container: HTMLElement, files: FileList): void {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('<R2Uploader> rendered no file input.');
  input.files = files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Resolves when the page is idle: a user picks files on a page that has rendered and settled, never in the task that mounted the uploader. */
const pageIdle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }));

/**
 * `<R2Uploader>` with its UI (the default stylesheet, a row and a progress
 * bar per file), fed through its file input, in React's production build.
 * The uploader is mounted, then the files are picked once the page is idle,
 * as a user would; long tasks are observed over both. Commits are counted
 * from the moment the files are picked.
 */
export const oursUi: Runner = async (files, spec) => {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  let settled = 0;
  let sent = 0;
  let failure: string | undefined;
  let allSettled = () => {};
  const done = new Promise<void>((resolve) => (allSettled = resolve));
  const settle = (size = 0) => {
    sent += size;
    settled += 1;
    if (settled === files.length) allSettled();
  };
  try {
    flushSync(() =>
      root.render(
        <R2Uploader
          endpoint={BENCH_ROUTES.upload}
          headers={{ [RUN_HEADER]: spec.runId }}
          {...concurrencyOption(spec)}
          onSuccess={(result) => settle(result.size)}
          // An image workload resizes (s7b): rows show thumbnails, and photos go as WebP.
          {...(spec.images ? { resizeImages: spec.images.resize } : {})}
          onWarning={(warning, file) => {
            if (warning.code === 'image_unprocessed') failure ??= `${file.name}: ${warning.message}`;
          }}
          onError={(error, file) => {
            failure ??= `${file.name}: ${error.code} ${error.message}`;
            settle();
          }}
        />,
      ),
    );
    const picked = fileListOf(files);
    await pageIdle();
    const commitsBefore = commitCount();
    const started = performance.now();
    pickFiles(container, picked);
    await done;
    const seconds = (performance.now() - started) / 1000;
    const commits = commitCount() - commitsBefore;
    if (failure) throw new Error(failure);
    return { files: settled, bytes: spec.images ? sent : totalBytes(files), commits: { count: commits, perSecond: commits / seconds } };
  } finally {
    root.unmount();
    container.remove();
  }
};
