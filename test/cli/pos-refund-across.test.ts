import assert from 'node:assert/strict';
import { fiscaliseDocument, fiscalStatus, readFiscalConfig } from '../../src/terminal/fiscal/service.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { moveCash } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { countRows } from '../helpers/catalog.js';
import { assertBuilt, ok, runCli } from '../helpers/cli.js';
import { testDialects } from '../helpers/db.js';
import { fiscalShop, type FiscalShop, type FiscalTill } from '../helpers/fiscal-shop.js';

for (const dialect of testDialects()) {
  describe(`pos refund of a sale another register made [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: FiscalShop;
    let a: FiscalTill;
    let b: FiscalTill;
    let receiptNo: string;
    let saleId: string;
    before(async () => {
      assertBuilt();
      t = await testApp(dialect);
      shop = await fiscalShop(t, 2);
      [a, b] = shop.tills as [FiscalTill, FiscalTill];
      moveCash(b.ctx, 50_000_00, 'float');
      const sale = checkout(a.ctx, {
        cart: scanIntoCart(a.ctx, emptyCart, `3*${shop.products[0]!.barcodes[0]!}`).state,
        tenders: [{ method: 'cash', tendered: 3 * 500_000 }],
        cashier: a.cashier,
      });
      [receiptNo, saleId] = [sale.receiptNo, sale.saleId];
      await fiscaliseDocument(a.ctx, sale.saleId);
      await fiscalStatus(a.ctx);
      await fiscalStatus(b.ctx);
      await syncOnce(a.ctx.db, a.ctx.identity);
    });
    after(async () => {
      await shop?.close();
      await t?.close();
    });

    const pos = (till: FiscalTill, ...args: string[]) =>
      runCli('pos', ['--data-dir', till.dataDir, '--lang', 'en', ...args]);
    const bread = () => shop.products[0]!.barcodes[0]!;

    it("refuses with POS-02's own fiscal module, naming the register that holds the sale's", async () => {
      const refused = await pos(b, 'refund', receiptNo, '--item', bread());
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, new RegExp(`signed by fiscal module ${a.emulator.terminalId}`));
      assert.match(refused.stderr, /register POS-01/);
      assert.equal(b.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 0);
    });

    it('refunds through the same FM once it is plugged into POS-02, and prints the fiscal sign it quoted', async () => {
      const fm = readFiscalConfig(a.ctx)!;
      ok(await pos(b, 'fiscal', 'set', 'fds', '--url', fm.url, '--factory-id', fm.factoryId));
      const done = ok(await pos(b, 'refund', receiptNo, '--item', `2*${bread()}`));
      const original = a.emulator.receipts.find((r) => r.receipt.Operation === 0)!;
      assert.match(done.stdout, /POS-02-R000001/);
      assert.match(done.stdout, new RegExp(original.result.FiscalSign));
      const refund = a.emulator.receipts.at(-1)!;
      assert.equal(refund.receipt.Operation, 1);
      assert.equal(refund.receipt.RefundInfo?.FiscalSign, original.result.FiscalSign);

      // Two of three went back: two more are more than is left, from the server's figures too.
      ok(await pos(b, 'sync'));
      assert.equal(await countRows(t, 'refunds', { tenant_id: shop.tenant.tenantId, sale_id: saleId }), 1);
      const over = await pos(b, 'refund', receiptNo, '--item', `2*${bread()}`);
      assert.equal(over.code, 1);
      assert.match(over.stderr, /Non patir/);
      assert.equal(b.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 1);
    });
  });
}
