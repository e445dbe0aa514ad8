/**
 * The layer rules of ARCHITECTURE.md, checked by `npm run lint`:
 * no import cycles; `common` runs anywhere; `server` and `terminal` never import each other;
 * the panel reaches the rest only through `common` (and the server over HTTP);
 * only the database modules load the database drivers.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle hides which module owns what; cut it by moving the shared part down into a leaf module.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'common-runs-anywhere',
      severity: 'error',
      comment:
        'src/common is shared by the server, the register and the browser panel: no Node built-ins, no project layers.',
      from: { path: '^src/common/' },
      to: {
        path: '^src/(server|terminal|cli|admin|node)/|^node:|^(fs|path|crypto|module|os|child_process|net|http)$',
      },
    },
    {
      name: 'common-node-built-ins',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-not-terminal',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/(terminal|cli|admin)/' },
    },
    {
      name: 'terminal-not-server',
      severity: 'error',
      from: { path: '^src/terminal/' },
      to: { path: '^src/(server|cli|admin)/' },
    },
    {
      name: 'node-shared-is-a-leaf',
      severity: 'error',
      comment: 'src/node holds Node-only helpers shared by the programs; it depends on nothing of theirs.',
      from: { path: '^src/node/' },
      to: { path: '^src/(server|terminal|cli|admin)/' },
    },
    {
      name: 'panel-only-common',
      severity: 'error',
      from: { path: '^src/admin/' },
      to: { path: '^src/(server|terminal|cli|node)/' },
    },
    {
      name: 'knex-only-in-db',
      severity: 'error',
      comment: 'Queries live in db/ and */queries.ts; services take a Knex type, never the factory.',
      from: { path: '^src/', pathNot: '^src/server/db/' },
      to: { path: 'node_modules/knex/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sqlite-only-in-stores',
      severity: 'error',
      comment: 'The register touches SQLite only in store/; the server only in db/.',
      from: { path: '^src/', pathNot: '^src/(terminal/store|server/db|node)/' },
      to: { path: 'node_modules/better-sqlite3|^src/node/sqlite-driver', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'register-sql-only-in-store',
      severity: 'error',
      from: { path: '^src/terminal/', pathNot: '^src/terminal/store/' },
      to: { path: '^src/terminal/store/queries/statements' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/admin/dist/' },
  },
};
