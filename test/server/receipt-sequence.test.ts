import assert from 'node:assert/strict';
import { bearer, bootstrapTenant, testApp, type BootstrappedTenant, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, saleEvent, type ActiveDevice } from '../helpers/sync.js';

for (const dialect of testDialects()) {
  describe(`GET /sync/review: receipt numbers missing or used twice [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: BootstrappedTenant;
    let device: ActiveDevice;
    let product: string;
    before(async () => {
      t = await testApp(dialect);
      shop = await bootstrapTenant(t);
      device = await activateFirstDevice(t, shop);
      product = (await createProduct(t, shop.ownerToken)).id;
    });
    after(() => t.close());

    const sale = (seq: number) => {
      const event = saleEvent([product]);
      if (event.type !== 'sale.completed') throw new Error('a sale');
      return { ...event, data: { ...event.data, receiptNo: `POS-01-${String(seq).padStart(6, '0')}` } };
    };
    const review = async () =>
      (
        await t.http
          .get('/sync/review')
          .set(...bearer(shop.ownerToken))
          .expect(200)
      ).body;

    it('lists nothing while the register’s receipts run one after another', async () => {
      await push(t, device, [sale(1), sale(2), sale(3)]).expect(200);
      assert.deepEqual((await review()).receiptSequences, []);
    });

    it('flags the numbers that never arrived and a number two sales carry', async () => {
      // 4 and 5 never reach the server; 7 arrives twice under different sale ids (a register restored from a copy).
      const res = await push(t, device, [sale(6), sale(7), sale(7), sale(8)]).expect(200);
      assert.deepEqual(
        res.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied', 'applied', 'applied'],
        'accepted: each is a sale that happened',
      );
      assert.deepEqual((await review()).receiptSequences, [
        {
          deviceId: device.id,
          gaps: [{ from: 'POS-01-000004', to: 'POS-01-000005' }],
          gapCount: 1,
          duplicates: ['POS-01-000007'],
          duplicateCount: 1,
        },
      ]);
    });

    it('clears the gap once the missing sales arrive', async () => {
      await push(t, device, [sale(4), sale(5)]).expect(200);
      const { receiptSequences } = await review();
      assert.equal(receiptSequences[0].gapCount, 0);
      assert.deepEqual(receiptSequences[0].duplicates, ['POS-01-000007']);
    });
  });
}
