import type { Capabilities, RunnerId } from '../shared/protocol.ts';
import type { LinkProfile } from './browser.ts';
import type { Machine } from './machine.ts';
import { metricValue, type RunnerResult, type Sample, type ScenarioResult } from './run-scenario.ts';
import type { LinkCapacity, Metric, Profile, ScenarioRunner } from './scenarios.ts';
import { describeWorkload, linkCapacity, STORE_LABELS } from './scenarios.ts';
import { pairedRatios, summarize, type Summary } from './stats.ts';

/** A subject's speed relative to one baseline, round by round. */
export interface RatioReport {
  baseline: RunnerId;
  label: string;
  ratio: Summary;
}

export interface RunnerReport extends ScenarioRunner {
  available: boolean;
  /** Why there are no numbers, when there are none. */
  note?: string;
  /** The headline metric over complete runs. */
  value?: Summary;
  failures: number;
  firstError?: string;
  ratios: RatioReport[];
  peakInFlight?: Summary;
  storeRequests?: Summary;
  backendRequests?: Summary;
  longTasks?: { count: Summary; maxMs: Summary };
  commitsPerSecond?: Summary;
  heapGrowthMB?: Summary;
  /** Of the growth, the most the page's workers held (the MD5 worker of `verify`). */
  workerHeapMB?: Summary;
  backingStoreMB?: Summary;
  /** Image scenarios: the MB sent (the resized images) and the photos' own MB. */
  sentMB?: Summary;
  sourceMB?: Summary;
  /** Through a store front: what the front counted (front-counters.ts), per run. */
  front?: FrontReport;
  /** The distinct `nextHopProtocol` values the page saw for store requests, over all runs ('hidden' without Timing-Allow-Origin). */
  storeProtocols?: string[];
  /** Runs that were slower than twice the runner's median and ran again (reruns.ts). */
  reruns?: Array<{ round: number; firstSeconds: number; medianSeconds: number; seconds: number }>;
  samples: Sample[];
}

/** A front's counts, summarized over a runner's complete runs. */
export interface FrontReport {
  httpVersions: string[];
  connections: Summary;
  requestsPerConnection: Summary;
  /** The most requests one connection carried in a run (HTTP/2: streams in one session). */
  maxRequestsPerConnection: Summary;
  preflightsPerFile: Summary;
  /** Preflights per request that is not one (PUT, POST): 1 when every request paid its own. */
  preflightsPerRequest: Summary;
  peakConcurrent: Summary;
}

/** Whether the throttled link really applied to uploads: a raw baseline should not beat the link's capacity. */
export interface EmulationCheck {
  runner: RunnerId;
  /** The capacity and the baseline's median, in `metric` (absent in reports written before s6: then MB/s, in the fields below). */
  metric?: Metric;
  capacity?: number;
  measured?: number;
  /** Reports written before s6. */
  linkMBps?: number;
  measuredMBps?: number;
  applied: boolean;
}

export interface ScenarioReport {
  id: string;
  title: string;
  metric: Metric;
  workload: string;
  link?: LinkProfile;
  /** What the link carries, in the scenario's metric, and how that was computed. */
  linkCapacity?: LinkCapacity;
  /** Where the uploads went, when not to Miniflare directly (a front: store-front.ts). */
  store?: string;
  timingAllowOrigin?: boolean;
  mainThread: boolean;
  measureHeap: boolean;
  runners: RunnerReport[];
  emulation?: EmulationCheck;
  /** Wall-clock seconds for all rounds of the scenario. */
  wallSeconds?: number;
}

/** MD5 throughput: `mbPerSecond` in the library's worker (what `verify` uses), and with its main-thread fallback. */
export type Md5Report = { available: false; note: string } | { available: true; size: number; mbPerSecond: Summary; mainThreadMbPerSecond?: Summary };

export interface BenchReport {
  provisional: boolean;
  note?: string;
  profile: Profile;
  rounds: number;
  machine: Machine;
  durationSeconds: number;
  capabilities: Capabilities;
  scenarios: ScenarioReport[];
  md5: Md5Report;
}

const NOT_YET: Partial<Record<RunnerId, string>> = {
  'ours-multipart': 'not yet available: `createUploader` has no multipart options yet',
  'ours-multipart-verify': 'not yet available: the library has no multipart `verify` option yet',
};

const MB = 1e6;

function summarizeBy(samples: readonly Sample[], pick: (sample: Sample) => number | undefined): Summary | undefined {
  return summarize(samples.map(pick).filter((value): value is number => value !== undefined));
}

function valuesByRound(metric: Metric, result: RunnerResult): Map<number, number> {
  return new Map(result.samples.filter((s) => s.complete).map((s) => [s.round, metricValue(metric, s)]));
}

function frontReport(samples: readonly Sample[], fileCount: number): FrontReport | undefined {
  const counted = samples.flatMap((s) => (s.front ? [s.front] : []));
  if (counted.length === 0) return undefined;
  // Never undefined: there is at least one run.
  const pick = (f: (front: NonNullable<Sample['front']>) => number) => summarize(counted.map(f)) as Summary;
  return {
    httpVersions: [...new Set(counted.flatMap((f) => f.httpVersions))].sort(),
    connections: pick((f) => f.connections),
    requestsPerConnection: pick((f) => f.requests / Math.max(1, f.connections)),
    maxRequestsPerConnection: pick((f) => f.maxRequestsPerConnection),
    preflightsPerFile: pick((f) => f.preflights / fileCount),
    preflightsPerRequest: pick((f) => f.preflights / Math.max(1, f.puts + f.others)),
    peakConcurrent: pick((f) => f.peakConcurrent),
  };
}

