import type { RunnerId } from '../shared/protocol.ts';
import type { BenchReport, RunnerReport, ScenarioReport } from './report.ts';
import type { Summary } from './stats.ts';
import { targetsMarkdown } from './targets.ts';

/** The report as Markdown: a header with the machine, then one table per scenario. Pure: JSON in, text out. */

const fixed = (value: number, digits: number) => value.toFixed(digits);
const range = (s: Summary, digits: number) => (s.n > 1 ? `${fixed(s.min, digits)}–${fixed(s.max, digits)}` : '');
const times = (s: Summary) => `${fixed(s.median, 2)}×${s.n > 1 ? ` (${fixed(s.min, 2)}–${fixed(s.max, 2)})` : ''}`;
const whole = (s: Summary | undefined) => (s ? fixed(s.median, 0) : '');
const escapeCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

interface Column {
  head: string;
  align: 'left' | 'right';
  cell: (runner: RunnerReport) => string;
}

function columns(scenario: ScenarioReport): Column[] {
  const digits = 1;
  const baselines = scenario.runners.filter((r) => r.role === 'baseline' && r.value);
  const list: Column[] = [
    { head: 'runner', align: 'left', cell: (r) => escapeCell(r.label) },
    { head: `${scenario.metric} (median)`, align: 'right', cell: (r) => (r.value ? `**${fixed(r.value.median, digits)}**` : '') },
    { head: 'min–max', align: 'right', cell: (r) => (r.value ? range(r.value, digits) : '') },
    ...baselines.map(
      (b): Column => ({
        head: `vs ${escapeCell(b.label)}`,
        align: 'right',
        cell: (r) => {
          const ratio = r.ratios.find((x) => x.baseline === b.id);
          return ratio ? times(ratio.ratio) : '';
        },
      }),
    ),
    { head: 'peak in flight', align: 'right', cell: (r) => whole(r.peakInFlight) },
    { head: 'requests (store / backend)', align: 'right', cell: (r) => (r.storeRequests ? `${whole(r.storeRequests)} / ${whole(r.backendRequests)}` : '') },
  ];
  if (scenario.store) {
    // The front's own counts: HTTP/2 shows as few connections carrying many requests each.
    list.push(
      { head: 'connections (requests each / most on one)', align: 'right', cell: (r) => (r.front ? `${whole(r.front.connections)} (${whole(r.front.requestsPerConnection)} / ${whole(r.front.maxRequestsPerConnection)})` : '') },
      { head: 'preflights per file (per store request)', align: 'right', cell: (r) => (r.front ? `${fixed(r.front.preflightsPerFile.median, 2)} (${fixed(r.front.preflightsPerRequest.median, 2)})` : '') },
    );
  }
  if (scenario.runners.some((r) => r.sentMB)) {
    list.push({ head: 'sent MB (of the photos’ MB)', align: 'right', cell: (r) => (r.sentMB && r.sourceMB ? `${fixed(r.sentMB.median, 1)} (of ${fixed(r.sourceMB.median, 1)})` : '') });
  }
  if (scenario.mainThread) {
    list.push({ head: 'long tasks (count / max ms)', align: 'right', cell: (r) => (r.longTasks ? `${whole(r.longTasks.count)} / ${whole(r.longTasks.maxMs)}` : '') });
    // Only <R2Uploader> renders: a scenario without it has no commits to show.
    if (scenario.runners.some((r) => r.commitsPerSecond)) list.push({ head: 'React commits/s', align: 'right', cell: (r) => (r.commitsPerSecond ? fixed(r.commitsPerSecond.median, 0) : '') });
  }
  if (scenario.measureHeap) {
    list.push(
      { head: 'JS heap growth, workers included (MB)', align: 'right', cell: (r) => (r.heapGrowthMB ? fixed(r.heapGrowthMB.median, 1) : '') },
      { head: 'of which workers (MB)', align: 'right', cell: (r) => (r.workerHeapMB ? fixed(r.workerHeapMB.median, 1) : '') },
      { head: 'ArrayBuffers peak (MB)', align: 'right', cell: (r) => (r.backingStoreMB ? fixed(r.backingStoreMB.median, 1) : '') },
    );
  }
  return list;
}

