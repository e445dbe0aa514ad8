import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, migrateLatest } from '../../src/server/db/connection.js';
import { migrationSource } from '../../src/server/db/migrations/index.js';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);

/** The knex CLI on the top-level knexfile, with the server's settings in the environment. */
function knexCli(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return run(
    process.execPath,
    ['--import', 'tsx', 'node_modules/knex/bin/cli.js', '--knexfile', 'knexfile.ts', ...args],
    { cwd: ROOT, env: { ...rest, ...env } },
  );
}

describe('knexfile.ts and the knex CLI', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'posapp-knexfile-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sees the server’s database and migrations: pending before, completed after the server migrates', async () => {
    const names = (await migrationSource.getMigrations([])).map((m) => migrationSource.getMigrationName(m));
    const before = await knexCli(['migrate:status'], { POSAPP_DATA_DIR: dataDir });
    assert.match(before.stdout, new RegExp(`Found ${names.length} Pending Migration`));
    assert.ok(before.stdout.includes(names.at(-1)!), 'pending migrations are listed by name');

    // The server migrates its own database (as `posapp migrate` does); the CLI then finds every one applied.
    const db = connect(`sqlite:${join(dataDir, 'posapp.sqlite')}`);
    try {
      assert.deepEqual(await migrateLatest(db), names);
    } finally {
      await db.knex.destroy();
    }
    const after = await knexCli(['migrate:status'], { POSAPP_DATA_DIR: dataDir });
    assert.match(after.stdout, new RegExp(`Found ${names.length} Completed Migration`));
    assert.match(after.stdout, /No Pending Migration/);
  });
});
