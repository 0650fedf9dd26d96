import type { Browser } from 'playwright';
import { runPrefix, type Capabilities, type RunnerId, type RunResult, type RunSpec } from '../shared/protocol.ts';
import { callPage, openBenchPage, type BenchPage } from './browser.ts';
import type { FrontStats } from './front-counters.ts';
import { frontProblem } from './front-check.ts';
import { startHeapSampler, type HeapStats } from './heap-sampler.ts';
import { describeWorkload, type Metric, type Scenario, type ScenarioRunner } from './scenarios.ts';
import { slowRuns, type Rerun } from './reruns.ts';
import { roundOrder } from './schedule.ts';
import type { BenchStack } from './stack.ts';
import type { TestFiles } from './test-files.ts';
import { webpSize } from './webp.ts';

/** What an image scenario's objects are, read back from the store: how many are WebP, and the largest width and height among those. */
export interface ArrivedImages {
  webp: number;
  maxWidth: number;
  maxHeight: number;
}

/** One run as measured, plus what the store holds afterwards. */
export interface Sample extends RunResult {
  round: number;
  arrived: { objects: number; bytes: number; images?: ArrivedImages };
  /** Image scenarios: the photos' total size before resizing (the run's `bytes` and `arrived.bytes` are after). */
  sourceBytes?: number;
  /** The runner reported success and every file and byte is in the bucket. */
  complete: boolean;
  heap?: HeapStats;
  /** What the store front counted (scenarios with a front). */
  front?: FrontStats;
  /** Set when this is the rerun of a run slower than twice its runner's median (reruns.ts). */
  rerun?: Rerun;
}

export interface RunnerResult {
  runner: ScenarioRunner;
  /** False when the library cannot do it yet: no samples, and "not yet available" in the report. */
  available: boolean;
  samples: Sample[];
}

export interface ScenarioResult {
  scenario: Scenario;
  runners: RunnerResult[];
  /** Wall-clock seconds for all its rounds, page set-up and bucket checks included: what plans a run's length. */
  wallSeconds: number;
}

export interface BenchContext {
  browser: Browser;
  stack: BenchStack;
  capabilities: Capabilities;
  files: TestFiles;
  log: (line: string) => void;
}

/** The headline number of a run: decimal MB/s (12.5 MB/s is 100 Mbit/s) or files per second. */
export function metricValue(metric: Metric, sample: Pick<RunResult, 'bytes' | 'files' | 'seconds'>): number {
  return metric === 'MB/s' ? sample.bytes / 1e6 / sample.seconds : sample.files / sample.seconds;
}

export function isAvailable(id: RunnerId, capabilities: Capabilities): boolean {
  if (id === 'ours-multipart') return capabilities.oursMultipart;
  if (id === 'ours-multipart-verify') return capabilities.oursMultipart && capabilities.verify;
  return true;
}

const EMPTY_RESULT: Omit<RunResult, 'runner'> = {
  ok: false,
  seconds: 0,
  files: 0,
  bytes: 0,
  storeRequests: 0,
  backendRequests: 0,
  peakInFlight: 0,
  longTasks: { count: 0, maxMs: 0, totalMs: 0 },
};

const newRunId = (scenario: Scenario, runner: RunnerId, round: number) => `${scenario.id}-${runner}-r${round}-${Math.random().toString(36).slice(2, 8)}`;

/** Reads the start of every object of a run back: is it a WebP, and how large. */
async function arrivedImages(context: BenchContext, prefix: string): Promise<{ objects: number; bytes: number; images: ArrivedImages }> {
  const objects = await context.stack.store.list(prefix);
  const images: ArrivedImages = { webp: 0, maxWidth: 0, maxHeight: 0 };
  for (const object of objects) {
    const size = webpSize(await context.stack.store.readStart(object.key, 30));
    if (!size) continue;
    images.webp += 1;
    images.maxWidth = Math.max(images.maxWidth, size.width);
    images.maxHeight = Math.max(images.maxHeight, size.height);
  }
  return { objects: objects.length, bytes: objects.reduce((sum, object) => sum + object.size, 0), images };
}

/**
 * Why an image run is not complete, if it is not: every photo must be in
 * the store as a WebP within the resize's bounds, smaller in all than the
 * originals, and as many bytes as the runner says it sent.
 */
function imageRunProblem(spec: RunSpec, result: RunResult, arrived: Sample['arrived'], sourceBytes: number): string | undefined {
  const { resize } = spec.images!;
  const images = arrived.images;
  if (!result.ok) return result.error ?? 'the runner failed';
  if (arrived.objects !== spec.fileCount || result.files !== spec.fileCount) return `expected ${spec.fileCount} objects, the runner reported ${result.files} and the bucket holds ${arrived.objects}`;
  if (!images || images.webp !== spec.fileCount) return `${spec.fileCount - (images?.webp ?? 0)} of ${spec.fileCount} objects are not WebP`;
  if (images.maxWidth > resize.maxWidth || images.maxHeight > resize.maxHeight) return `the largest WebP is ${images.maxWidth} × ${images.maxHeight}, over ${resize.maxWidth} × ${resize.maxHeight}`;
  if (arrived.bytes !== result.bytes) return `the runner reported ${result.bytes} bytes sent, the bucket holds ${arrived.bytes}`;
  if (arrived.bytes >= sourceBytes) return `the WebPs (${arrived.bytes} bytes) are no smaller than the photos (${sourceBytes} bytes)`;
  return undefined;
}