function row(runner: RunnerReport, cols: readonly Column[]): string {
  if (!runner.available) return `| ${escapeCell(runner.label)} | ${escapeCell(runner.note ?? 'not yet available')} |${' |'.repeat(cols.length - 2)}`;
  const failed = runner.failures > 0 ? ` (${runner.failures} of ${runner.samples.length} runs failed: ${escapeCell(runner.firstError ?? '')})` : '';
  const cells = cols.map((col, i) => (i === 0 ? `${col.cell(runner)}${failed}` : col.cell(runner)));
  return `| ${cells.join(' | ')} |`;
}

/** What a scenario's table does not show: the link's capacity, the emulation and protocol checks, and the reruns. */
function notes(scenario: ScenarioReport): string[] {
  const lines: string[] = [];
  const { linkCapacity, emulation, link, store } = scenario;
  if (link && linkCapacity) {
    const delay = link.preflightDelayMs ? `; each CORS preflight held ${link.preflightDelayMs} ms by the store front, since CDP throttling does not delay preflights` : '';
    lines.push(`Link: ${link.name}${delay}. It carries ${fixed(linkCapacity.value, 1)} ${scenario.metric} (${linkCapacity.basis}).`);
  }
  if (emulation) {
    const metric = emulation.metric ?? 'MB/s';
    const measured = emulation.measured ?? emulation.measuredMBps ?? 0;
    const capacity = emulation.capacity ?? emulation.linkMBps ?? 0;
    lines.push(`Link emulation check: ${emulation.runner} reached ${fixed(measured, 1)} ${metric} on a link that carries ${fixed(capacity, 1)}: ${emulation.applied ? 'the emulation applies to uploads' : '**faster than the link: the emulation did not apply**'}.`);
  }
  if (store) {
    const versions = [...new Set(scenario.runners.flatMap((r) => r.front?.httpVersions ?? []))].join(', ') || 'nothing';
    const seen = [...new Set(scenario.runners.flatMap((r) => r.storeProtocols ?? []))].join(', ') || 'nothing';
    const why = scenario.timingAllowOrigin ? 'its answers carry Timing-Allow-Origin' : "without Timing-Allow-Origin Chromium blanks it, as for a real bucket's answers";
    lines.push(`Store: ${store}, which saw HTTP ${versions} only; the page's \`nextHopProtocol\` for store requests: ${seen} (${why}).`);
  }
  for (const runner of scenario.runners) {
    for (const rerun of runner.reruns ?? []) {
      lines.push(`Rerun: ${escapeCell(runner.label)}, round ${rerun.round}, took ${fixed(rerun.firstSeconds, 1)} s, over twice the median of ${fixed(rerun.medianSeconds, 1)} s (most likely a stall of Chromium's throttle); its rerun took ${fixed(rerun.seconds, 1)} s and is the figure used.`);
    }
  }
  return lines.length > 0 ? ['', ...lines.flatMap((line, i) => (i === 0 ? [line] : ['', line]))] : [];
}

