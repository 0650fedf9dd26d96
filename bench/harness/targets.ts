import type { RunnerId } from '../shared/protocol.ts';
import type { BenchReport, RunnerReport, ScenarioReport } from './report.ts';
import type { Summary } from './stats.ts';

/** One of the performance targets of issue 7 (s1 to s5b) and issue 15 (s7), judged from a run's figures. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** `undefined` when the run has no figure for it (a scenario left out with `--only`). */
  met: boolean | undefined;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const times = (s: Summary) => `${fixed(s.median, 2)}×${s.n > 1 ? ` (${fixed(s.min, 2)}–${fixed(s.max, 2)})` : ''}`;

const scenarioOf = (report: BenchReport, id: string) => report.scenarios.find((s) => s.id === id);
const runnerOf = (scenario: ScenarioReport | undefined, id: RunnerId): RunnerReport | undefined => scenario?.runners.find((r) => r.id === id);

/**
 * The subject ÷ baseline ratio, paired round by round, against a minimum (the
 * median must reach it). With `limit`, the measured text adds how far that
 * raw baseline (the practical limit) got against the same baseline.
 */
function ratioTarget(report: BenchReport, scenarioId: string, subject: RunnerId, baseline: RunnerId, minimum: number, target: string, limit?: RunnerId): TargetCheck {
  const scenario = scenarioOf(report, scenarioId);
  const ratio = runnerOf(scenario, subject)?.ratios.find((r) => r.baseline === baseline)?.ratio;
  if (!ratio) return { target, measured: 'not run', met: undefined };
  const top = limit ? runnerOf(scenario, limit) : undefined;
  const under = runnerOf(scenario, baseline)?.value;
  const reach = top?.value && under ? `; the raw baseline reaches ${fixed(top.value.median / under.median, 2)}× (medians)` : '';
  return { target, measured: `${times(ratio)}${reach}`, met: ratio.median >= minimum };
}

/** The throttled large file against the link's own capacity. */
function linkTarget(report: BenchReport): TargetCheck {
  const target = 's5a: the large file on the throttled link ≥ 0.92 × its capacity';
  const scenario = scenarioOf(report, 's5a');
  const value = runnerOf(scenario, 'ours-multipart')?.value;
  if (!scenario?.link || !value) return { target, measured: 'not run', met: undefined };
  const link = scenario.link.bytesPerSecond / 1e6;
  return { target, measured: `${fixed(value.median, 1)} of ${fixed(link, 1)} MB/s: ${fixed(value.median / link, 2)}`, met: value.median / link >= 0.92 };
}

/** No long task (over 50 ms, the only ones the browser reports) in any round. */
function longTaskTarget(runner: RunnerReport | undefined, target: string): TargetCheck {
  if (!runner?.longTasks) return { target, measured: 'not run', met: undefined };
  const { count, maxMs } = runner.longTasks;
  return {
    target,
    measured: count.max === 0 ? `none in any of ${count.n} rounds` : `up to ${fixed(count.max, 0)} per round, the longest ${fixed(maxMs.max, 0)} ms`,
    met: count.max === 0,
  };
}

/** Scenario 4's main thread, judged on its worst round. */
function mainThreadTargets(report: BenchReport): TargetCheck[] {
  const ui = runnerOf(scenarioOf(report, 's4'), 'ours-ui');
  const longTarget = 's4: no long task over 50 ms while 1,000 files are added and sent';
  const commitTarget = 's4: at most 30 React commits per second';
  if (!ui?.longTasks || !ui.commitsPerSecond) {
    return [longTarget, commitTarget].map((target) => ({ target, measured: 'not run', met: undefined }));
  }
  const commits = ui.commitsPerSecond;
  return [longTaskTarget(ui, longTarget), { target: commitTarget, measured: `${fixed(commits.median, 0)} (the most in a round: ${fixed(commits.max, 0)})`, met: commits.max <= 30 }];
}

/** JS heap growth while the 512 MiB file goes multipart, judged on the worst round. */
function heapTarget(report: BenchReport, runner: RunnerId, target: string): TargetCheck {
  const growth = runnerOf(scenarioOf(report, 's2'), runner)?.heapGrowthMB;
  return growth ? { target, measured: `${fixed(growth.median, 1)} MB (the most: ${fixed(growth.max, 1)})`, met: growth.max < 16 } : { target, measured: 'not run', met: undefined };
}

/**
 * Every speed and memory target of issues 7 and 15, checked against a run. Against
 * Uppy, the target is judged with Uppy's own default part size (how the
 * issue measured its baseline); the like-for-like run with our part size is
 * shown next to it, judged by the same bar.
 */
export function targetChecks(report: BenchReport): TargetCheck[] {
  return [
    ratioTarget(report, 's1', 'ours', 'raw-xhr', 0.97, 's1: single PUT ≥ 0.97 × raw XHR'),
    ratioTarget(report, 's2', 'ours-multipart', 'raw-multipart', 0.95, 's2: multipart ≥ 0.95 × raw multipart'),
    ratioTarget(report, 's2', 'ours-multipart', 'uppy-default-parts', 1.2, 's2: multipart ≥ 1.2 × Uppy 6 (its default 5 MiB parts)', 'raw-multipart'),
    ratioTarget(report, 's2', 'ours-multipart', 'uppy', 1.2, 's2: the same, Uppy 6 with our 8 MiB parts', 'raw-multipart'),
    ratioTarget(report, 's3', 'ours', 'uppy', 1.3, 's3: 300 × 64 KiB ≥ 1.3 × Uppy 6'),
    ...mainThreadTargets(report),
    linkTarget(report),
    ratioTarget(report, 's5a', 'ours-multipart', 'uppy-default-parts', 1.3, 's5a: the large file, throttled, ≥ 1.3 × Uppy 6 (its default 5 MiB parts)', 'raw-multipart'),
    ratioTarget(report, 's5a', 'ours-multipart', 'uppy', 1.3, 's5a: the same, Uppy 6 with our 8 MiB parts', 'raw-multipart'),
    ratioTarget(report, 's5b', 'ours', 'uppy', 1.5, 's5b: 300 × 64 KiB, throttled, ≥ 1.5 × Uppy 6'),
    heapTarget(report, 'ours-multipart', 's2: JS heap growth < 16 MB for 512 MiB'),
    heapTarget(report, 'ours-multipart-verify', 's2: the same with `verify`'),
    ratioTarget(report, 's7', 'ours-resize', 'uppy-compressor', 1.5, 's7: photos resized to 2048 px WebP and sent ≥ 1.5 × Uppy 6 + @uppy/compressor (images/s)'),
    longTaskTarget(runnerOf(scenarioOf(report, 's7'), 'ours-resize'), 's7: no long task over 50 ms while the photos are resized and sent'),
    longTaskTarget(runnerOf(scenarioOf(report, 's7b'), 'ours-ui-resize'), 's7b: no long task over 50 ms while 100 photos of 12 MP are added to the component, previewed, resized and sent'),
  ];
}

const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'yes' : '**no**');

/** The targets as a Markdown table. */
export function targetsMarkdown(report: BenchReport): string {
  return [
    '| target (medians; ratios paired round by round) | measured | met |',
    '| --- | --- | --- |',
    ...targetChecks(report).map((check) => `| ${check.target} | ${check.measured} | ${verdict(check.met)} |`),
  ].join('\n');
}
