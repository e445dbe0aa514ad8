import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { countRows, createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, addActiveDevice, push, saleEvent, type ActiveDevice } from '../helpers/sync.js';

function withReceiptNo(event: SyncEvent, receiptNo: string): SyncEvent {
  return { ...event, data: { ...(event.data as object), receiptNo } } as SyncEvent;
}

function refundEvent(
  saleId: string,
  refundNo: string,
  lines: Array<{ productId: string; qty: number }>,
): SyncEvent {
  const refundLines = lines.map((l) => ({ ...l, total: (1_000_00 * l.qty) / 1000 }));
  const total = refundLines.reduce((a, l) => a + l.total, 0);
  return {
    id: newId(),
    type: 'sale.refunded',
    occurredAt: new Date().toISOString(),
    data: { refundNo, saleId, lines: refundLines, payments: [{ method: 'cash', amount: total }], total },
  };
}

function fiscalised(saleId: string): SyncEvent {
  return {
    id: newId(),
    type: 'sale.fiscalised',
    occurredAt: new Date().toISOString(),
    data: {
      saleId,
      terminalId: 'ZZ000000000001',
      receiptSeq: 4,
      dateTime: '2026-12-01 14:05:09',
      fiscalSign: '100000000004',
      qrUrl: 'https://ofd.soliq.uz/check?t=ZZ000000000001&r=4&c=20261201140509&s=100000000004',
    },
  };
}

