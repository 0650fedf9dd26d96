import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { RunnerId, RunSpec } from './shared/protocol.ts';
import { callPage, launchBrowser, openBenchPage } from './harness/browser.ts';
import { photoEncoder } from './harness/photos.ts';
import { scenarios } from './harness/scenarios.ts';
import { startStack } from './harness/stack.ts';
import { createTestFiles } from './harness/test-files.ts';

/**
 * Where scenario 4's long tasks go: runs one runner (default `ours-ui`) on
 * 1,000 × 16 KiB files in an unminified build of the bench page, with
 * Chromium's trace and a 100 µs CPU profile, and prints, for each task over
 * 50 ms, what the browser did in it (event dispatch, script, microtasks,
 * style, layout, paint) and the functions that took its time.
 * `--no-profile` leaves the CPU profiler off (it slows scripts down), `--over 20` lists shorter tasks too.
 * `--scenario s7` runs that scenario's workload (full sizes; `--count` still sets the number of files),
 * e.g. `--scenario s7 --runner uppy-compressor` for the photos. It also prints how busy each thread was.
 * Usage: node --experimental-strip-types bench/trace-ui.ts [--runner ours-ui] [--scenario s7] [--count 1000] [--runs 2] [--no-profile] [--over 50] [--out /tmp/x]
 */
const { values } = parseArgs({
  options: {
    runner: { type: 'string', default: 'ours-ui' },
    scenario: { type: 'string' },
    runs: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: true },
    over: { type: 'string', default: '50' },
    out: { type: 'string' },
    count: { type: 'string' },
  },
  allowNegative: true,
});
const scenario = values.scenario === undefined ? undefined : scenarios('full').find((s) => s.id === values.scenario);
if (values.scenario !== undefined && !scenario) throw new Error(`No scenario ${values.scenario}`);
const PAGE = '/tmp/r2u-trace-page';
await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn', build: { minify: false, outDir: PAGE } });
const stack = await startStack(PAGE);
const browser = await launchBrowser();
const files = await createTestFiles(photoEncoder(browser, stack.pageUrl));

interface TraceEvent { name: string; cat: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: Record<string, unknown> }

/** Busy time per thread over the run (the union of its tasks, nested ones counted once), by thread name: where the CPU went. */
function threadBusy(events: TraceEvent[], seconds: number): string[] {
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name ?? '?')]));
  const intervals = new Map<string, Array<[number, number]>>();
  for (const e of events) {
    if (!['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask'].includes(e.name) || e.ph !== 'X' || !e.dur) continue;
    const thread = `${e.pid}:${e.tid}`;
    let list = intervals.get(thread);
    if (!list) intervals.set(thread, (list = []));
    list.push([e.ts, e.ts + e.dur]);
  }
  const busy = new Map<string, { us: number; threads: number }>();
  for (const [thread, list] of intervals) {
    list.sort((a, b) => a[0] - b[0]);
    let us = 0;
    let end = -Infinity;
    for (const [start, stop] of list) {
      if (stop <= end) continue;
      us += stop - Math.max(start, end);
      end = stop;
    }
    const name = names.get(thread) ?? '?';
    const entry = busy.get(name) ?? { us: 0, threads: 0 };
    busy.set(name, { us: entry.us + us, threads: entry.threads + 1 });
  }
  return [
    `  thread busy time over the run's ${seconds.toFixed(2)} s (the trace may start a little earlier):`,
    ...[...busy]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, 12)
      .map(([name, { us, threads }]) => `    ${ms(us).padStart(9)} ms  ${((us / 1e6 / seconds) * 100).toFixed(0).padStart(4)} % of one core  ${name} (${threads} thread${threads === 1 ? '' : 's'})`),
  ];
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

const ms = (us: number) => (us / 1000).toFixed(1);

