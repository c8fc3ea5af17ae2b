/**
 * Layer rules, enforced by `npm run lint` (VS Code's layering lint, by folder name).
 * A wrong import fails the build instead of waiting for a review.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-plain-node',
      comment: 'main/core runs under plain Node: no Electron, React, app, shell, IPC, CLI, renderer or preload.',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: '^(node_modules/(electron|react|react-dom)/|main/(app|shell|ipc|cli|security)/|renderer/|preload/)' },
    },
    {
      name: 'app-is-plain-node',
      comment:
        'main/app holds the use cases shared by the desktop app and the command line: core and the model only, never the contract, IPC, shell, CLI, security or Electron.',
      severity: 'error',
      from: { path: '^main/app/' },
      to: { path: '^(node_modules/(electron|react|react-dom)/|main/(shell|ipc|cli|security)/|renderer/|preload/)' },
    },
    {
      name: 'ipc-not-cli',
      comment: 'The IPC layer and the command line are two front ends over main/app; neither imports the other.',
      severity: 'error',
      from: { path: '^main/ipc/' },
      to: { path: '^main/cli/' },
    },
    {
      name: 'cli-not-ipc',
      comment: 'The command line reaches the use cases through main/app, never through the IPC layer.',
      severity: 'error',
      from: { path: '^main/cli/' },
      to: { path: '^(main/ipc|main/shell|preload)/' },
    },
    {
      name: 'core-no-electron-module',
      severity: 'error',
      from: { path: '^(main/core|main/app|main/ipc|main/cli)/' },
      to: { dependencyTypes: ['core'], path: '^electron$' },
    },
    {
      name: 'model-is-isomorphic',
      comment: 'main/core/model is shared with the renderer through the contract: zod and itself only.',
      severity: 'error',
      from: { path: '^main/core/model/' },
      to: { pathNot: '^(main/core/model/|node_modules/zod/)' },
    },
    {
      name: 'renderer-through-contract',
      comment: 'The renderer reaches main only through preload/contract and preload/api.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: {
        pathNot:
          '^(renderer/|preload/(contract|api|define)\\.ts$|preload/channels/|node_modules/(react|react-dom|scheduler|zod)/)',
      },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-contract',
      comment: 'The preload exposes the contract and nothing else.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { pathNot: '^(preload/|main/core/model/|node_modules/zod/|electron$)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'security-is-pure',
      comment: 'main/security holds pure decisions; Electron types only.',
      severity: 'error',
      from: { path: '^main/security/' },
      to: { dependencyTypes: ['core'], path: '^electron$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { path: '^(main|preload|renderer)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    exclude: { path: '^(out|dist|node_modules)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
