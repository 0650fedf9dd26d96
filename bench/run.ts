import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPage } from './harness/build-page.ts';
import { callPage, launchBrowser, openBenchPage } from './harness/browser.ts';
import { describeMachine, loadNow } from './harness/machine.ts';
import { reportMarkdown } from './harness/markdown.ts';
import { measureMd5 } from './harness/md5.ts';
import { parseOptions } from './harness/options.ts';
import { photoEncoder } from './harness/photos.ts';
import { failuresOf, scenarioReport, type BenchReport } from './harness/report.ts';
import { runScenario, warmUp } from './harness/run-scenario.ts';
import { scenarios } from './harness/scenarios.ts';
import { startStack } from './harness/stack.ts';
import { createTestFiles } from './harness/test-files.ts';

/**
 * `npm run bench` (full sizes) and `npm run bench:smoke` (tiny sizes, one
 * round, part of `npm test`). Builds the bench page, starts Miniflare and
 * the backend, runs every scenario in headless Chromium, and writes
 * `latest.md` and `latest.json`. A run that fails or loses bytes makes the
 * exit code 1; timings are never asserted.
 */
const options = parseOptions(process.argv.slice(2));
const started = performance.now();
const loadAtStart = loadNow();
const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

const selected = scenarios(options.profile).filter((s) => options.only.length === 0 || options.only.includes(s.id));
if (selected.length === 0) throw new Error(`No scenario matches --only ${options.only.join(',')}`);

log(`bench: building the page, starting Miniflare and Chromium (${options.profile} sizes, ${options.rounds} round(s))`);
const stack = await startStack(await buildPage());
const browser = await launchBrowser();
// Photos (s7) are drawn and encoded by the bench page's canvas, once, when a scenario first needs them.
const files = await createTestFiles(photoEncoder(browser, stack.pageUrl));
try {
  const probe = await openBenchPage(browser, stack.pageUrl, undefined);
  const capabilities = await callPage(probe.page, 'capabilities');
  await probe.close();

  const context = { browser, stack, capabilities, files, log };
  // A full run warms up on the smoke profile's small files; a smoke run is too short to need it.
  const warmUpScenario = scenarios('smoke').find((s) => s.id === 's3');
  if (options.profile === 'full' && warmUpScenario) await warmUp(context, warmUpScenario);
  const results = [];
  for (const scenario of selected) results.push(await runScenario(context, scenario, options.rounds));

  const report: BenchReport = {
    provisional: options.provisional || options.profile === 'smoke',
    ...(options.note ? { note: options.note } : options.profile === 'smoke' ? { note: 'Smoke run: tiny sizes, for correctness only.' } : {}),
    profile: options.profile,
    rounds: options.rounds,
    machine: describeMachine(browser.version(), loadAtStart),
    durationSeconds: (performance.now() - started) / 1000,
    capabilities,
    scenarios: results.map(scenarioReport),
    md5: await measureMd5(browser, stack.pageUrl, files, capabilities.md5, options.rounds, options.profile),
  };
  await mkdir(options.outDir, { recursive: true });
  const markdown = reportMarkdown(report);
  await writeFile(join(options.outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(options.outDir, 'latest.md'), markdown);
  console.log(markdown);

  const failures = failuresOf(report);
  if (failures.length > 0) {
    log(`bench: ${failures.length} run(s) did not complete or lost bytes:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    log(`bench: every run completed and every byte arrived; results in ${options.outDir}/latest.{md,json}`);
  }
} finally {
  await browser.close();
  await stack.close();
  await files.remove();
}
