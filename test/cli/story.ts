import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/node/sqlite-driver.js';
import {
  cliShop,
  createSuperadminCli,
  ok,
  runCli,
  startCliServer,
  type CliServer,
  type CliShop,
} from '../helpers/cli.js';
import type { Dialect } from '../../src/server/db/connection.js';

const LIMIT_UZ = 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.';

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

/**
 * The licensing story through the built binaries, one step per test. Each step starts from a shop of its own that
 * the fixture brings to the step's precondition (`cliShop`), so any step runs alone (`--grep`) and one failure
 * leaves the others green; they share only the server. Each database's run is a test file of its own
 * (story-sqlite, story-mysql), so the two run on parallel workers.
 */
export function describeLicensingStory(dialect: Dialect): void {
  describe(`the licensing story through the built CLI [${dialect}]`, function () {
    // A few CLI children per step, each a Node process start.
    this.timeout(120_000);

    let server: CliServer;
    let dirs = 0;
    /** A register data dir of its own for each use. */
    const registerDir = () => join(server.scratch, `register-${++dirs}`);
    const activated = async (shop: CliShop, name: string): Promise<string> => {
      const dir = registerDir();
      ok(await shop.activate(name, dir));
      return dir;
    };

    before(async function () {
      this.timeout(180_000);
      server = await startCliServer(dialect, 'story');
    });
    after(async () => {
      // Ctrl+C and a service manager's SIGTERM are both clean stops: the server closes and exits 0.
      const code = server ? await server.stop(dialect === 'sqlite' ? 'SIGINT' : 'SIGTERM') : 0;
      assert.equal(code, 0, server?.child.output());
    });

    it('creates a superadmin straight in the database and logs in', async () => {
      const account = { email: 'platform@posapp.uz', password: 'platform-pass-2' };
      const created = ok(await createSuperadminCli(server.db.url, join(server.scratch, 'server'), account));
      assert.match(created.stdout, /Superadmin yaratildi: platform@posapp\.uz/);
      const configDir = join(server.scratch, 'config-platform');
      const login = ok(
        await runCli('posapp', [
          '--config-dir',
          configDir,
          'login',
          '--server',
          server.url,
          '--email',
          account.email,
          '--password',
          account.password,
        ]),
      );
      assert.match(login.stdout, /platform@posapp\.uz \(superadmin\)/);
      const session = JSON.parse(readFileSync(join(configDir, 'session.json'), 'utf8'));
      assert.equal(session.server, server.url);
      assert.equal(session.user.role, 'superadmin');
    });

    it('bootstraps Otabek Books with one register and prints POS-01’s key with the pos-activate line', async () => {
      const ownerEmail = `owner-${Date.now()}@otabek.uz`;
      const result = ok(
        await server.asRoot(
          'bootstrap',
          '--tenant',
          'Otabek Books',
          '--store',
          'Main store',
          '--owner-email',
          ownerEmail,
          '--owner-password',
          'owner-pass-1',
          '--max-devices',
          '1',
        ),
      );
      assert.match(result.stdout, /Korxona: Otabek Books/);
      assert.match(result.stdout, /Do‘kon: Main store/);
      assert.match(result.stdout, new RegExp(`Egasi: ${ownerEmail.replace(/\./g, '\\.')}`));
      const line = new RegExp(`pos-activate (dk_\\S+) --server ${server.url.replace(/\./g, '\\.')}`).exec(
        result.stdout,
      );
      assert.ok(line, result.stdout);
      const key = line[1]!;
      const list = JSON.parse(
        ok(await server.asRoot('--json', 'tenants', 'list', '--search', 'Otabek')).stdout,
      );
      const tenant = list.tenants.find((t: { ownerEmail: string }) => t.ownerEmail === ownerEmail);
      assert.deepEqual([tenant.name, tenant.maxDevices, tenant.used], ['Otabek Books', 1, 1]);
      // The printed key is POS-01's: it activates a register of this tenant.
      const dir = registerDir();
      ok(await runCli('pos-activate', [key, '--server', server.url, '--data-dir', dir]));
      assert.deepEqual([identityRow(dir)?.tenant_id, identityRow(dir)?.device_name], [tenant.id, 'POS-01']);
    });

    it('refuses the owner a second register with the exact Uzbek limit message', async () => {
      const shop = await cliShop(server, { maxDevices: 1, loginOwner: true });
      const refused = await shop.asOwner('devices', 'add');
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), LIMIT_UZ);
      assert.equal(refused.stdout, '');
      const rows = await server.db.knex('devices').where({ tenant_id: shop.tenantId });
      assert.equal(rows.length, 1);
    });

    it('shows the superadmin who asked for more registers, and keeps the sale as licence history', async () => {
      const shop = await cliShop(server, { tenantName: `Otabek Books ${Date.now()}`, maxDevices: 1 });
      // The owner asked for a second register once and was refused.
      const refused = await fetch(`${server.url}/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await shop.ownerToken()}` },
        body: '{}',
      });
      assert.equal(refused.status, 402);
      const calls = ok(await server.asRoot('tenants', 'list', '--search', shop.tenantName));
      assert.match(
        calls.stdout,
        new RegExp(
          `${shop.tenantName}.*1/1.*${shop.owner.email.replace(/\./g, '\\.')}.*1 marta, oxirgisi \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`,
        ),
      );
      const raised = ok(
        await server.asRoot('tenants', 'max-devices', shop.tenantId, '3', '--note', 'invoice 118, 2 × $80'),
      );
      assert.match(raised.stdout, new RegExp(`${shop.tenantName}: kassalar limiti endi 3`));
      const history = ok(await server.asRoot('--lang', 'en', 'tenants', 'history', shop.tenantId));
      assert.match(history.stdout, /root@[^ ]*.*1 → 3.*invoice 118, 2 × \$80/);
    });

    it('lets the owner add POS-02 and POS-03 on the raised licence', async () => {
      const shop = await cliShop(server, { maxDevices: 3, loginOwner: true });
      for (const name of ['POS-02', 'POS-03']) {
        const added = JSON.parse(ok(await shop.asOwner('--json', 'devices', 'add')).stdout);
        assert.equal(added.device.name, name);
        assert.equal(added.device.status, 'pending');
      }
      const list = ok(await shop.asOwner('devices', 'list'));
      assert.match(list.stdout, /POS-01[\s\S]*POS-02[\s\S]*POS-03/);
      assert.match(list.stdout, /3 \/ 3 kassa band/);
    });

    it('activates all three registers into their own data dirs', async () => {
      const shop = await cliShop(server, { tenantName: 'Otabek Books', storeName: 'Main store', devices: 3 });
      for (const name of ['POS-01', 'POS-02', 'POS-03']) {
        const dir = registerDir();
        const result = ok(await shop.activate(name, dir));
        assert.equal(result.stdout.trim(), `Faollashtirildi: Otabek Books / Main store / ${name}`);
        const row = identityRow(dir);
        assert.equal(row?.device_name, name);
        assert.equal(row?.tenant_id, shop.tenantId);
        assert.equal(row?.tenant_name, 'Otabek Books');
        assert.equal(row?.store_name, 'Main store');
        assert.equal(row?.currency, 'UZS');
        assert.equal(row?.server_url, server.url);
        assert.ok(row?.device_token);
      }
      const devices = await server.db.knex('devices').where({ tenant_id: shop.tenantId });
      assert.deepEqual(
        devices.map((d) => d.status),
        ['active', 'active', 'active'],
      );
    });

    it('refuses a fourth register again, in the language asked for', async () => {
      const shop = await cliShop(server, { devices: 3, loginOwner: true });
      const refused = await shop.asOwner('devices', 'add', '--name', 'Kassa 4');
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), LIMIT_UZ);
      const english = await shop.asOwner('--lang', 'en', 'devices', 'add');
      assert.equal(english.code, 1);
      assert.equal(english.stderr.trim(), 'Register limit reached. Buy an additional register.');
    });

    it('refuses to lower max-devices below the registers in use', async () => {
      const shop = await cliShop(server, { devices: 3 });
      const refused = await server.asRoot('tenants', 'max-devices', shop.tenantId, '2');
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), 'Kassalar soni 3 ta, limitni undan kam qilib bo‘lmaydi.');
      const row = await server.db.knex('tenants').where({ id: shop.tenantId }).first();
      assert.equal(Number(row.max_devices), 3);
    });

    it('refuses a used key and leaves the register’s data dir as it was', async () => {
      const shop = await cliShop(server, { devices: 2 });
      const dir = await activated(shop, 'POS-02');
      const before = fingerprint(dir);
      const rowBefore = identityRow(dir);
      const refused = await shop.activate('POS-02', dir);
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), 'Bu kassa kaliti allaqachon ishlatilgan.');
      assert.equal(fingerprint(dir), before);
      assert.deepEqual(identityRow(dir), rowBefore);
    });

    it('refuses a bad key without creating pos.sqlite', async () => {
      const dir = registerDir();
      const refused = await runCli('pos-activate', [
        'dk_0123456789abcdef0123456789abcdef_notARealSecretAtAllxxxxxxxxxxx',
        '--server',
        server.url,
        '--data-dir',
        dir,
      ]);
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim(), 'Kassa kaliti noto‘g‘ri.');
      assert.equal(existsSync(join(dir, 'pos.sqlite')), false);
    });

    it('refuses to activate over a register with unsent events, before using the key', async () => {
      const shop = await cliShop(server, { devices: 3 });
      const dir = await activated(shop, 'POS-03');
      const store = new Database(join(dir, 'pos.sqlite'));
      store
        .prepare(
          `INSERT INTO outbox (id, type, occurred_at, data, status, created_at)
           VALUES ('0190a0b0-0000-7000-8000-000000000001', 'sale.completed', '2026-11-25T10:00:00.000Z', '{}', 'pending', '2026-11-25T10:00:00.000Z')`,
        )
        .run();
      store.close();
      const refused = await runCli('pos-activate', [
        'dk_anything',
        '--server',
        server.url,
        '--data-dir',
        dir,
      ]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /yuborilmagan 1 ta hodisa bor/);
      assert.equal(identityRow(dir)?.device_name, 'POS-03');
      const status = JSON.parse(ok(await runCli('pos', ['status', '--json', '--data-dir', dir])).stdout);
      assert.equal(status.eventsWaiting, 1);
    });

    it('pos status reports the identity and no events waiting', async () => {
      const shop = await cliShop(server, { tenantName: 'Otabek Books', storeName: 'Main store' });
      const dir = await activated(shop, 'POS-01');
      const status = JSON.parse(ok(await runCli('pos', ['status', '--json', '--data-dir', dir])).stdout);
      assert.deepEqual(status.device.name, 'POS-01');
      assert.deepEqual(status.tenant, { id: shop.tenantId, name: 'Otabek Books' });
      assert.equal(status.store.name, 'Main store');
      assert.equal(status.store.currency, 'UZS');
      assert.equal(status.server, server.url);
      assert.equal(status.eventsWaiting, 0);
      // A new register holds no sale yet and has moved none to the server only.
      assert.equal(status.oldestSaleAt, null);
      assert.equal(status.salesMovedOff, 0);
      assert.ok(!JSON.stringify(status).includes(String(identityRow(dir)?.device_token)));
      const human = ok(await runCli('pos', ['status', '--data-dir', dir, '--lang', 'en']));
      assert.match(human.stdout, /Register\s*│\s*POS-01/);
      const none = await runCli('pos', ['status', '--data-dir', registerDir()]);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /faollashtirilgan kassa yo‘q/);
    });

    it('revokes POS-03 by name; its key then gives the revoked message', async () => {
      const shop = await cliShop(server, { devices: 3, loginOwner: true });
      await activated(shop, 'POS-03');
      const revoked = ok(await shop.asOwner('devices', 'revoke', 'POS-03'));
      assert.match(revoked.stdout, /POS-03 bekor qilindi/);
      const list = JSON.parse(ok(await shop.asOwner('--json', 'devices', 'list')).stdout);
      assert.equal(list.used, 2);
      const again = await shop.activate('POS-03', registerDir());
      assert.equal(again.code, 1);
      assert.equal(again.stderr.trim(), 'Bu kassa bekor qilingan.');
      const missing = await shop.asOwner('devices', 'revoke', 'POS-77');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /POS-77/);
    });

    it('re-keys POS-02 for a replaced PC; the new key takes over the same data dir', async () => {
      const shop = await cliShop(server, {
        tenantName: 'Otabek Books',
        storeName: 'Main store',
        devices: 2,
        loginOwner: true,
      });
      const dir = await activated(shop, 'POS-02');
      const reset = ok(await shop.asOwner('devices', 'reset-key', 'POS-02'));
      const line = /pos-activate (dk_\S+) --server/.exec(reset.stdout);
      assert.ok(line, reset.stdout);
      const result = ok(await runCli('pos-activate', [line[1]!, '--server', server.url, '--data-dir', dir]));
      assert.match(result.stdout, /^Faollashtirildi: Otabek Books \/ Main store \/ POS-02$/m);
      assert.match(result.stdout, /oldingi kassa \(POS-02, Otabek Books\) almashtirildi/);
      const list = JSON.parse(ok(await shop.asOwner('--json', 'devices', 'list')).stdout);
      const pos02 = list.devices.find((d: { name: string }) => d.name === 'POS-02');
      assert.equal(pos02.status, 'active');
      assert.equal(list.used, 2);
    });

    it('logs the owner out: the session file is gone and commands ask to log in', async () => {
      const shop = await cliShop(server, { loginOwner: true });
      ok(await shop.asOwner('logout'));
      assert.equal(existsSync(join(shop.ownerDir, 'session.json')), false);
      const after = await shop.asOwner('devices', 'list');
      assert.equal(after.code, 1);
      assert.match(after.stderr, /posapp login/);
    });
  });
}