function runnerReport(scenario: ScenarioResult, result: RunnerResult): RunnerReport {
  const { metric, mainThread, measureHeap } = scenario.scenario;
  const complete = result.samples.filter((s) => s.complete);
  const failed = result.samples.filter((s) => !s.complete);
  const ratios: RatioReport[] =
    result.runner.role !== 'subject'
      ? []
      : scenario.runners
          .filter((other) => other.runner.role === 'baseline')
          .flatMap((other) => {
            const ratio = pairedRatios(valuesByRound(metric, result), valuesByRound(metric, other));
            return ratio ? [{ baseline: other.runner.id, label: other.runner.label, ratio }] : [];
          });
  const front = frontReport(complete, scenario.scenario.workload.fileCount);
  const protocols = [...new Set(complete.flatMap((s) => s.storeProtocols ?? []))].sort();
  const reruns = result.samples.flatMap((s) => (s.rerun ? [{ round: s.round, ...s.rerun, seconds: s.seconds }] : []));
  const longTaskCount = mainThread ? summarizeBy(complete, (s) => s.longTasks.count) : undefined;
  const longTaskMax = mainThread ? summarizeBy(complete, (s) => s.longTasks.maxMs) : undefined;
  return {
    ...result.runner,
    available: result.available,
    // Undefined fields vanish from the JSON.
    note: result.available ? undefined : (NOT_YET[result.runner.id] ?? 'not yet available'),
    value: summarizeBy(complete, (s) => metricValue(metric, s)),
    failures: failed.length,
    firstError: failed[0]?.error,
    ratios,
    peakInFlight: summarizeBy(complete, (s) => s.peakInFlight),
    storeRequests: summarizeBy(complete, (s) => s.storeRequests),
    backendRequests: summarizeBy(complete, (s) => s.backendRequests),
    longTasks: longTaskCount && longTaskMax ? { count: longTaskCount, maxMs: longTaskMax } : undefined,
    commitsPerSecond: mainThread ? summarizeBy(complete, (s) => s.commits?.perSecond) : undefined,
    heapGrowthMB: measureHeap ? summarizeBy(complete, (s) => (s.heap ? s.heap.growth / MB : undefined)) : undefined,
    workerHeapMB: measureHeap ? summarizeBy(complete, (s) => (s.heap?.peakWorkers === undefined ? undefined : s.heap.peakWorkers / MB)) : undefined,
    backingStoreMB: measureHeap ? summarizeBy(complete, (s) => (s.heap?.peakBackingStore === undefined ? undefined : s.heap.peakBackingStore / MB)) : undefined,
    sentMB: summarizeBy(complete, (s) => (s.sourceBytes === undefined ? undefined : s.arrived.bytes / MB)),
    sourceMB: summarizeBy(complete, (s) => (s.sourceBytes === undefined ? undefined : s.sourceBytes / MB)),
    front,
    storeProtocols: protocols.length > 0 ? protocols : undefined,
    reruns: reruns.length > 0 ? reruns : undefined,
    samples: result.samples,
  };
}

function emulationCheck(scenario: ScenarioResult, runners: readonly RunnerReport[]): EmulationCheck | undefined {
  const { metric, emulationCheck: id } = scenario.scenario;
  const capacity = linkCapacity(scenario.scenario)?.value;
  const measured = runners.find((r) => r.id === id)?.value?.median;
  if (capacity === undefined || !id || measured === undefined) return undefined;
  // Headers, preflights and latency only ever slow a PUT down; faster than the link means no emulation.
  return { runner: id, metric, capacity, measured, applied: measured <= capacity * 1.1 };
}

export function scenarioReport(result: ScenarioResult): ScenarioReport {
  const { scenario } = result;
  const runners = result.runners.map((runner) => runnerReport(result, runner));
  const emulation = emulationCheck(result, runners);
  const capacity = linkCapacity(scenario);
  return {
    id: scenario.id,
    title: scenario.title,
    metric: scenario.metric,
    workload: describeWorkload(scenario),
    ...(scenario.link ? { link: scenario.link } : {}),
    ...(capacity ? { linkCapacity: capacity } : {}),
    ...(scenario.store && scenario.store !== 'direct' ? { store: STORE_LABELS[scenario.store] } : {}),
    ...(scenario.timingAllowOrigin ? { timingAllowOrigin: true } : {}),
    mainThread: scenario.mainThread ?? false,
    measureHeap: scenario.measureHeap ?? false,
    runners,
    ...(emulation ? { emulation } : {}),
    wallSeconds: Math.round(result.wallSeconds),
  };
}

/** Every run that was attempted and did not complete, as `scenario/runner: error` lines. */
export function failuresOf(report: BenchReport): string[] {
  return report.scenarios.flatMap((scenario) =>
    scenario.runners.flatMap((runner) => runner.samples.filter((s) => !s.complete).map((s) => `${scenario.id}/${runner.id} round ${s.round}: ${s.error ?? 'incomplete'}`)),
  );
}
