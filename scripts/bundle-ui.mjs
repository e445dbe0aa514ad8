// Bundles the register's Ink UI into one file after `tsc`. Loading Ink, React and their ~200 small modules one by
// one costs about a second on a cheap PC; one production-mode file loads in a third of that.
import { build } from 'esbuild';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stubDir = mkdtempSync(join(tmpdir(), 'posapp-bundle-'));
const devtoolsStub = join(stubDir, 'react-devtools-core.mjs');
// Ink loads React DevTools only when DEV=true; the register never does, so the bundle carries a stub.
writeFileSync(devtoolsStub, 'export default { initialize() {}, connectToDevTools() {} };\n');

try {
  await build({
    entryPoints: ['dist/terminal/ui/index.js'],
    outfile: 'dist/terminal/ui/ui.bundle.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': devtoolsStub },
    // Native and worker-based packages stay in node_modules; zod too, since the CLI has already loaded it.
    external: ['better-sqlite3', 'pino', 'zod'],
    // CommonJS packages inside an ESM bundle still call require().
    banner: {
      js: "import { createRequire as __posCreateRequire } from 'node:module';\nconst require = __posCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        // One AppError class for the CLI and the UI, so `pos` reports the UI's errors as expected ones.
        name: 'shared-errors',
        setup(b) {
          b.onResolve({ filter: /common\/errors\.js$/ }, () => ({
            path: '../../common/errors.js',
            external: true,
          }));
        },
      },
    ],
  });
} finally {
  rmSync(stubDir, { recursive: true, force: true });
}
