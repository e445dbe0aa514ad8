import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, childEnv, ROOT } from '../../helpers/cli.js';

// better-sqlite3-node22 is the SQLite driver on Node >= 22 (see src/node/sqlite-driver.ts).
const WATCHED = /node_modules\/(react|ink|yoga-layout|better-sqlite3|pino)(?:-node22)?\//;

/** Runs the built `pos` bundle in a child and lists which packages it loaded from node_modules. */
function loadedAfter(args: string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(join(ROOT, 'dist/bundle/pos.js'))});
    await main(['node', 'pos', ...${JSON.stringify(args)}]);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write('\\n@@' + JSON.stringify(loaded));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: childEnv(),
    encoding: 'utf8',
  });
  const marker = result.stdout.lastIndexOf('@@');
  assert.ok(marker >= 0, result.stderr);
  const loaded = JSON.parse(result.stdout.slice(marker + 2)) as string[];
  return [...new Set(loaded.filter((f) => WATCHED.test(f)).map((f) => WATCHED.exec(f)![1]!))].sort();
}

describe('pos startup', () => {
  let dir: string;
  before(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'posapp-ui-lazy-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds `pos` as a bundle, with React, Ink and pino inside it', () => {
    assert.ok(existsSync(join(ROOT, 'dist/bundle/pos.js')), 'npm run build writes the pos bundle');
    // Not activated: the UI stops at opening the store, with everything else taken from the bundle.
    assert.deepEqual(loadedAfter(['--data-dir', join(dir, 'none'), 'ui']), ['better-sqlite3']);
  });

  it('`pos --help` does not load the store', () => {
    assert.deepEqual(loadedAfter(['--help']), []);
  });
});
