import assert from 'node:assert/strict';
import { fiscalTimeLeftMs } from '../../src/common/fiscal-countdown.js';
import { fiscaliseDocument, fiscalStatus } from '../../src/terminal/fiscal/service.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { bearer, testApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { fiscalShop, type FiscalShop } from '../helpers/fiscal-shop.js';

const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`the register reports its fiscal module with each sync [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: FiscalShop;
    before(async () => {
      t = await testApp(dialect);
      shop = await fiscalShop(t, 1);
    });
    after(async () => {
      await shop?.close();
      await t?.close();
    });

    const devices = async () =>
      (
        await t.http
          .get('/devices')
          .set(...bearer(shop.tenant.ownerToken))
          .expect(200)
      ).body.devices as {
        name: string;
        fiscalModuleId: string | null;
        report: {
          fiscal: { terminalId: string; unsent: number; oldestUnsentAt: string | null } | null;
        } | null;
      }[];

    it('sends the FM number and its unsent receipts; the owner sees the time left before it blocks', async () => {
      const till = shop.tills[0]!;
      await fiscalStatus(till.ctx);
      await syncOnce(till.ctx.db, till.ctx.identity);
      const first = (await devices())[0]!.report!.fiscal!;
      assert.equal(first.terminalId, till.emulator.terminalId);
      // The FactoryID set by `pos fiscal set` is the register's fiscal module id on the owner's list.
      assert.equal((await devices())[0]!.fiscalModuleId, till.emulator.factoryId);
      assert.equal(first.unsent, 0);

      // A receipt the FM signed 20 h ago has not reached the tax server.
      till.emulator.clock = Date.now() - 20 * HOUR;
      const sale = checkout(till.ctx, {
        cart: scanIntoCart(till.ctx, emptyCart, shop.products[0]!.barcodes[0]!).state,
        tenders: [{ method: 'cash', tendered: 1_000_000 }],
        cashier: till.cashier,
      });
      await fiscaliseDocument(till.ctx, sale.saleId);
      till.emulator.clock = Date.now();
      await fiscalStatus(till.ctx);
      await syncOnce(till.ctx.db, till.ctx.identity);

      const fiscal = (await devices())[0]!.report!.fiscal!;
      assert.equal(fiscal.unsent, 1);
      assert.equal(Date.parse(fiscal.oldestUnsentAt!), till.emulator.oldestUnsentAt());
      const left = fiscalTimeLeftMs(fiscal)!;
      assert.ok(left > 3 * HOUR && left <= 4 * HOUR, `${left} ms left`);
    });

    it('reports again once the receipts reached the tax server', async () => {
      const till = shop.tills[0]!;
      till.emulator.sendAll();
      await fiscalStatus(till.ctx);
      await syncOnce(till.ctx.db, till.ctx.identity);
      const fiscal = (await devices())[0]!.report!.fiscal!;
      assert.equal(fiscal.unsent, 0);
      assert.equal(fiscal.oldestUnsentAt, null);
    });
  });
}
