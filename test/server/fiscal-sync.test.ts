import assert from 'node:assert/strict';
import request from 'supertest';
import { newId } from '../../src/common/ids.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, saleEvent, type ActiveDevice } from '../helpers/sync.js';

function fiscalisedEvent(doc: { saleId?: string; refundId?: string }, seq: number): SyncEvent {
  const sign = String(100_000_000_000 + seq);
  return {
    id: newId(),
    type: 'sale.fiscalised',
    occurredAt: new Date().toISOString(),
    data: {
      ...doc,
      terminalId: 'ZZ000000000001',
      receiptSeq: seq,
      dateTime: '2026-12-01 14:05:09',
      fiscalSign: sign,
      qrUrl: `https://ofd.soliq.uz/check?t=ZZ000000000001&r=${seq}&c=20261201140509&s=${sign}`,
    },
  };
}

for (const dialect of testDialects()) {
  describe(`sale.fiscalised: the FM's result kept with the sale [${dialect}]`, function () {
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    let products: string[];
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t, { maxDevices: 3 });
      device = await activateFirstDevice(t, shop);
      products = [(await createProduct(t, shop.ownerToken)).id];
    });
    after(async () => {
      await t.close();
    });

    const receipts = (query: string) =>
      request(t.app)
        .get(`/reports/receipts?${query}`)
        .set(...bearer(shop.ownerToken));

    it('stores the result once, answers duplicate to a resend, and the receipts report shows it', async () => {
      const sale = saleEvent(products);
      const fiscal = fiscalisedEvent({ saleId: sale.id }, 7);
      const res = await push(t, device, [sale, fiscal]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied'],
      );
      const again = await push(t, device, [fiscal]).expect(200);
      assert.equal(again.body.results[0].status, 'duplicate');
      assert.equal(await countRows(t, 'fiscal_receipts', { tenant_id: shop.tenantId, doc_id: sale.id }), 1);

      const report = await receipts('').expect(200);
      const row = report.body.receipts.find((r: { id: string }) => r.id === sale.id);
      assert.equal(row.kind, 'sale');
      assert.equal(row.number, (sale.data as { receiptNo: string }).receiptNo);
      assert.deepEqual(row.fiscal, {
        terminalId: 'ZZ000000000001',
        receiptSeq: 7,
        dateTime: '2026-12-01 14:05:09',
        fiscalSign: '100000000007',
        qrUrl: (fiscal.data as { qrUrl: string }).qrUrl,
      });
    });

    it('rejects a second, different result for the same sale and keeps the first', async () => {
      const sale = saleEvent(products);
      await push(t, device, [sale, fiscalisedEvent({ saleId: sale.id }, 8)]).expect(200);
      const res = await push(t, device, [fiscalisedEvent({ saleId: sale.id }, 9)]).expect(200);
      assert.equal(res.body.results[0].status, 'rejected');
      const row = await t.db
        .knex('fiscal_receipts')
        .where({ tenant_id: shop.tenantId, doc_id: sale.id })
        .first();
      assert.equal(Number(row.receipt_seq), 8);
    });

    it("finds a sale's fiscal result by its receipt number, whatever its date", async () => {
      const sale = saleEvent(products);
      await push(t, device, [sale, fiscalisedEvent({ saleId: sale.id }, 10)]).expect(200);
      const receiptNo = (sale.data as { receiptNo: string }).receiptNo;
      const found = await receipts(`receiptNo=${receiptNo}`).expect(200);
      assert.equal(found.body.receipts.length, 1);
      assert.equal(found.body.receipts[0].fiscal.receiptSeq, 10);
    });

    it('rejects a result naming both a sale and a refund, or neither', async () => {
      const both = fiscalisedEvent({ saleId: newId(), refundId: newId() }, 11);
      const neither = fiscalisedEvent({}, 12);
      const res = await push(t, device, [both, neither]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['rejected', 'rejected'],
      );
    });
  });
}
