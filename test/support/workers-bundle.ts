import { build, type BuildOptions } from 'esbuild';

/** Bundles a Worker script the way Wrangler does: no Node built-ins, and the `worker` export condition. */
export async function bundleForWorkers(source: Pick<BuildOptions, 'entryPoints' | 'stdin' | 'absWorkingDir' | 'alias'>): Promise<string> {
  const bundle = await build({
    ...source,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'workerd'],
    write: false,
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]!.text;
}