export function scenarioMarkdown(scenario: ScenarioReport): string {
  const cols = columns(scenario);
  const lines = [
    `### ${scenario.id}: ${escapeCell(scenario.title)}`,
    '',
    `${scenario.workload}.${scenario.wallSeconds === undefined ? '' : ` ${scenario.wallSeconds} s for all rounds.`}`,
    '',
    `| ${cols.map((c) => c.head).join(' | ')} |`,
    `| ${cols.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...scenario.runners.map((runner) => row(runner, cols)),
  ];
  lines.push(...notes(scenario));
  return lines.join('\n');
}

/** The headline columns: one per runner, whatever scenario it ran in (s7's resizing runners share the columns of their plain selves). */
const HEADLINE: ReadonlyArray<[RunnerId[], string]> = [
  [['ours', 'ours-resize'], 'r2-uploader'],
  [['ours-ui', 'ours-ui-resize'], '&lt;R2Uploader&gt;'],
  [['ours-multipart'], 'r2-uploader multipart'],
  [['raw-xhr'], 'raw XHR'],
  [['raw-batch'], 'raw XHR, batch signing'],
  [['raw-batch-24'], 'raw XHR, batch, 24 in flight'],
  [['raw-batch-48'], 'raw XHR, batch, 48 in flight'],
  [['raw-multipart'], 'raw multipart'],
  [['uppy', 'uppy-compressor'], 'Uppy 6'],
  [['uppy-default-parts'], 'Uppy 6, its 5 MiB parts'],
];

/** "s6: 300 × 64 KiB, 5 MB/s, 125 ms, HTTP/2 front (TLS); the link carries 76.3": where the figures of a row came from. */
function scenarioLabel(s: ScenarioReport): string {
  const link = s.link ? `, ${s.link.name}` : '';
  const store = s.store ? `, ${escapeCell(s.store)}` : '';
  const capacity = s.linkCapacity && s.store ? `; the link carries ${fixed(s.linkCapacity.value, 1)}` : '';
  return `${s.id}: ${s.workload}${link}${store}${capacity}`;
}

/** One row per scenario, one column per runner: the medians at a glance (the README shows this table). */
export function headlineMarkdown(report: BenchReport): string {
  const cell = (scenario: ScenarioReport, ids: readonly RunnerId[]) => {
    const runner = scenario.runners.find((r) => ids.includes(r.id));
    if (!runner) return '';
    if (!runner.available) return 'n/a yet';
    return runner.value ? fixed(runner.value.median, 1) : 'failed';
  };
  // Only the runners this run has (a run with --only, or one from before s6, has no 24 and 48 in flight).
  const shown = HEADLINE.filter(([ids]) => report.scenarios.some((s) => s.runners.some((r) => ids.includes(r.id))));
  return [
    `| scenario | unit | ${shown.map(([, label]) => label).join(' | ')} |`,
    `| --- | --- | ${shown.map(() => '---:').join(' | ')} |`,
    ...report.scenarios.map((s) => `| ${scenarioLabel(s)} | ${s.metric} | ${shown.map(([id]) => cell(s, id)).join(' | ')} |`),
    '',
    '"r2-uploader" is the core engine with one PUT per file; "r2-uploader multipart" sends 8 MiB parts, 4 at once; ' +
      '"&lt;R2Uploader&gt;" adds the React UI. Uppy 6 uses multipart in s2 and s5a, a single PUT elsewhere; ' +
      'in s2 and s5a it runs twice, with our 8 MiB parts and with its own default 5 MiB parts. ' +
      'In s4 only &lt;R2Uploader&gt; renders anything.' +
      (report.scenarios.some((s) => s.id === 's7')
        ? ' In s7 both resize every photo before its upload: r2-uploader with `resizeImages` in a Web Worker, Uppy 6 with `@uppy/compressor` on the main thread.'
        : '') +
      (report.scenarios.some((s) => s.id.startsWith('s6'))
        ? ' In s6* r2-uploader and Uppy 6 run with their own defaults (no concurrency passed); raw XHR sends 6 at once (signed file by file, or batch-signed), and batch-signed also 24 and 48.'
        : ''),
  ].join('\n');
}

const FRONTS_NOTE =
  ', reached on the throttled links through a front on 127.0.0.1 that holds each CORS preflight for one latency ' +
  '(plain HTTP/1.1 in s5a and s5b; TLS with HTTP/2 or HTTP/1.1 in s6*, its throwaway self-signed certificate accepted by the bench’s own browser contexts only)';

function header(report: BenchReport): string[] {
  const m = report.machine;
  const lines = ['# r2-uploader benchmark', ''];
  if (report.provisional) lines.push(`> **Provisional figures.**${report.note ? ` ${report.note}` : ''}`, '');
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium}; ${m.date.slice(0, 16).replace('T', ' ')} UTC; load average ${m.load.start} at the start, ${m.load.end} at the end.`,
    `Run: ${report.profile} sizes, ${report.rounds} round${report.rounds === 1 ? '' : 's'}, runners interleaved within each round, ${Math.round(report.durationSeconds)} s in all.`,
    `Store: Miniflare (local R2, checks SigV4) on 127.0.0.1${report.scenarios.some((s) => s.store) ? FRONTS_NOTE : ''}; headless Chromium; the library built from src/ in production mode.`,
    'Figures are medians with min–max; MB = 10⁶ bytes. "vs X" is r2-uploader ÷ X, paired round by round (median, min–max): above 1× is faster.',
  );
  return lines;
}

