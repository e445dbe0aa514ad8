import assert from 'node:assert/strict';
import { fiscalTimeLeftMs } from '../../src/common/fiscal-countdown.js';
import { lastFiscalStatus, readFiscalConfig, turnFiscalOff } from '../../src/terminal/fiscal/service.js';
import { readSyncState } from '../../src/terminal/store/queries/sync.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { createSyncMonitor } from '../../src/terminal/ui/sync-monitor.js';
import { bearer, testApp, type TestApp } from '../helpers/app.js';
import { assertBuilt, ok, runCli } from '../helpers/cli.js';
import { testDialects } from '../helpers/db.js';
import { fiscalShop, type FiscalShop, type FiscalTill } from '../helpers/fiscal-shop.js';

interface ReportedFiscal {
  terminalId: string;
  oldestUnsentAt: string | null;
  blockAfterHours?: number;
}

for (const dialect of testDialects()) {
  describe(`the owner knows a register's FM from its first sync [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: FiscalShop;
    before(async () => {
      assertBuilt();
      t = await testApp(dialect);
      shop = await fiscalShop(t, 2);
    });
    after(async () => {
      await shop?.close();
      await t?.close();
    });

    const fiscalOf = async (till: FiscalTill): Promise<ReportedFiscal | null> => {
      const res = await t.http
        .get('/devices')
        .set(...bearer(shop.tenant.ownerToken))
        .expect(200);
      const device = (
        res.body.devices as { id: string; report: { fiscal: ReportedFiscal | null } | null }[]
      ).find((d) => d.id === till.ctx.identity.deviceId);
      return device?.report?.fiscal ?? null;
    };

    it('`pos fiscal set` asks the FM at once: the next sync reports it with the register’s 48 h limit', async () => {
      const till = shop.tills[0]!;
      const url = readFiscalConfig(till.ctx)!.url;
      turnFiscalOff(till.ctx);
      ok(
        await runCli('pos', [
          '--data-dir',
          till.dataDir,
          'fiscal',
          'set',
          'fds',
          '--url',
          url,
          '--factory-id',
          till.emulator.factoryId,
          '--block-after',
          '48',
        ]),
      );
      // A background round: it does not ask the FM itself, it reports what the register knows.
      await syncOnce(till.ctx.db, till.ctx.identity);
      const fiscal = await fiscalOf(till);
      assert.equal(fiscal?.terminalId, till.emulator.terminalId);
      assert.equal(fiscal?.blockAfterHours, 48);

      // A receipt waiting 20 h: 28 h left on this register, where a 24 h register would have 4.
      const oldestUnsentAt = new Date(Date.now() - 20 * 3_600_000).toISOString();
      const left = fiscalTimeLeftMs({ ...fiscal!, oldestUnsentAt })!;
      assert.ok(left > 27.9 * 3_600_000 && left <= 28 * 3_600_000, `${left} ms left`);
    });

    it('asks the FM when the register starts, before its first sync reports to the owner', async () => {
      const till = shop.tills[1]!;
      // Set up without asking the FM (as an older register left it): nothing known yet.
      assert.equal(lastFiscalStatus(till.ctx), undefined);
      const statusEvents = () =>
        t.db
          .knex('sync_events')
          .where({
            tenant_id: shop.tenant.tenantId,
            device_id: till.ctx.identity.deviceId,
            type: 'device.status',
          })
          .select('id', 'data');
      const before = new Set((await statusEvents()).map((e: { id: string }) => e.id));

      const lastSync = () => readSyncState(till.ctx.db).lastSyncAt;
      const syncedBefore = lastSync();
      // An FM slower to answer than the server: the sync must still wait for it.
      till.emulator.latencyMs = 400;
      const monitor = createSyncMonitor(till.ctx, { background: true, intervalMs: 60_000 });
      // The first round of the background sync has finished once the last sync time moves.
      const reported = new Promise<void>((resolve) => {
        const off = monitor.subscribe(() => {
          if (lastSync() !== syncedBefore) {
            off();
            resolve();
          }
        });
      });
      monitor.start();
      await reported;
      await monitor.stop();
      till.emulator.latencyMs = 0;

      const fresh = (await statusEvents()).filter((e: { id: string }) => !before.has(e.id));
      assert.ok(fresh.length > 0, 'the first sync sent a status report');
      for (const event of fresh as { data: string }[])
        assert.equal(JSON.parse(event.data).data.fiscal?.terminalId, till.emulator.terminalId);
      assert.equal((await fiscalOf(till))?.terminalId, till.emulator.terminalId);
    });
  });
}
