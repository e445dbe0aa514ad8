// Bundles the three programs (`pos` with its Ink UI, `pos-activate`, `posapp`) after `tsc` into dist/bundle/, which
// bin/*.js run. Loading commander, zod, Ink, React and their few hundred small modules one by one is most of a cold
// start on a cheap PC; minified chunks load in a fraction of that. Each command's code stays in its own chunk,
// loaded when it runs, so `pos --help` still loads neither the UI nor SQLite, and the programs share their common
// chunks.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stubDir = mkdtempSync(join(tmpdir(), 'posapp-bundle-'));
const devtoolsStub = join(stubDir, 'react-devtools-core.mjs');
// Ink loads React DevTools only when DEV=true; the register never does, so the bundle carries a stub.
writeFileSync(devtoolsStub, 'export default { initialize() {}, connectToDevTools() {} };\n');

/**
 * Ink's layout engine (yoga) carries its WebAssembly as a data: URL and, where `fetch` exists, fetches it: that
 * loads Node's whole HTTP client before the first frame (about 30 ms). Seen as not there, it decodes the same
 * bytes directly.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replaceAll('typeof fetch', 'typeof undefined');
      if (patched === source)
        process.emitWarning(`${args.path} no longer checks for fetch; review yoga-without-fetch`);
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * zod carries the error messages of some 40 languages (`z.locales`, 260 kB of the bundle's 450 kB of zod), all
 * parsed on every start. The register's messages come from src/common/i18n; zod keeps its English default, which
 * it imports on its own.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

try {
  rmSync('dist/bundle', { recursive: true, force: true });
  await build({
    entryPoints: ['dist/cli/pos.js', 'dist/cli/pos-activate.js', 'dist/cli/posapp.js'],
    outdir: 'dist/bundle',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': devtoolsStub },
    // The native SQLite driver stays in node_modules, and so do the server's packages: `posapp server` starts once
    // a day, and Knex picks its dialect by require() at run time. pino goes in: the register logs to a file, never
    // through a transport (a worker thread that would need pino's own files).
    external: [
      'better-sqlite3',
      'better-sqlite3-node22',
      'knex',
      'mysql2',
      'express',
      'helmet',
      'compression',
      'express-rate-limit',
      'pino-http',
    ],
    plugins: [yogaWithoutFetch, zodWithoutLocales],
    // CommonJS packages inside an ESM bundle still call require().
    banner: {
      js: "import { createRequire as __posCreateRequire } from 'node:module';\nconst require = __posCreateRequire(import.meta.url);",
    },
  });
} finally {
  rmSync(stubDir, { recursive: true, force: true });
}
