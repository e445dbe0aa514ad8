import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import { PROTOCOL_VERSION, type DeviceStatusData, type SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, type ActiveDevice } from '../helpers/sync.js';

function statusEvent(data: DeviceStatusData, occurredAt = new Date()): SyncEvent {
  return { id: newId(), type: 'device.status', occurredAt: occurredAt.toISOString(), data };
}

const fiscal = {
  terminalId: 'UZ170703100477',
  locked: false,
  zOpen: true,
  unsent: 3,
  oldestUnsentAt: '2026-12-01T08:00:00.000Z',
  memoryLeft: 2400,
};

for (const dialect of testDialects()) {
  describe(`device.status [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
      device = await activateFirstDevice(t, shop);
    });
    after(async () => {
      await t.close();
    });

    const listed = async (tenant = shop) => {
      const res = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      return res.body.devices.find((d: { id: string }) => d.id === device.id);
    };

    it('shows no report on GET /devices before the register sent one', async () => {
      assert.equal((await listed()).report, null);
    });

    it('keeps the reported fiscal status, app version and unapplied changes and shows them on GET /devices', async () => {
      const unapplied = {
        count: 1,
        items: [{ entity: 'coupon', id: 'c-1', reason: 'unknown entity coupon', version: 42 }],
      };
      const event = statusEvent({ appVersion: '0.1.0', fiscal, unapplied });
      const res = await push(t, device, [event]).expect(200);
      assert.equal(res.body.results[0].status, 'applied');
      const report = (await listed()).report;
      assert.deepEqual(report, { at: event.occurredAt, appVersion: '0.1.0', fiscal, unapplied });
      const row = await t.db.knex('sync_events').where({ tenant_id: shop.tenantId, id: event.id }).first();
      assert.equal(row.type, 'device.status');
      assert.equal(row.status, 'applied');
    });

    it('keeps the register’s fiscal module id (its FactoryID) in devices and clears it when no longer set', async () => {
      const factoryId = 'A1B2C3D4-0000-4000-8000-00000000F00D';
      await push(t, device, [statusEvent({ appVersion: '0.1.0', fiscal, fiscalModuleId: factoryId })]).expect(
        200,
      );
      assert.equal((await listed()).fiscalModuleId, factoryId);
      const row = await t.db.knex('devices').where({ tenant_id: shop.tenantId, id: device.id }).first();
      assert.equal(row.fiscal_module_id, factoryId);
      // `pos fiscal off`: the next report carries no module.
      await push(t, device, [statusEvent({ appVersion: '0.1.0' })]).expect(200);
      assert.equal((await listed()).fiscalModuleId, null);
    });

    it('answers duplicate to a resent report and keeps one stored event', async () => {
      const event = statusEvent({ appVersion: '0.1.1' });
      await push(t, device, [event]).expect(200);
      const again = await push(t, device, [event]).expect(200);
      assert.equal(again.body.results[0].status, 'duplicate');
      const rows = await t.db.knex('sync_events').where({ tenant_id: shop.tenantId, id: event.id });
      assert.equal(rows.length, 1);
      const report = (await listed()).report;
      assert.equal(report.appVersion, '0.1.1');
      assert.equal(report.fiscal, null);
      assert.deepEqual(report.unapplied, { count: 0, items: [] });
    });

    it('never lets an older report arriving late replace a newer one', async () => {
      const newer = statusEvent({ appVersion: '0.2.0' }, new Date(Date.now() + 60_000));
      const older = statusEvent({ appVersion: '0.1.9' }, new Date(Date.now() - 60_000));
      await push(t, device, [newer]).expect(200);
      const res = await push(t, device, [older]).expect(200);
      assert.equal(res.body.results[0].status, 'applied');
      assert.equal((await listed()).report.appVersion, '0.2.0');
    });

    it('keeps the newest of several reports in one batch', async () => {
      const base = Date.now() + 120_000;
      const events = [
        statusEvent({ appVersion: '0.3.1' }, new Date(base + 1000)),
        statusEvent({ appVersion: '0.3.0' }, new Date(base)),
      ];
      await push(t, device, events).expect(200);
      assert.equal((await listed()).report.appVersion, '0.3.1');
    });

    it('rejects a malformed report and keeps it visible without touching the device', async () => {
      const bad = { ...statusEvent({ appVersion: '0.9.0' }), data: { appVersion: '', extra: 1 } };
      const res = await push(t, device, [bad]).expect(200);
      assert.equal(res.body.results[0].status, 'rejected');
      assert.notEqual((await listed()).report.appVersion, '0.9.0');
    });

    it('does not show one tenant’s register report to another tenant', async () => {
      const other = await bootstrapTenant(t);
      const res = await t.http
        .get('/devices')
        .set(...bearer(other.ownerToken))
        .expect(200);
      assert.equal(
        res.body.devices.some((d: { id: string }) => d.id === device.id),
        false,
      );
      assert.deepEqual(
        res.body.devices.map((d: { report: unknown }) => d.report),
        [null],
      );
    });
  });
}

for (const dialect of testDialects()) {
  describe(`GET /sync/pull contract fields [${dialect}]`, function () {
    let t: TestApp;
    after(async () => {
      await t?.close();
    });

    it('carries protocolVersion, minRegisterVersion and each change’s version', async () => {
      t = await testApp(dialect, { minRegisterVersion: '0.4.0' });
      const shop = await bootstrapTenant(t);
      const device = await activateFirstDevice(t, shop);
      const res = await t.http
        .get('/sync/pull')
        .set(...bearer(device.token))
        .expect(200);
      assert.equal(res.body.protocolVersion, PROTOCOL_VERSION);
      assert.equal(res.body.minRegisterVersion, '0.4.0');
      const settings = res.body.changes.find((c: { entity: string }) => c.entity === 'settings');
      assert.equal(typeof settings.version, 'number');
      assert.ok(settings.version <= Number(res.body.cursor));
      const empty = await t.http
        .get('/sync/pull')
        .query({ cursor: res.body.cursor })
        .set(...bearer(device.token))
        .expect(200);
      assert.deepEqual(empty.body.changes, []);
      assert.equal(empty.body.minRegisterVersion, '0.4.0');
    });
  });
}
