import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, childEnv, ROOT } from '../helpers/cli.js';

/** better-sqlite3-node22 is the SQLite driver on Node >= 22 (see src/node/sqlite-driver.ts). */
const HEAVY = /node_modules\/(express|knex|mysql2|better-sqlite3)(?:-node22)?\//;

/** Runs the built posapp in a child and lists which heavy CommonJS packages it ended up loading. */
function heavyModulesAfter(args: string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(join(ROOT, 'dist/bundle/posapp.js'))});
    await main(['node', 'posapp', ...${JSON.stringify(args)}]);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write('\\n@@' + JSON.stringify(loaded));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: childEnv({ JWT_SECRET: 'lazy-loading-test-secret-of-32-chars-or-more' }),
    encoding: 'utf8',
  });
  const marker = result.stdout.lastIndexOf('@@');
  assert.ok(marker >= 0, result.stderr);
  const loaded = JSON.parse(result.stdout.slice(marker + 2)) as string[];
  return [...new Set(loaded.filter((file) => HEAVY.test(file)).map((file) => HEAVY.exec(file)![1]!))].sort();
}

describe('posapp loads heavy code only for the commands that need it', () => {
  let dir: string;
  before(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'posapp-lazy-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('`posapp devices list` and `posapp --help` load neither Express, Knex nor SQLite', () => {
    assert.deepEqual(heavyModulesAfter(['--config-dir', join(dir, 'none'), 'devices', 'list']), []);
    assert.deepEqual(heavyModulesAfter(['--help']), []);
  });

  it('`posapp migrate` does load Knex and the SQLite driver (the check above can see them)', () => {
    const loaded = heavyModulesAfter([
      'migrate',
      '--db',
      `sqlite:${join(dir, 'db.sqlite')}`,
      '--data-dir',
      dir,
    ]);
    assert.ok(loaded.includes('knex') && loaded.includes('better-sqlite3'), loaded.join(','));
  });
});
