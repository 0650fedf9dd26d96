import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The rules themselves live in .dependency-cruiser.cjs, where `npx depcruise src` finds them too.
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs');
const root = path.resolve(import.meta.dirname, '../..');

async function cruiseIn(baseDir: string): Promise<ICruiseResult> {
  const { output } = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir, tsConfig: undefined });
  return output as ICruiseResult;
}

const violations = (result: ICruiseResult) => result.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`);

describe('the layers of src/ (dependency-cruiser)', () => {
  it('hold: no import cycles, core framework-free, each core folder importing only itself and lower ones', async () => {
    const result = await cruiseIn(root);
    expect(result.summary.totalCruised).toBeGreaterThan(100);
    expect(violations(result)).toEqual([]);
  });

  it('count dynamic and type-only imports (the features load through import(); engine types are imported as types)', async () => {
    const result = await cruiseIn(root);
    const edges = result.modules.flatMap((module) => module.dependencies.map((dependency) => ({ from: module.source, to: dependency.resolved, types: dependency.dependencyTypes })));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'src/core/create-uploader.ts', to: 'src/core/multipart/transfer-multipart.ts', types: expect.arrayContaining(['dynamic-import']) }));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'src/core/engine/features.ts', to: 'src/core/engine/transfer-context.ts', types: expect.arrayContaining(['type-only']) }));
  });

  it('catch what they forbid, in a tree made to break them', async () => {
    const result = await cruiseIn(path.join(root, 'test/fixtures/layers'));
    expect(violations(result).sort()).toEqual([
      'core-errors-imports-down: src/core/errors/low.ts → src/core/engine/high.ts',
      'core-is-framework-free: src/core/engine/high.ts → src/react/view.ts',
      'no-cycles: src/core/engine/high.ts → src/core/errors/low.ts',
      'react-never-imports-server: src/react/view.ts → src/server/handler.ts',
    ]);
  });
});
