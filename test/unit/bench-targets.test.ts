import { describe, expect, it } from 'vitest';
import type { BenchReport, RunnerReport, ScenarioReport } from '../../bench/harness/report.ts';
import type { Summary } from '../../bench/harness/stats.ts';
import { slowRuns } from '../../bench/harness/reruns.ts';
import type { Sample } from '../../bench/harness/run-scenario.ts';
import { targetChecks, targetsMarkdown } from '../../bench/harness/targets.ts';
import type { RunnerId } from '../../bench/shared/protocol.ts';

const summary = (median: number, min = median, max = median, n = 5): Summary => ({ median, min, max, n });

function runner(id: RunnerId, extra: Partial<RunnerReport> = {}, ratios: Partial<Record<RunnerId, number>> = {}): RunnerReport {
  return {
    id,
    label: id,
    role: id.startsWith('ours') ? 'subject' : 'baseline',
    available: true,
    failures: 0,
    samples: [],
    ratios: Object.entries(ratios).map(([baseline, median]) => ({ baseline: baseline as RunnerId, label: baseline, ratio: summary(median, median - 0.1, median + 0.1) })),
    ...extra,
  };
}

function scenario(id: string, runners: RunnerReport[], extra: Partial<ScenarioReport> = {}): ScenarioReport {
  return { id, title: id, metric: 'MB/s', workload: id, mainThread: false, measureHeap: false, runners, ...extra };
}

/** A run shaped like `npm run bench` writes it, with chosen figures. */
function report(scenarios: ScenarioReport[]): BenchReport {
  return { provisional: false, profile: 'full', rounds: 5, scenarios, durationSeconds: 1 } as unknown as BenchReport;
}

const fullRun = report([
  scenario('s1', [runner('ours', {}, { 'raw-xhr': 0.99 })]),
  scenario('s2', [
    runner('ours-multipart', { heapGrowthMB: summary(2, 1, 3) }, { 'raw-multipart': 0.96, 'uppy-default-parts': 1.25, uppy: 1.02 }),
    runner('ours-multipart-verify', { heapGrowthMB: summary(3, 2, 17) }),
  ]),
  scenario('s3', [runner('ours', {}, { uppy: 1.42 })]),
  scenario('s4', [runner('ours-ui', { longTasks: { count: summary(0, 0, 1), maxMs: summary(0, 0, 61) }, commitsPerSecond: summary(28, 25, 29) })]),
  scenario('s5a', [runner('ours-multipart', { value: summary(11.5) }, { 'uppy-default-parts': 1.31, uppy: 1.14 })], { link: { name: 'throttled', latencyMs: 50, bytesPerSecond: 12_500_000 } }),
  scenario('s5b', [runner('ours', {}, { uppy: 1.61 })]),
]);

describe("issue 7's targets, judged from a run", () => {
  const verdicts = Object.fromEntries(targetChecks(fullRun).map((check) => [check.target, check.met]));

  it('judges each ratio by its median against the target', () => {
    expect(verdicts['s1: single PUT ≥ 0.97 × raw XHR']).toBe(true);
    expect(verdicts['s2: multipart ≥ 0.95 × raw multipart']).toBe(true);
    expect(verdicts['s2: multipart ≥ 1.2 × Uppy 6 (its default 5 MiB parts)']).toBe(true);
    expect(verdicts['s2: the same, Uppy 6 with our 8 MiB parts']).toBe(false);
    expect(verdicts['s3: 300 × 64 KiB ≥ 1.3 × Uppy 6']).toBe(true);
    expect(verdicts['s5a: the large file, throttled, ≥ 1.3 × Uppy 6 (its default 5 MiB parts)']).toBe(true);
    expect(verdicts['s5a: the same, Uppy 6 with our 8 MiB parts']).toBe(false);
    expect(verdicts['s5b: 300 × 64 KiB, throttled, ≥ 1.5 × Uppy 6']).toBe(true);
  });

  it('measures the throttled large file against the link, 11.5 of 12.5 MB/s being 0.92', () => {
    const link = targetChecks(fullRun).find((check) => check.target.includes('capacity'));
    expect(link).toEqual({ target: 's5a: the large file on the throttled link ≥ 0.92 × its capacity', measured: '11.5 of 12.5 MB/s: 0.92', met: true });
  });

  it('judges the main thread and the heap on their worst round, not the median', () => {
    expect(verdicts['s4: no long task over 50 ms while 1,000 files are added and sent']).toBe(false);
    expect(verdicts['s4: at most 30 React commits per second']).toBe(true);
    expect(verdicts['s2: JS heap growth < 16 MB for 512 MiB']).toBe(true);
    expect(verdicts['s2: the same with `verify`']).toBe(false);
  });

  it("shows how far the raw baseline itself got against Uppy, so a bar above the practical limit reads as such", () => {
    const run = report([
      scenario('s2', [
        runner('ours-multipart', { value: summary(83) }, { 'uppy-default-parts': 1.14 }),
        runner('raw-multipart', { label: 'raw multipart', value: summary(86) }),
        runner('uppy-default-parts', { value: summary(73) }),
      ]),
    ]);
    const check = targetChecks(run).find((c) => c.target.startsWith('s2: multipart ≥ 1.2'));
    expect(check).toEqual({ target: 's2: multipart ≥ 1.2 × Uppy 6 (its default 5 MiB parts)', measured: '1.14× (1.04–1.24); the raw baseline reaches 1.18× (medians)', met: false });
  });

  it('leaves a target unjudged when its scenario did not run (--only)', () => {
    const partial = report([scenario('s1', [runner('ours', {}, { 'raw-xhr': 1.01 })])]);
    const checks = targetChecks(partial);
    expect(checks.filter((check) => check.met !== undefined)).toHaveLength(1);
    expect(checks.find((check) => check.target.startsWith('s3'))).toMatchObject({ measured: 'not run', met: undefined });
    expect(targetsMarkdown(partial)).toContain('| s1: single PUT ≥ 0.97 × raw XHR | 1.01× (0.91–1.11) | yes |');
  });
});

