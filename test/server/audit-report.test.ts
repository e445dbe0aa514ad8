import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import type { AuditRecordedData } from '../../src/common/protocol/sync.js';
import { storeDayOf } from '../../src/common/time.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, saleEvent, type ActiveDevice } from '../helpers/sync.js';

function auditEvent(data: AuditRecordedData, occurredAt = new Date()) {
  return { id: newId(), type: 'audit.recorded', occurredAt: occurredAt.toISOString(), data };
}

interface Shop {
  tenant: BootstrappedTenant;
  device: ActiveDevice;
  owner: [string, string];
  cashierId: string;
}

async function shop(t: TestApp, cashierName: string, pin: string): Promise<Shop> {
  const tenant = await bootstrapTenant(t, { tenantName: `${cashierName} shop` });
  const device = await activateFirstDevice(t, tenant);
  const owner = bearer(tenant.ownerToken);
  const cashier = await t.http
    .post('/users')
    .set(...owner)
    .send({ role: 'cashier', name: cashierName, pin })
    .expect(201);
  return { tenant, device, owner, cashierId: cashier.body.user.id as string };
}

for (const dialect of testDialects()) {
  describe(`GET /reports/audit [${dialect}]`, function () {
    let t: TestApp;
    const today = storeDayOf(Date.now());
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('stores each audit.recorded event once, however often the register resends it', async () => {
      const s = await shop(t, 'Dilnoza', '1111');
      const voided = auditEvent({
        kind: 'line.voided',
        cashierId: s.cashierId,
        shiftId: newId(),
        amount: 1_250_000,
        reason: 'mijoz voz kechdi',
        detail: { product: 'Non', qty: 2000 },
      });
      const first = await push(t, s.device, [voided, voided]).expect(200);
      assert.deepEqual(
        first.body.results.map((r: { status: string }) => r.status),
        ['applied', 'duplicate'],
      );
      const again = await push(t, s.device, [voided]).expect(200);
      assert.equal(again.body.results[0].status, 'duplicate');
      const rows = await t.db.knex('audit_events').where({ tenant_id: s.tenant.tenantId });
      assert.equal(rows.length, 1);

      const res = await t.http
        .get(`/reports/audit?from=${today}&to=${today}`)
        .set(...s.owner)
        .expect(200);
      assert.equal(res.body.hasMore, false);
      assert.equal(res.body.cursor, null);
      assert.equal(res.body.events.length, 1);
      const event = res.body.events[0];
      assert.equal(event.id, voided.id);
      assert.equal(event.kind, 'line.voided');
      assert.equal(event.cashier, 'Dilnoza');
      assert.equal(event.device, 'POS-01');
      assert.equal(event.amount, 1_250_000);
      assert.equal(event.reason, 'mijoz voz kechdi');
      assert.deepEqual(event.detail, { product: 'Non', qty: 2000 });
      assert.equal(event.occurredAt, voided.occurredAt);
    });

    it('rejects an audit event of an unknown kind and keeps it visible as rejected', async () => {
      const s = await shop(t, 'Kamola', '2222');
      const bad = {
        ...auditEvent({ kind: 'line.voided', detail: {} }),
        data: { kind: 'drawer.stolen', detail: {} },
      };
      const res = await push(t, s.device, [bad]).expect(200);
      assert.equal(res.body.results[0].status, 'rejected');
      assert.match(res.body.results[0].error, /kind/);
      assert.equal((await t.db.knex('audit_events').where({ tenant_id: s.tenant.tenantId })).length, 0);
    });

    it('filters by kind, cashier and register and pages newest first with a cursor', async () => {
      const s = await shop(t, 'Aziza', '3333');
      const other = await t.http
        .post('/users')
        .set(...s.owner)
        .send({ role: 'cashier', name: 'Botir', pin: '4444' })
        .expect(201);
      const botirId = other.body.user.id as string;
      // After the register's activation: the server refuses events from before it.
      const base = Date.now();
      const STEP = 10_000;
      const events = [
        auditEvent({ kind: 'line.voided', cashierId: s.cashierId, detail: {} }, new Date(base)),
        auditEvent({ kind: 'sale.cancelled', cashierId: s.cashierId, detail: {} }, new Date(base + STEP)),
        auditEvent({ kind: 'line.voided', cashierId: botirId, detail: {} }, new Date(base + 2 * STEP)),
        auditEvent({ kind: 'drawer.opened', cashierId: botirId, detail: {} }, new Date(base + 3 * STEP)),
        auditEvent({ kind: 'pin.failed', detail: { attempts: 1 } }, new Date(base + 4 * STEP)),
      ];
      await push(t, s.device, events).expect(200);

      const voids = await t.http
        .get(`/reports/audit?kind=line.voided`)
        .set(...s.owner)
        .expect(200);
      assert.deepEqual(
        voids.body.events.map((e: { id: string }) => e.id),
        [events[2]!.id, events[0]!.id],
      );
      const botir = await t.http
        .get(`/reports/audit?cashier=${botirId}`)
        .set(...s.owner)
        .expect(200);
      assert.deepEqual(
        botir.body.events.map((e: { kind: string }) => e.kind),
        ['drawer.opened', 'line.voided'],
      );
      const byDevice = await t.http
        .get(`/reports/audit?device=${s.device.id}&limit=2`)
        .set(...s.owner)
        .expect(200);
      assert.equal(byDevice.body.hasMore, true);
      const seen = byDevice.body.events.map((e: { id: string }) => e.id);
      let cursor = byDevice.body.cursor as string;
      for (;;) {
        const page = await t.http
          .get(`/reports/audit?device=${s.device.id}&limit=2&cursor=${cursor}`)
          .set(...s.owner)
          .expect(200);
        seen.push(...page.body.events.map((e: { id: string }) => e.id));
        if (!page.body.hasMore) break;
        cursor = page.body.cursor;
      }
      assert.deepEqual(seen, events.map((e) => e.id).reverse());
      const none = await t.http
        .get(`/reports/audit?device=${newId()}`)
        .set(...s.owner)
        .expect(200);
      assert.deepEqual(none.body.events, []);
    });

    it('shows a tenant only its own audit events, whatever ids it asks for', async () => {
      const a = await shop(t, 'Shahlo', '5555');
      const b = await shop(t, 'Jasur', '6666');
      const ofA = auditEvent({
        kind: 'sale.cancelled',
        cashierId: a.cashierId,
        amount: 9_900_00,
        detail: {},
      });
      const ofB = auditEvent({ kind: 'sale.cancelled', cashierId: b.cashierId, amount: 1_00, detail: {} });
      await push(t, a.device, [ofA]).expect(200);
      await push(t, b.device, [ofB]).expect(200);

      const asB = await t.http
        .get('/reports/audit')
        .set(...b.owner)
        .expect(200);
      assert.deepEqual(
        asB.body.events.map((e: { id: string }) => e.id),
        [ofB.id],
      );
      for (const q of [`cashier=${a.cashierId}`, `device=${a.device.id}`, 'kind=sale.cancelled'])
        for (const e of (
          await t.http
            .get(`/reports/audit?${q}`)
            .set(...b.owner)
            .expect(200)
        ).body.events)
          assert.notEqual(e.id, ofA.id);
      // A register's token is not an owner's.
      await t.http
        .get('/reports/audit')
        .set(...bearer(a.device.token))
        .expect(403);
    });

    it('refuses a malformed cursor or kind with 400 VALIDATION_FAILED', async () => {
      const s = await shop(t, 'Nodira', '7777');
      for (const q of ['cursor=abc', 'kind=everything', 'limit=0', 'from=2026-13-01']) {
        const res = await t.http
          .get(`/reports/audit?${q}`)
          .set(...s.owner)
          .expect(400);
        assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      }
    });

    it('puts each cashier’s voids, cancels and refunds beside their sales', async () => {
      const s = await shop(t, 'Umida', '8888');
      const product = await t.http
        .post('/products')
        .set(...s.owner)
        .send({ sku: 'A-1', name: 'Non', price: 500_000, vatRate: 0, barcodes: [] })
        .expect(201);
      const productId = product.body.product.id as string;
      const idle = await t.http
        .post('/users')
        .set(...s.owner)
        .send({ role: 'cashier', name: 'Sardor', pin: '9999' })
        .expect(201);
      const sale = saleEvent([productId], { cashierId: s.cashierId });
      const refund = {
        id: newId(),
        type: 'sale.refunded',
        occurredAt: new Date().toISOString(),
        data: {
          refundNo: 'POS-01-R000001',
          saleId: sale.id,
          lines: [{ productId, qty: 1000, total: 1_000_00 }],
          payments: [{ method: 'cash', amount: 1_000_00 }],
          total: 1_000_00,
          cashierId: s.cashierId,
        },
      };
      const events = [
        sale,
        refund,
        auditEvent({ kind: 'line.voided', cashierId: s.cashierId, detail: {} }),
        auditEvent({ kind: 'line.voided', cashierId: s.cashierId, detail: {} }),
        auditEvent({ kind: 'sale.cancelled', cashierId: s.cashierId, detail: {} }),
        // A refund's own audit entry is not counted again: the refund itself is.
        auditEvent({ kind: 'refund.given', cashierId: s.cashierId, saleId: sale.id, detail: {} }),
        auditEvent({ kind: 'sale.abandoned', cashierId: idle.body.user.id, detail: {} }),
      ];
      const pushed = await push(t, s.device, events).expect(200);
      assert.ok(pushed.body.results.every((r: { status: string }) => r.status === 'applied'));

      const res = await t.http
        .get(`/reports/sales?groupBy=cashier`)
        .set(...s.owner)
        .expect(200);
      const byName = new Map(res.body.rows.map((r: { label: string }) => [r.label, r]));
      assert.deepEqual(
        (({ count, sales, refunds, voids, cancels, refundCount }) => ({
          count,
          sales,
          refunds,
          voids,
          cancels,
          refundCount,
        }))(byName.get('Umida') as Record<string, number>),
        { count: 1, sales: 1_000_00, refunds: 1_000_00, voids: 2, cancels: 1, refundCount: 1 },
      );
      const sardor = byName.get('Sardor') as Record<string, number>;
      assert.equal(sardor.count, 0);
      assert.equal(sardor.cancels, 1);
      assert.equal(sardor.voids, 0);

      const byDay = await t.http
        .get(`/reports/sales?groupBy=day`)
        .set(...s.owner)
        .expect(200);
      assert.equal(byDay.body.rows[0].voids, undefined);
    });
  });
}