for (const dialect of testDialects()) {
  describe(`GET /sales/lookup: a register finds a sale of its store [${dialect}]`, function () {
    this.timeout(30_000);
    let t: TestApp;
    let shop: BootstrappedTenant;
    let first: ActiveDevice;
    let second: ActiveDevice;
    let products: string[];
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t, { maxDevices: 2 });
      first = await activateFirstDevice(t, shop);
      second = await addActiveDevice(t, shop);
      products = [(await createProduct(t, shop.ownerToken)).id, (await createProduct(t, shop.ownerToken)).id];
    });
    after(async () => {
      await t?.close();
    });

    const lookup = (device: ActiveDevice, receipt: string) =>
      t.http
        .get('/sales/lookup')
        .query({ receipt })
        .set(...bearer(device.token));

    it("answers POS-01's sale to POS-02 with its lines, payments, register and fiscal result", async () => {
      const sale = withReceiptNo(saleEvent(products, { qty: 2000 }), 'POS-01-000501');
      await push(t, first, [sale, fiscalised(sale.id)]).expect(200);
      // POS-01's last report names the FM it holds: a refund must go through that register.
      await push(t, first, [
        {
          id: newId(),
          type: 'device.status',
          occurredAt: new Date().toISOString(),
          data: {
            appVersion: '1.0.0',
            fiscal: {
              terminalId: 'ZZ000000000001',
              locked: false,
              zOpen: true,
              unsent: 0,
              oldestUnsentAt: null,
              memoryLeft: 1000,
            },
          },
        },
      ]).expect(200);
      const res = await lookup(second, 'POS-01-000501').expect(200);
      const found = res.body.sale;
      assert.equal(found.id, sale.id);
      assert.equal(found.receiptNo, 'POS-01-000501');
      assert.deepEqual(found.register, { id: first.id, name: 'POS-01' });
      assert.deepEqual(
        found.lines.map(
          (l: { productId: string; qty: number; gross: number; total: number; vat: number }) => [
            l.productId,
            l.qty,
            l.gross,
            l.total,
            l.vat,
          ],
        ),
        products.map((id) => [id, 2000, 2_000_00, 2_000_00, 21_429]),
      );
      assert.deepEqual(found.payments, [
        { method: 'cash', amount: 4_000_00, cardType: null, reference: null },
      ]);
      assert.deepEqual(found.refunds, []);
      assert.deepEqual(found.fiscal, {
        terminalId: 'ZZ000000000001',
        receiptSeq: 4,
        dateTime: '2026-12-01 14:05:09',
        fiscalSign: '100000000004',
        qrUrl: 'https://ofd.soliq.uz/check?t=ZZ000000000001&r=4&c=20261201140509&s=100000000004',
        heldBy: 'POS-01',
      });
    });

    it('finds a sale by the digits at the end of its number, on whichever register made it', async () => {
      const sale = withReceiptNo(saleEvent(products), 'POS-02-000777');
      await push(t, second, [sale]).expect(200);
      const res = await lookup(first, '777').expect(200);
      assert.equal(res.body.sale.id, sale.id);
      assert.equal(res.body.sale.register.name, 'POS-02');
      assert.equal(res.body.sale.fiscal, null);
    });

    it('asks for the full number when the digits name sales of two registers', async () => {
      await push(t, first, [withReceiptNo(saleEvent(products), 'POS-01-000888')]).expect(200);
      await push(t, second, [withReceiptNo(saleEvent(products), 'POS-02-000888')]).expect(200);
      const res = await lookup(first, '888').expect(409);
      assert.equal(res.body.error.code, 'RECEIPT_AMBIGUOUS');
      assert.match(res.body.error.message, /POS-01-000888/);
      assert.match(res.body.error.message, /POS-02-000888/);
    });

    it('counts refunds of every register; a refund past what was sold is refused by the server', async () => {
      const sale = withReceiptNo(saleEvent(products, { qty: 3000 }), 'POS-01-000601');
      await push(t, first, [sale]).expect(200);
      // POS-02 takes back 2 of the first product of POS-01's sale: applied like POS-01's own.
      const byOther = refundEvent(sale.id, 'POS-02-R000001', [{ productId: products[0]!, qty: 2000 }]);
      const applied = await push(t, second, [byOther]).expect(200);
      assert.equal(applied.body.results[0].status, 'applied');
      const byOwner = refundEvent(sale.id, 'POS-01-R000001', [{ productId: products[0]!, qty: 1000 }]);
      await push(t, first, [byOwner]).expect(200);

      const res = await lookup(second, 'POS-01-000601').expect(200);
      assert.deepEqual(
        res.body.sale.lines.map((l: { refunded: number }) => l.refunded),
        [3000, 0],
      );
      assert.deepEqual(
        res.body.sale.refunds.map((r: { refundNo: string; register: string; total: number }) => [
          r.refundNo,
          r.register,
          r.total,
        ]),
        [
          ['POS-02-R000001', 'POS-02', 2_000_00],
          ['POS-01-R000001', 'POS-01', 1_000_00],
        ],
      );

      // One more of the product, from POS-02 whose figures were stale: the server keeps refusing over-refunds.
      const over = refundEvent(sale.id, 'POS-02-R000002', [{ productId: products[0]!, qty: 1000 }]);
      const refused = await push(t, second, [over]).expect(200);
      assert.equal(refused.body.results[0].status, 'rejected');
      assert.match(refused.body.results[0].error, /0 left of 3000 sold/);
      assert.equal(await countRows(t, 'refunds', { tenant_id: shop.tenantId, sale_id: sale.id }), 2);
    });

    it('returns the marking codes a register sent with its sale, none for a sale sent without them', async () => {
      const codes = ['0104780000000011215AAA111\u001d93abcd', '0104780000000011215BBB222\u001d93abcd'];
      const marked = withReceiptNo(saleEvent(products, { qty: 2000 }), 'POS-01-000701') as Extract<
        SyncEvent,
        { type: 'sale.completed' }
      >;
      marked.data.lines[0]!.markingCodes = codes;
      // A code the FM would refuse (a space inside) is refused at the push, kept with its reason.
      const spoiled = structuredClone(marked);
      spoiled.id = newId();
      spoiled.data.receiptNo = 'POS-01-000702';
      spoiled.data.lines[0]!.markingCodes = ['01047800 00000011'];
      const res = await push(t, first, [marked, spoiled]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'rejected'],
      );
      assert.match(res.body.results[1].error, /markingCodes/);

      const found = await lookup(second, 'POS-01-000701').expect(200);
      assert.deepEqual(
        found.body.sale.lines.map((l: { markingCodes: string[] }) => l.markingCodes),
        [codes, []],
      );
    });

    it('answers 404 RECEIPT_NOT_FOUND for a sale of another store of the same tenant', async () => {
      const sale = withReceiptNo(saleEvent(products), 'POS-01-000901');
      await push(t, first, [sale]).expect(200);
      await lookup(second, 'POS-01-000901').expect(200);
      // The same tenant's second shop: its sales are not this store's registers' business.
      const otherStore = newId();
      await t.db
        .knex('stores')
        .insert({ tenant_id: shop.tenantId, id: otherStore, name: 'Second shop', created_at: Date.now() });
      await t.db
        .knex('sales')
        .where({ tenant_id: shop.tenantId, id: sale.id })
        .update({ store_id: otherStore });
      const res = await lookup(second, 'POS-01-000901').expect(404);
      assert.equal(res.body.error.code, 'RECEIPT_NOT_FOUND');
      assert.equal((await lookup(second, '901').expect(404)).body.error.code, 'RECEIPT_NOT_FOUND');
    });

    it("refuses an owner's token and a malformed receipt", async () => {
      await t.http
        .get('/sales/lookup')
        .query({ receipt: 'POS-01-000501' })
        .set(...bearer(shop.ownerToken))
        .expect(403);
      const bad = await lookup(first, "POS-01'; --").expect(400);
      assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    });
  });
}
