// First: it must be in place before react-dom loads.
import './commit-counter.ts';
import type { BenchPageApi, RunResult, RunSpec } from '../shared/protocol.ts';
import { observeRun } from './observe.ts';
import { makePhoto } from './photo.ts';
import { hashMd5 } from './runners/md5.ts';
import { runners } from './runners/index.ts';
import { oursMultipart, oursVerifyAvailable } from './runners/ours-multipart.ts';

/**
 * The bench page: the harness calls `prepare(spec)`, collects garbage and
 * starts its heap sampler, then calls `run()`. Files live only between the
 * two calls and the page is discarded after each run, so nothing carries over.
 */

let prepared: { spec: RunSpec; files: File[] } | undefined;

/** The files the harness put into the page's file input (from disk). */
function pickedFiles(): File[] {
  const input = document.querySelector<HTMLInputElement>('#files');
  return [...(input?.files ?? [])];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function run(): Promise<RunResult> {
  if (!prepared) throw new Error('run() before prepare()');
  const { spec, files } = prepared;
  prepared = undefined;
  const runner = runners[spec.runner];
  if (!runner) throw new Error(`${spec.runner} is not available in this version of the library.`);
  const observed = observeRun();
  const started = performance.now();
  try {
    const outcome = await runner(files, spec);
    const seconds = (performance.now() - started) / 1000;
    return { runner: spec.runner, ok: true, seconds, ...outcome, ...observed.stop() };
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    return { runner: spec.runner, ok: false, error: message(error), seconds, files: 0, bytes: 0, ...observed.stop() };
  }
}

const api: BenchPageApi = {
  capabilities: () => ({ oursMultipart: oursMultipart !== undefined, verify: oursVerifyAvailable, md5: hashMd5 !== undefined }),
  async prepare(spec) {
    const files = pickedFiles();
    if (spec.images) {
      if (files.length !== spec.fileCount || files.some((file) => file.type !== 'image/jpeg')) {
        throw new Error(`Expected ${spec.fileCount} JPEG photos in the file input, found ${files.length} files of types ${[...new Set(files.map((file) => file.type))].join(', ')}.`);
      }
    } else if (files.length !== spec.fileCount || files.some((file) => file.size !== spec.fileSize)) {
      throw new Error(`Expected ${spec.fileCount} files of ${spec.fileSize} bytes in the file input, found ${files.length}.`);
    }
    prepared = { spec, files };
  },
  run,
  async md5(where) {
    if (!hashMd5) throw new Error('The library has no MD5 module yet.');
    const [file] = pickedFiles();
    if (!file) throw new Error('No file in the file input to hash.');
    const started = performance.now();
    await hashMd5[where](file);
    return { bytes: file.size, seconds: (performance.now() - started) / 1000 };
  },
  photo: makePhoto,
};

(window as unknown as { __bench: BenchPageApi }).__bench = api;
document.body.dataset.ready = '';
