import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { connect, migrateLatest } from '../../src/server/db/connection.js';
import { assertBuilt, runCli } from '../helpers/cli.js';
import { freshDb, scratchDir, testDialects, type TestDb } from '../helpers/db.js';
import { freePort } from '../helpers/http.js';

const env = { JWT_SECRET: 'start-test-secret-0123456789abcdefghijkl', LOG_LEVEL: 'warn' };

for (const dialect of testDialects()) {
  describe(`posapp server that cannot serve [${dialect}]`, function () {
    this.timeout(60_000);
    let db: TestDb;
    before(async () => {
      assertBuilt();
      db = await freshDb(dialect);
    });
    after(() => db.destroy());

    it('exits 1 with the reason when its port is taken', async () => {
      const port = await freePort();
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
      try {
        const result = await runCli(
          'posapp',
          [
            'server',
            '--port',
            String(port),
            '--host',
            '127.0.0.1',
            '--db',
            db.url,
            '--data-dir',
            scratchDir,
            '--lang',
            'en',
          ],
          { env },
        );
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, new RegExp(`Port ${port} is already in use`));
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    });

    it('exits 1 saying "upgrade it" on a database migrated past it', async () => {
      await db
        .knex('knex_migrations')
        .insert({ name: '29991231235959_from_a_newer_server', batch: 99, migration_time: new Date() });
      try {
        const port = await freePort();
        const result = await runCli(
          'posapp',
          ['server', '--port', String(port), '--db', db.url, '--data-dir', scratchDir, '--lang', 'en'],
          { env },
        );
        assert.equal(result.code, 1, result.stderr);
        assert.match(
          result.stderr,
          /This server is older than the database .*29991231235959_from_a_newer_server.*upgrade it/,
        );
      } finally {
        await db.knex('knex_migrations').where({ name: '29991231235959_from_a_newer_server' }).delete();
      }
    });

    it('waits for a migration another process holds the lock of, then starts', async () => {
      const fresh = await freshDb(dialect);
      const other = connect(fresh.url);
      try {
        // The other process holds knex's lock (as while it migrates), then releases it.
        await other.knex('knex_migrations_lock').update({ is_locked: 1 });
        const waiting = migrateLatest(fresh, 30_000);
        let settled = false;
        void waiting.finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.equal(settled, false, 'it must wait while the lock is held');
        await other.knex('knex_migrations_lock').update({ is_locked: 0 });
        const applied = await waiting;
        assert.deepEqual(applied, []);
      } finally {
        await other.knex.destroy();
        await fresh.destroy();
      }
    });
  });
}