/** One run in a fresh page: pick the files, collect garbage, upload and measure, then check and empty the bucket. */
async function runOnce(context: BenchContext, scenario: Scenario, scenarioRunner: ScenarioRunner, round: number): Promise<Sample> {
  const runner = scenarioRunner.id;
  const spec: RunSpec = { ...scenario.workload, ...scenarioRunner.overrides, runner, runId: newRunId(scenario, runner, round) };
  const photos = spec.images ? await context.files.photos(spec.fileCount, spec.images) : undefined;
  // The backend signs for this scenario's store; its front holds preflights for one latency and counts.
  const storeFront = context.stack.useStore(scenario.store ?? 'direct');
  storeFront?.beginRun({ preflightDelayMs: scenario.link?.preflightDelayMs ?? 0, timingAllowOrigin: scenario.timingAllowOrigin ?? false });
  let bench: BenchPage | undefined;
  let result: RunResult;
  let heap: HeapStats | undefined;
  try {
    bench = await openBenchPage(context.browser, context.stack.pageUrl, scenario.link, storeFront?.origin.startsWith('https:') ?? false);
    await bench.page.setInputFiles('#files', photos ? photos.paths : await context.files.paths(spec.fileCount, spec.fileSize));
    await callPage(bench.page, 'prepare', spec);
    const sampler = scenario.measureHeap ? await startHeapSampler(bench.cdp) : undefined;
    try {
      result = await callPage(bench.page, 'run');
    } finally {
      heap = await sampler?.stop();
    }
  } catch (error) {
    // A page that crashed or never loaded, or a broken call, fails this run, not the 15 minutes of runs around it.
    result = { ...EMPTY_RESULT, runner, error: `the page failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await bench?.close();
  }
  const front = storeFront?.endRun();
  const wrongPath = frontProblem(scenario, result, front);
  if (wrongPath) result = { ...result, ok: false, error: wrongPath };
  const counted = front ? { front } : {};
  const prefix = runPrefix(spec.runId);
  if (photos) {
    const arrived = await arrivedImages(context, prefix);
    await context.stack.store.deletePrefix(prefix);
    const error = imageRunProblem(spec, result, arrived, photos.bytes);
    return { ...result, ...(error ? { error } : {}), round, arrived, sourceBytes: photos.bytes, complete: error === undefined, ...(heap ? { heap } : {}), ...counted };
  }
  const arrived = await context.stack.store.summarize(prefix);
  await context.stack.store.deletePrefix(prefix);
  const expectedBytes = spec.fileCount * spec.fileSize;
  const complete = result.ok && result.files === spec.fileCount && arrived.objects === spec.fileCount && arrived.bytes === expectedBytes;
  const error = result.error ?? (complete ? undefined : `expected ${spec.fileCount} objects / ${expectedBytes} bytes, the bucket holds ${arrived.objects} / ${arrived.bytes}`);
  return { ...result, ...(error ? { error } : {}), round, arrived, complete, ...(heap ? { heap } : {}), ...counted };
}

/**
 * Runs a scenario's runners interleaved for `rounds` rounds, each round in
 * rotated order (see `roundOrder`): a round's runs are adjacent in time, so
 * drifts of a shared machine hit every runner alike and paired ratios
 * cancel them.
 */
export async function runScenario(context: BenchContext, scenario: Scenario, rounds: number): Promise<ScenarioResult> {
  const started = performance.now();
  const results: RunnerResult[] = scenario.runners.map((runner) => ({ runner, available: isAvailable(runner.id, context.capabilities), samples: [] }));
  const log = (round: number, runner: RunnerId, sample: Sample, what: string) => {
    const value = sample.complete ? `${metricValue(scenario.metric, sample).toFixed(1)} ${scenario.metric}` : `FAILED: ${sample.error}`;
    const f = sample.front;
    const cut = f && f.closedByBrowser + f.upstreamErrors > 0 ? `, ${f.closedByBrowser} closed by the browser, ${f.upstreamErrors} upstream errors` : '';
    const front = f ? ` (front: ${f.connections} conn., ${f.requests} req., ${f.preflights} preflights${cut})` : '';
    context.log(`${scenario.id} ${what} ${round}/${rounds} ${runner.padEnd(14)} ${value}${front}`);
  };
  for (let round = 1; round <= rounds; round += 1) {
    for (const result of roundOrder(results.filter((r) => r.available), round)) {
      const sample = await runOnce(context, scenario, result.runner, round);
      result.samples.push(sample);
      log(round, result.runner.id, sample, 'round');
    }
  }
  for (const result of results) {
    for (const { index, medianSeconds } of slowRuns(result.samples)) {
      const first = result.samples[index] as Sample;
      const again = await runOnce(context, scenario, result.runner, first.round);
      result.samples[index] = { ...again, rerun: { firstSeconds: first.seconds, medianSeconds } };
      log(first.round, result.runner.id, again, `rerun (the first took ${first.seconds.toFixed(1)} s, the median ${medianSeconds.toFixed(1)} s) of round`);
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  context.log(`${scenario.id} took ${wallSeconds.toFixed(0)} s (${(wallSeconds / rounds).toFixed(0)} s per round)`);
  return { scenario, runners: results, wallSeconds };
}

/**
 * One discarded round of `scenario` (use small sizes): the first runs of a
 * session pay for cold sockets, an unoptimized handler and a cold workerd,
 * which would otherwise land on whichever runner happens to go first.
 */
export async function warmUp(context: BenchContext, scenario: Scenario): Promise<void> {
  for (const runner of scenario.runners.filter((r) => isAvailable(r.id, context.capabilities))) {
    const sample = await runOnce(context, scenario, runner, 0);
    if (!sample.complete) throw new Error(`Warm-up run of ${runner.id} failed: ${sample.error}`);
  }
  context.log(`warm-up done (${scenario.runners.length} runners, ${describeWorkload(scenario)})`);
}