describe("issue 15's image targets, judged from a run", () => {
  const run = report([
    scenario('s7', [
      runner('ours-resize', { longTasks: { count: summary(0), maxMs: summary(0) } }, { 'uppy-compressor': 1.02 }),
      runner('uppy-compressor', { longTasks: { count: summary(56, 54, 58), maxMs: summary(480, 390, 640) } }),
    ]),
    scenario('s7b', [runner('ours-ui-resize', { longTasks: { count: summary(0, 0, 1), maxMs: summary(0, 0, 70) } })]),
  ]);
  const checks = Object.fromEntries(targetChecks(run).map((check) => [check.target.slice(0, 12), check]));

  it('judges the resize speed against Uppy with its compressor by the median ratio', () => {
    expect(checks['s7: photos r']).toMatchObject({ measured: '1.02× (0.92–1.12)', met: false });
  });

  it('judges long tasks on the worst round, for the engine and for the component', () => {
    expect(checks['s7: no long ']).toMatchObject({ measured: 'none in any of 5 rounds', met: true });
    expect(checks['s7b: no long']).toMatchObject({ measured: 'up to 1 per round, the longest 70 ms', met: false });
  });
});

describe("the HTTP/2 issue's targets (s6*), judged from a run", () => {
  const slow = { name: '5 MB/s, 125 ms', latencyMs: 125, bytesPerSecond: 5_000_000, preflightDelayMs: 125 };
  const files = { link: slow, metric: 'files/s' as const, linkCapacity: { value: 5_000_000 / 65_536, basis: '5 MB/s ÷ 64 KiB' } };
  const run = report([
    scenario('s6', [runner('ours', { value: summary(62) }, { uppy: 2.6 }), runner('raw-batch-48', { value: summary(66) }), runner('uppy', { value: summary(21) })], files),
    scenario('s6h1', [runner('ours', {}, { 'raw-batch': 1.12, 'raw-xhr': 1.4 })], files),
    scenario('s6b', [runner('ours-multipart', { value: summary(4.8) })], { link: slow, linkCapacity: { value: 5, basis: 'the throttle’s rate' } }),
    scenario('s6c', [runner('ours-ui', { longTasks: { count: summary(0), maxMs: summary(0) }, commitsPerSecond: summary(20, 18, 31) })], files),
  ]);
  const checks = Object.fromEntries(targetChecks(run).map((check) => [check.target, check]));

  it("measures s6 and s6b against the link's capacity in their own unit", () => {
    expect(checks['s6: 300 × 64 KiB over HTTP/2 ≥ 0.8 × the link’s capacity']).toMatchObject({ measured: '62.0 of 76.3 files/s: 0.81', met: true });
    expect(checks['s6b: 1 × 64 MiB multipart over HTTP/2 ≥ 0.95 × the link’s capacity']).toMatchObject({ measured: '4.8 of 5.0 MB/s: 0.96', met: true });
  });

  it('judges s6 against Uppy by the paired ratio, showing how far batch-signed raw XHR at 48 got', () => {
    expect(checks['s6: the same ≥ 2.5 × Uppy 6 (its defaults)']).toMatchObject({ measured: '2.60× (2.50–2.70); the raw baseline reaches 3.14× (medians)', met: true });
  });

  it('wants s6 over HTTP/1.1 within 10 % of batch-signed raw XHR at 6, either way', () => {
    expect(checks['s6h1: s6 over HTTP/1.1 within noise (±10 %) of raw XHR, 6 in flight (batch-signed)']).toMatchObject({ measured: '1.12× (1.02–1.22)', met: false });
  });

  it("judges s6c's main thread on its worst round, like s4", () => {
    expect(checks['s6c: no long task over 50 ms while 1,000 files are added and sent over HTTP/2']).toMatchObject({ met: true });
    expect(checks['s6c: at most 30 React commits per second']).toMatchObject({ measured: '20 (the most in a round: 31)', met: false });
  });
});

describe('runs stalled by the throttle (reruns.ts)', () => {
  const run = (seconds: number, complete = true) => ({ seconds, complete }) as Sample;

  it('picks the complete runs slower than twice the median of the complete runs', () => {
    expect(slowRuns([run(5), run(5.5), run(12), run(4.8), run(30, false)])).toEqual([{ index: 2, medianSeconds: 5.25 }]);
  });

  it('never judges fewer than three runs, where the median says nothing', () => {
    expect(slowRuns([run(1), run(10)])).toEqual([]);
  });
});