function describeTask(task: TraceEvent, events: TraceEvent[], profile: Profile, traceToProfile: number, depth = 0): string[] {
  const end = task.ts + (task.dur ?? 0);
  const inside = events.filter((e) => e.tid === task.tid && e.ts >= task.ts && e.ts < end && e.ph === 'X' && e !== task && (e.dur ?? 0) >= 1000);
  const lines = [`task at ${ms(task.ts)} ms: ${ms(task.dur ?? 0)} ms`];
  for (const event of inside.sort((a, b) => a.ts - b.ts)) {
    const detail = event.args?.data ? JSON.stringify(event.args.data).slice(0, 100) : '';
    lines.push(`  +${ms(event.ts - task.ts).padStart(6)} ${ms(event.dur ?? 0).padStart(6)} ms  ${event.name} ${detail}`);
  }
  // Self time per function, from the samples inside the task.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let at = profile.startTime;
  for (const [index, sample] of profile.samples.entries()) {
    at += profile.timeDeltas[index] ?? 0;
    const traceTime = at - traceToProfile;
    if (traceTime < task.ts || traceTime >= end) continue;
    const dt = profile.timeDeltas[index + 1] ?? 100;
    const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
    const leaf = byId.get(sample);
    if (!leaf) continue;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const key = name(node);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  }
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, us]) => `    ${ms(us).padStart(6)} ms  ${key}`);
  lines.push('  self time:', ...top(self, 15), '  total time:', ...top(total, 25));
  if (depth === 0) {
    for (const part of inside.filter((e) => ['EventDispatch', 'RunMicrotasks', 'FunctionCall', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint'].includes(e.name) && (e.dur ?? 0) >= 3000)) {
      lines.push(`--- within ${part.name}:`, ...describeTask(part, events, profile, traceToProfile, 1).slice(1).filter((line) => !line.startsWith('  +')));
    }
  }
  return lines;
}

try {
  for (let run = 1; run <= Number(values.runs); run += 1) {
    const runId = `trace-${Math.random().toString(36).slice(2, 8)}`;
    const spec: RunSpec = scenario
      ? { ...scenario.workload, ...(values.count ? { fileCount: Number(values.count) } : {}), runner: values.runner as RunnerId, runId }
      : { runner: values.runner as RunnerId, runId, fileCount: Number(values.count ?? 1000), fileSize: 16 * 1024, concurrency: 6, partSize: 0, partConcurrency: 0, multipart: false };
    const paths = spec.images ? (await files.photos(spec.fileCount, spec.images)).paths : await files.paths(spec.fileCount, spec.fileSize);
    const bench = await openBenchPage(browser, stack.pageUrl, undefined);
    await bench.page.setInputFiles('#files', paths);
    await callPage(bench.page, 'prepare', spec);
    const empty: Profile = { nodes: [], startTime: 0, samples: [], timeDeltas: [] };
    if (values.profile) {
      await bench.cdp.send('Profiler.enable');
      await bench.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    await browser.startTracing(bench.page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel'] });
    if (values.profile) await bench.cdp.send('Profiler.start');
    const result = await callPage(bench.page, 'run');
    const { profile } = values.profile ? ((await bench.cdp.send('Profiler.stop')) as unknown as { profile: Profile }) : { profile: empty };
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const events = trace.traceEvents;
    // The profile's clock is the trace's clock (both monotonic µs) in current Chromium.
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((t) => t.pid === e.pid && t.name === 'RunTask'));
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid && (e.dur ?? 0) > Number(values.over) * 1000);
    const lines = [`run ${run}: ${values.runner} ${result.files} files in ${result.seconds.toFixed(2)} s, long tasks ${JSON.stringify(result.longTasks)}, commits ${JSON.stringify(result.commits)}`];
    for (const task of tasks) lines.push(...describeTask(task, events, profile, 0));
    lines.push(...threadBusy(events, result.seconds));
    console.log(lines.join('\n'));
    if (values.out) await writeFile(`${values.out}-${run}.json`, JSON.stringify({ trace, profile }));
    await bench.close();
    await stack.store.deletePrefix(`runs/${spec.runId}`);
  }
} finally {
  await browser.close();
  await stack.close();
  await files.remove();
}
