/**
 * Module boundaries, checked by `npm run lint` (README "Architecture"):
 *   platform  <  notifications (delivery)  <  feature modules  <  composition root (server/*.ts,
 *   workers/, scripts/)
 * A module may import the platform and the modules below it, never one that depends on it; it
 * talks to another module through its services and narrow readers, not its repositories or
 * models. Violations that predate these rules are listed in .dependency-cruiser-known-violations.json
 * (`npm run lint:boundaries:baseline` rewrites it): lint fails on every new one.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      severity: 'error',
      scope: 'folder',
      comment:
        'Server modules form layers: a module may not depend, directly or through others, on a module that depends on it. Hand the lower module what it needs from the composition root instead.',
      from: { path: '^server/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycle',
      severity: 'error',
      comment: 'No import cycles between files (server, workers, client).',
      from: { path: '^(server|workers|client/src)/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment:
        'The platform is the bottom layer: it may not import a feature module or the composition root.',
      from: { path: '^server/platform/' },
      to: { path: '^server/(modules/|[^/]+[.]ts$)' },
    },
    {
      name: 'modules-import-no-root',
      severity: 'error',
      comment: 'Modules may not import the composition root (server/*.ts) or the workers.',
      from: { path: '^server/modules/' },
      to: { path: '^(server/[^/]+[.]ts|workers/)' },
    },
    {
      name: 'no-sibling-repository',
      severity: 'error',
      comment:
        "Another module's repository is its own business: use its service or a narrow reader it exposes.",
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/[^/]+/.+[.]repository[.]ts$', pathNot: '^server/modules/$1/' },
    },
    {
      name: 'no-sibling-model',
      severity: 'error',
      comment:
        "Another module's mongoose model is its own business: use its service or a narrow reader it exposes.",
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/[^/]+/.+[.]model[.]ts$', pathNot: '^server/modules/$1/' },
    },
    {
      name: 'models-only-in-repositories',
      severity: 'error',
      comment: 'Storage lives in repositories: only a repository (or another model) imports a model.',
      from: { path: '^server/', pathNot: '[.](repository|model)[.]ts$' },
      to: { path: '[.]model[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|client/dist)/' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