/** s2's heap growth with and without `verify`, against the issue's 16 MB. */
function memoryLine(report: BenchReport): string | undefined {
  const s2 = report.scenarios.find((s) => s.measureHeap);
  const growth = (id: RunnerId) => s2?.runners.find((r) => r.id === id)?.heapGrowthMB;
  const plain = growth('ours-multipart');
  const verified = growth('ours-multipart-verify');
  if (!s2 || !plain || !verified) return undefined;
  const workers = s2.runners.find((r) => r.id === 'ours-multipart-verify')?.workerHeapMB;
  const inWorkers = workers ? `, of which ${fixed(workers.median, 1)} MB in the MD5 worker` : '';
  return `JS heap growth while r2-uploader sends ${s2.workload} (target: under 16 MB): **${fixed(plain.median, 1)} MB** without \`verify\`, **${fixed(verified.median, 1)} MB** with it${inWorkers}.`;
}

function md5Line(report: BenchReport): string {
  if (!report.md5.available) return `MD5 hashing throughput: ${report.md5.note}.`;
  const { mbPerSecond, mainThreadMbPerSecond, size } = report.md5;
  const rate = (s: Summary) => `${fixed(s.median, 0)} MB/s${s.n > 1 ? ` (${range(s, 0)})` : ''}`;
  const mainThread = mainThreadMbPerSecond ? `; on the main thread (the fallback where a CSP forbids workers) ${rate(mainThreadMbPerSecond)}` : '';
  return `MD5 hashing throughput over ${fixed(size / 1e6, 0)} MB, as \`verify\` computes it: in the library's Web Worker **${rate(mbPerSecond)}**${mainThread}.`;
}

/** What the README shows: the machine and run in one sentence, the medians, memory and MD5. */
export function readmeMarkdown(report: BenchReport): string {
  const m = report.machine;
  const quality = report.provisional ? '**provisional**: ' : '';
  const memory = memoryLine(report);
  return [
    `Latest run (${quality}${report.rounds} round${report.rounds === 1 ? '' : 's'}, ${report.profile} sizes, on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average ${m.load.start}–${m.load.end}; Node ${m.node}, Chromium ${m.chromium}, ${m.date.slice(0, 10)}).${report.provisional && report.note ? ` ${report.note}` : ''}`,
    '',
    headlineMarkdown(report),
    '',
    'The speed and memory targets of issues 7 and 15 (s7) and of the HTTP/2 issue (s6*), judged from this run:',
    '',
    targetsMarkdown(report),
    '',
    ...(memory ? [memory, ''] : []),
    md5Line(report),
  ].join('\n');
}

export function reportMarkdown(report: BenchReport): string {
  return [
    ...header(report),
    '',
    '### Medians at a glance',
    '',
    readmeMarkdown(report),
    '',
    ...report.scenarios.flatMap((s) => [scenarioMarkdown(s), '']),
    '### MD5',
    '',
    md5Line(report),
    '',
  ].join('\n');
}
