/**
 * The layering of src/, checked by test/unit/layers.test.ts (dependency-cruiser).
 * Static, dynamic and type-only imports all count.
 *
 * src/core, bottom to top: page → errors → protocol → transport → policy →
 * listing → engine → integrity → resume → multipart → images, then index.ts and create-uploader.ts,
 * which compose the engine with its optional features. A folder imports only
 * its own and lower ones.
 */
const LAYERS = ['page', 'errors', 'protocol', 'transport', 'policy', 'listing', 'engine', 'integrity', 'resume', 'multipart', 'images'];

const layerRules = LAYERS.map((layer, index) => ({
  name: `core-${layer}-imports-down`,
  comment: `src/core/${layer} may import only from itself and the layers below it (${LAYERS.slice(0, index).join(', ') || 'none'}).`,
  severity: 'error',
  from: { path: `^src/core/${layer}/` },
  to: { path: '^src/core/', pathNot: [`^src/core/(${LAYERS.slice(0, index + 1).join('|')})/`] },
}));

module.exports = {
  forbidden: [
    { name: 'no-cycles', comment: 'No import cycles anywhere in src/.', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'core-is-framework-free',
      comment: 'src/core never imports React, the React binding, the server or the testing kit.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(react|server|testing|doctor)/', '(^|/)node_modules/(react|react-dom|@tanstack)/'] },
    },
    {
      name: 'react-never-imports-server',
      comment: 'The browser entry never pulls in server code.',
      severity: 'error',
      from: { path: '^src/react/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-never-imports-react',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: ['^src/react/', '(^|/)node_modules/(react|react-dom|@tanstack)/'] },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'], extensions: ['.ts', '.tsx', '.js'] },
    exclude: { path: '\\.d\\.ts$' },
  },
};
