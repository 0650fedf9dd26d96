import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'r2u-storybook-'));

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  importPath: string;
}

/** The story names each stories file exports (`export const Idle: Story`), as Storybook titles them. */
function exportedStories(): Map<string, string[]> {
  const files = readdirSync(join(root, 'stories')).filter((name) => name.endsWith('.stories.tsx'));
  return new Map(
    files.map((file) => {
      const source = readFileSync(join(root, 'stories', file), 'utf8');
      return [`./stories/${file}`, [...source.matchAll(/^export const (\w+): Story\b/gm)].map((match) => match[1]!)];
    }),
  );
}

// A story's id ends with its export name in kebab case: `PausedThenResumed` is `…--paused-then-resumed`.
const idSuffix = (exportName: string) => exportName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

describe('npm run build-storybook', () => {
  let output = '';
  let entries: IndexEntry[] = [];

  beforeAll(async () => {
    // STORYBOOK_TELEMETRY_DEBUG prints every telemetry event Storybook would send; none may be printed.
    const result = await promisify(execFile)('npm', ['run', 'build-storybook', '--', '--output-dir', out], {
      cwd: root,
      env: { ...process.env, STORYBOOK_TELEMETRY_DEBUG: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    output = result.stdout + result.stderr;
    entries = Object.values((JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries);
  }, 240_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds a static catalogue of every story, with msw\'s worker, without sending telemetry', () => {
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'mockServiceWorker.js'))).toBe(true);
    expect(output).not.toMatch(/telemetry/i);
    for (const [file, names] of exportedStories()) {
      const built = entries.filter((entry) => entry.type === 'story' && entry.importPath === file).map((entry) => entry.id.split('--')[1]);
      expect(built, file).toEqual(names.map(idSuffix));
    }
  });

  it('has an autodocs page (props table and usage notes) for every stories file', () => {
    for (const file of exportedStories().keys()) {
      expect(entries.filter((entry) => entry.type === 'docs' && entry.importPath === file), file).toHaveLength(1);
    }
  });
});
