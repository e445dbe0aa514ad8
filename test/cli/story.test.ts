import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/node/sqlite-driver.js';
import {
  assertBuilt,
  createSuperadminCli,
  ok,
  runCli,
  startServerProcess,
  type ServerProcess,
} from '../helpers/cli.js';
import { freshDb, testDialects, type TestDb } from '../helpers/db.js';
import { freePort } from '../helpers/http.js';

const LIMIT_UZ = 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.';
const JWT_SECRET = 'story-test-secret-that-is-at-least-32-chars';
const SUPERADMIN = { email: 'root@posapp.uz', password: 'platform-pass-1' };
const OWNER = { email: 'owner@otabek.uz', password: 'owner-pass-1' };

function identityRow(dataDir: string): Record<string, unknown> | undefined {
  const db = new Database(join(dataDir, 'pos.sqlite'), { fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM identity').get() as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

function fingerprint(dataDir: string): string {
  const files = readdirSync(dataDir).sort();
  const main = createHash('sha256')
    .update(readFileSync(join(dataDir, 'pos.sqlite')))
    .digest('hex');
  return `${files.join(',')}:${main}`;
}

for (const dialect of testDialects()) {
  describe(`the licensing story through the built CLI [${dialect}]`, function () {
    // Real scrypt cost (2^17) on every login and on bootstrap.
    this.timeout(60_000);

    let scratch: string;
    let db: TestDb;
    let server: ServerProcess;
    const rootDir = () => join(scratch, 'config-superadmin');
    const ownerDir = () => join(scratch, 'config-owner');
    const register = (n: number) => join(scratch, `register-${n}`);
    const asRoot = (...args: string[]) => runCli('posapp', ['--config-dir', rootDir(), ...args]);
    const asOwner = (...args: string[]) => runCli('posapp', ['--config-dir', ownerDir(), ...args]);
    const activate = (key: string, dataDir: string) =>
      runCli('pos-activate', [key, '--server', server.url, '--data-dir', dataDir]);
    const keys: Record<string, string> = {};
    let tenantId: string;

    before(async () => {
      assertBuilt();
      scratch = mkdtempSync(join(tmpdir(), 'posapp-story-'));
      db = await freshDb(dialect);
      server = await startServerProcess(
        [
          '--port',
          String(await freePort()),
          '--host',
          '127.0.0.1',
          '--db',
          db.url,
          '--data-dir',
          join(scratch, 'server'),
        ],
        { JWT_SECRET, LOG_LEVEL: 'warn' },
      );
    });
    after(async () => {
      // Ctrl+C and a service manager's SIGTERM are both clean stops: the server closes and exits 0.
      const code = server ? await server.stop(dialect === 'sqlite' ? 'SIGINT' : 'SIGTERM') : 0;
      await db?.destroy();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      assert.equal(code, 0, server?.output());
    });

    it('creates the superadmin straight in the database and logs in', async () => {
      const created = ok(await createSuperadminCli(db.url, join(scratch, 'server'), SUPERADMIN));
      assert.match(created.stdout, /Superadmin yaratildi: root@posapp\.uz/);
      const login = ok(
        await asRoot(
          'login',
          '--server',
          server.url,
          '--email',
          SUPERADMIN.email,
          '--password',
          SUPERADMIN.password,
        ),
      );
      assert.match(login.stdout, /root@posapp\.uz \(superadmin\)/);
      const session = JSON.parse(readFileSync(join(rootDir(), 'session.json'), 'utf8'));
      assert.equal(session.server, server.url);
      assert.equal(session.user.role, 'superadmin');
    });

    it('bootstraps Otabek Books with one register and prints POS-01’s key with the pos-activate line', async () => {
      const result = ok(
        await asRoot(
          'bootstrap',
          '--tenant',
          'Otabek Books',
          '--store',
          'Main store',
          '--owner-email',
          OWNER.email,
          '--owner-password',
          OWNER.password,
          '--max-devices',
          '1',
        ),
      );
      assert.match(result.stdout, /Korxona: Otabek Books/);
      assert.match(result.stdout, /Do‘kon: Main store/);
      assert.match(result.stdout, /Egasi: owner@otabek\.uz/);
      const line = new RegExp(`pos-activate (dk_\\S+) --server ${server.url.replace(/\./g, '\\.')}`).exec(
        result.stdout,
      );
      assert.ok(line, result.stdout);
      keys['POS-01'] = line[1]!;
      const list = JSON.parse(ok(await asRoot('--json', 'tenants', 'list')).stdout);
      const tenant = list.tenants.find((t: { name: string }) => t.name === 'Otabek Books');
      assert.deepEqual([tenant.maxDevices, tenant.used], [1, 1]);
      tenantId = tenant.id;
    });

    it('refuses the owner a second register with the exact Uzbek limit message', async () => {
      ok(
        await asOwner('login', '--server', server.url, '--email', OWNER.email, '--password', OWNER.password),
      );
      const refused = await asOwner('devices', 'add');
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), LIMIT_UZ);
      assert.equal(refused.stdout, '');
      const rows = await db.knex('devices').where({ tenant_id: tenantId });
      assert.equal(rows.length, 1);
    });

    it('shows the superadmin who asked for more registers, and keeps the sale as licence history', async () => {
      const calls = ok(await asRoot('tenants', 'list', '--search', 'otabek'));
      assert.match(
        calls.stdout,
        /Otabek Books.*1\/1.*owner@otabek\.uz.*1 marta, oxirgisi \d{4}-\d\d-\d\d \d\d:\d\d/,
      );
      const raised = ok(
        await asRoot('tenants', 'max-devices', tenantId, '3', '--note', 'invoice 118, 2 × $80'),
      );
      assert.match(raised.stdout, /Otabek Books: kassalar limiti endi 3/);
      const history = ok(await asRoot('--lang', 'en', 'tenants', 'history', tenantId));
      assert.match(history.stdout, /root@[^ ]*.*1 → 3.*invoice 118, 2 × \$80/);
    });

    it('lets the owner add POS-02 and POS-03 on the raised licence', async () => {
      for (const name of ['POS-02', 'POS-03']) {
        const added = JSON.parse(ok(await asOwner('--json', 'devices', 'add')).stdout);
        assert.equal(added.device.name, name);
        assert.equal(added.device.status, 'pending');
        keys[name] = added.deviceKey;
      }
      const list = ok(await asOwner('devices', 'list'));
      assert.match(list.stdout, /POS-01[\s\S]*POS-02[\s\S]*POS-03/);
      assert.match(list.stdout, /3 \/ 3 kassa band/);
    });

    it('activates all three registers into their own data dirs', async () => {
      for (const [index, name] of ['POS-01', 'POS-02', 'POS-03'].entries()) {
        const result = ok(await activate(keys[name]!, register(index + 1)));
        assert.equal(result.stdout.trim(), `Faollashtirildi: Otabek Books / Main store / ${name}`);
        const row = identityRow(register(index + 1));
        assert.equal(row?.device_name, name);
        assert.equal(row?.tenant_id, tenantId);
        assert.equal(row?.tenant_name, 'Otabek Books');
        assert.equal(row?.store_name, 'Main store');
        assert.equal(row?.currency, 'UZS');
        assert.equal(row?.server_url, server.url);
        assert.ok(row?.device_token);
      }
      const devices = await db.knex('devices').where({ tenant_id: tenantId });
      assert.deepEqual(
        devices.map((d) => d.status),
        ['active', 'active', 'active'],
      );
    });

    it('refuses a fourth register again, in the language asked for', async () => {
      const refused = await asOwner('devices', 'add', '--name', 'Kassa 4');
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), LIMIT_UZ);
      const english = await asOwner('--lang', 'en', 'devices', 'add');
      assert.equal(english.code, 1);
      assert.equal(english.stderr.trim(), 'Register limit reached. Buy an additional register.');
    });

    it('refuses to lower max-devices below the registers in use', async () => {
      const refused = await asRoot('tenants', 'max-devices', tenantId, '2');
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), 'Kassalar soni 3 ta, limitni undan kam qilib bo‘lmaydi.');
      const row = await db.knex('tenants').where({ id: tenantId }).first();
      assert.equal(Number(row.max_devices), 3);
    });

    it('refuses a used key and leaves the register’s data dir as it was', async () => {
      const before = fingerprint(register(2));
      const rowBefore = identityRow(register(2));
      const refused = await activate(keys['POS-02']!, register(2));
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), 'Bu kassa kaliti allaqachon ishlatilgan.');
      assert.equal(fingerprint(register(2)), before);
      assert.deepEqual(identityRow(register(2)), rowBefore);
    });

    it('refuses a bad key without creating pos.sqlite', async () => {
      const refused = await activate(
        'dk_0123456789abcdef0123456789abcdef_notARealSecretAtAllxxxxxxxxxxx',
        register(9),
      );
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), 'Kassa kaliti noto‘g‘ri.');
      assert.equal(existsSync(join(register(9), 'pos.sqlite')), false);
    });

    it('refuses to activate over a register with unsent events, before using the key', async () => {
      const store = new Database(join(register(3), 'pos.sqlite'));
      store
        .prepare(
          `INSERT INTO outbox (id, type, occurred_at, data, status, created_at)
           VALUES ('0190a0b0-0000-7000-8000-000000000001', 'sale.completed', '2026-11-25T10:00:00.000Z', '{}', 'pending', '2026-11-25T10:00:00.000Z')`,
        )
        .run();
      store.close();
      const refused = await activate('dk_anything', register(3));
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /yuborilmagan 1 ta hodisa bor/);
      assert.equal(identityRow(register(3))?.device_name, 'POS-03');
      const status = JSON.parse(
        ok(await runCli('pos', ['status', '--json', '--data-dir', register(3)])).stdout,
      );
      assert.equal(status.eventsWaiting, 1);
    });

    it('pos status reports the identity and no events waiting', async () => {
      const status = JSON.parse(
        ok(await runCli('pos', ['status', '--json', '--data-dir', register(1)])).stdout,
      );
      assert.deepEqual(status.device.name, 'POS-01');
      assert.deepEqual(status.tenant, { id: tenantId, name: 'Otabek Books' });
      assert.equal(status.store.name, 'Main store');
      assert.equal(status.store.currency, 'UZS');
      assert.equal(status.server, server.url);
      assert.equal(status.eventsWaiting, 0);
      assert.ok(!JSON.stringify(status).includes(String(identityRow(register(1))?.device_token)));
      const human = ok(await runCli('pos', ['status', '--data-dir', register(1), '--lang', 'en']));
      assert.match(human.stdout, /Register\s*│\s*POS-01/);
      const none = await runCli('pos', ['status', '--data-dir', register(9)]);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /faollashtirilgan kassa yo‘q/);
    });

    it('revokes POS-03 by name; its key then gives the revoked message', async () => {
      const revoked = ok(await asOwner('devices', 'revoke', 'POS-03'));
      assert.match(revoked.stdout, /POS-03 bekor qilindi/);
      const list = JSON.parse(ok(await asOwner('--json', 'devices', 'list')).stdout);
      assert.equal(list.used, 2);
      const again = await activate(keys['POS-03']!, register(8));
      assert.equal(again.code, 1);
      assert.equal(again.stderr.trim(), 'Bu kassa bekor qilingan.');
      const missing = await asOwner('devices', 'revoke', 'POS-77');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /POS-77/);
    });

    it('re-keys POS-02 for a replaced PC; the new key takes over the same data dir', async () => {
      const reset = ok(await asOwner('devices', 'reset-key', 'POS-02'));
      const line = /pos-activate (dk_\S+) --server/.exec(reset.stdout);
      assert.ok(line, reset.stdout);
      const result = ok(await activate(line[1]!, register(2)));
      assert.match(result.stdout, /^Faollashtirildi: Otabek Books \/ Main store \/ POS-02$/m);
      assert.match(result.stdout, /oldingi kassa \(POS-02, Otabek Books\) almashtirildi/);
      const list = JSON.parse(ok(await asOwner('--json', 'devices', 'list')).stdout);
      const pos02 = list.devices.find((d: { name: string }) => d.name === 'POS-02');
      assert.equal(pos02.status, 'active');
      assert.equal(list.used, 2);
    });

    it('logs the owner out: the session file is gone and commands ask to log in', async () => {
      ok(await asOwner('logout'));
      assert.equal(existsSync(join(ownerDir(), 'session.json')), false);
      const after = await asOwner('devices', 'list');
      assert.equal(after.code, 1);
      assert.match(after.stderr, /posapp login/);
    });
  });
}
