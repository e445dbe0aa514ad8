import assert from 'node:assert/strict';
import { AppError } from '../../src/common/errors.js';
import {
  fiscaliseDocument,
  fiscalStatus,
  readFiscalConfig,
  setFiscalFds,
  turnFiscalOff,
} from '../../src/terminal/fiscal/service.js';
import { refundReceiptLines } from '../../src/terminal/register/printing.js';
import { refundOptions, refundSale } from '../../src/terminal/register/refunds.js';
import { lookUpOriginal } from '../../src/terminal/register/remote-sale.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { currentShift, drawerCash, moveCash } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { countRows } from '../helpers/catalog.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { keys, startApp } from '../helpers/ink.js';
import type { OfflineRegister } from '../helpers/register.js';
import { fiscalShop, type FiscalShop, type FiscalTill } from '../helpers/fiscal-shop.js';

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'none';
}

async function rejection(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

/** 2 × Non patir and 1 × Sut, paid in cash, on `till`. */
function sellTwoBreadsAndMilk(shop: FiscalShop, till: FiscalTill) {
  let cart = scanIntoCart(till.ctx, emptyCart, `2*${shop.products[0]!.barcodes[0]!}`).state;
  cart = scanIntoCart(till.ctx, cart, shop.products[1]!.barcodes[0]!).state;
  return checkout(till.ctx, {
    cart,
    tenders: [{ method: 'cash', tendered: 2 * 500_000 + 1_250_000 }],
    cashier: till.cashier,
  });
}

/** Where the till's own FM answers (its FiscalDriveService). */
const ownFm = new Map<FiscalTill, string>();
const fmUrl = (till: FiscalTill) => ownFm.get(till)!;

const refundRows = (till: FiscalTill) =>
  till.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get() as number;

for (const dialect of testDialects()) {
  describe(`a refund on another register of the store quotes the original's fiscal result [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: FiscalShop;
    let a: FiscalTill;
    let b: FiscalTill;
    let sale: ReturnType<typeof sellTwoBreadsAndMilk>;
    before(async () => {
      t = await testApp(dialect);
      shop = await fiscalShop(t, 2);
      [a, b] = shop.tills as [FiscalTill, FiscalTill];
      for (const till of [a, b]) ownFm.set(till, readFiscalConfig(till.ctx)!.url);
      // POS-02's drawer holds cash to give back.
      moveCash(b.ctx, 100_000_00, 'float');
      sale = sellTwoBreadsAndMilk(shop, a);
      await fiscaliseDocument(a.ctx, sale.saleId);
      await fiscalStatus(a.ctx);
      await fiscalStatus(b.ctx);
      await syncOnce(a.ctx.db, a.ctx.identity);
      await syncOnce(b.ctx.db, b.ctx.identity);
    });
    after(async () => {
      await shop?.close();
      await t?.close();
    });

    it("refuses on POS-02 with its own FM, naming POS-01 that holds the sale's FM, before any money leaves", async () => {
      const drawer = drawerCash(b.ctx, currentShift(b.ctx)!.id);
      const refused = await rejection(lookUpOriginal(b.ctx, sale.receiptNo));
      assert.equal(refused.code, 'FISCAL_REFUND_OTHER_FM');
      const message = refused.localized('en');
      assert.match(message, new RegExp(a.emulator.terminalId));
      assert.match(message, /register POS-01/);
      assert.equal(refundRows(b), 0);
      assert.equal(drawerCash(b.ctx, currentShift(b.ctx)!.id), drawer);
      assert.equal(b.emulator.receipts.length, 0);
    });

    it('refunds on POS-02 once the FM that signed the sale is plugged in there, quoting it', async () => {
      // POS-01's FM moves to POS-02's PC.
      setFiscalFds(b.ctx, { url: fmUrl(a), factoryId: a.emulator.factoryId });
      const original = await lookUpOriginal(b.ctx, sale.receiptNo);
      assert.equal(original.register, 'POS-01');
      const { lines } = refundOptions(b.ctx, original);
      assert.deepEqual(
        lines.map((l) => [l.sold, l.left]),
        [
          [2000, 2000],
          [1000, 1000],
        ],
      );
      const refund = refundSale(b.ctx, {
        original,
        selection: { lines: [{ lineIndex: 0, qty: 1000 }] },
        cashier: b.cashier,
      });
      assert.equal(refund.fiscal, true);
      const before = a.emulator.receipts.length;
      await fiscaliseDocument(b.ctx, refund.refundId);
      const signed = a.emulator.receipts[before]!;
      const originalResult = a.emulator.receipts.find((r) => r.receipt.Operation === 0)!.result;
      assert.equal(signed.receipt.Operation, 1);
      assert.deepEqual(signed.receipt.RefundInfo, {
        TerminalID: originalResult.TerminalID,
        ReceiptSeq: originalResult.ReceiptSeq,
        DateTime: originalResult.DateTime,
        FiscalSign: originalResult.FiscalSign,
      });
      // The refund receipt prints the original's fiscal result it quoted.
      const printed = refundReceiptLines(b.ctx, refund, refund.sale.data, 48).join('\n');
      assert.match(printed, new RegExp(sale.receiptNo));
      assert.match(printed, new RegExp(originalResult.FiscalSign));

      await syncOnce(b.ctx.db, b.ctx.identity);
      assert.equal(
        await countRows(t, 'refunds', { tenant_id: shop.tenant.tenantId, sale_id: sale.saleId }),
        1,
      );
      assert.equal(
        await countRows(t, 'fiscal_receipts', { tenant_id: shop.tenant.tenantId, doc_id: refund.refundId }),
        1,
      );
    });

    it('counts the refunds of every register: a second refund past what was sold is refused at POS-02', async () => {
      // POS-01 takes back the milk itself; POS-02 learns it from the server.
      const own = refundSale(a.ctx, {
        receiptNo: sale.receiptNo,
        selection: { lines: [{ lineIndex: 1 }] },
        cashier: a.cashier,
      });
      assert.equal(own.fiscal, true);
      await syncOnce(a.ctx.db, a.ctx.identity);
      const original = await lookUpOriginal(b.ctx, sale.receiptNo);
      assert.deepEqual(
        refundOptions(b.ctx, original).lines.map((l) => l.left),
        [1000, 0],
      );
      const drawer = drawerCash(b.ctx, currentShift(b.ctx)!.id);
      for (const selection of [
        { lines: [{ lineIndex: 0, qty: 2000 }] },
        { lines: [{ lineIndex: 1, qty: 1000 }] },
      ])
        assert.equal(
          codeOf(() => refundSale(b.ctx, { original, selection, cashier: b.cashier })),
          'REFUND_OVER_SOLD',
        );
      assert.equal(refundRows(b), 1);
      assert.equal(drawerCash(b.ctx, currentShift(b.ctx)!.id), drawer);
    });

    it('refuses at the confirmation when the FM was unplugged and another plugged in after the look-up', async () => {
      const original = await lookUpOriginal(b.ctx, sale.receiptNo);
      setFiscalFds(b.ctx, { url: fmUrl(b), factoryId: b.emulator.factoryId });
      await fiscalStatus(b.ctx);
      assert.equal(
        codeOf(() =>
          refundSale(b.ctx, { original, selection: { lines: [{ lineIndex: 0 }] }, cashier: b.cashier }),
        ),
        'FISCAL_REFUND_OTHER_FM',
      );
      assert.equal(refundRows(b), 1);
    });

    it('says the sale is on another register and the server cannot be reached, when offline', async () => {
      const offline = { ...b.ctx, identity: { ...b.ctx.identity, serverUrl: 'http://127.0.0.1:9' } };
      const refused = await rejection(lookUpOriginal(offline, sale.receiptNo));
      assert.equal(refused.code, 'SALE_ON_OTHER_REGISTER_OFFLINE');
      assert.match(refused.localized('en'), /not on this register and the server cannot be reached/);
    });
  });

  describe(`a store without fiscalisation refunds across registers [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: FiscalShop;
    before(async () => {
      t = await testApp(dialect);
      shop = await fiscalShop(t, 2);
      for (const till of shop.tills) turnFiscalOff(till.ctx);
    });
    after(async () => {
      await shop?.close();
      await t?.close();
    });

    it("refunds POS-01's sale on POS-02 by the digits of its number; the server counts it", async () => {
      const [a, b] = shop.tills as [FiscalTill, FiscalTill];
      moveCash(b.ctx, 100_000_00, 'float');
      const sale = sellTwoBreadsAndMilk(shop, a);
      assert.equal(sale.fiscal, false);
      await syncOnce(a.ctx.db, a.ctx.identity);
      const original = await lookUpOriginal(b.ctx, String(Number(sale.receiptNo.slice(-6))));
      assert.equal(original.sale.id, sale.saleId);
      assert.equal(original.fiscal, null);
      const refund = refundSale(b.ctx, { original, selection: { whole: true }, cashier: b.cashier });
      assert.equal(refund.fiscal, false);
      assert.equal(refund.data.total, sale.data.total);
      assert.match(refundReceiptLines(b.ctx, refund, refund.sale.data, 48).join('\n'), /FISKAL CHEK EMAS/);
      await syncOnce(b.ctx.db, b.ctx.identity);
      assert.equal(
        await countRows(t, 'refunds', { tenant_id: shop.tenant.tenantId, sale_id: sale.saleId }),
        1,
      );
      // Everything is back: a second look-up leaves nothing to refund.
      const again = await lookUpOriginal(b.ctx, sale.receiptNo);
      assert.deepEqual(
        refundOptions(b.ctx, again).lines.map((l) => l.left),
        [0, 0],
      );
    });

    it("finds POS-01's receipt on the server from the register's screen (Ctrl+R) and refunds a line", async () => {
      const [a, b] = shop.tills as [FiscalTill, FiscalTill];
      moveCash(b.ctx, 50_000_00, 'float');
      const sale = sellTwoBreadsAndMilk(shop, a);
      await syncOnce(a.ctx.db, a.ctx.identity);
      const app = await startApp({ ctx: b.ctx, pin: '4321' } as OfflineRegister);
      try {
        await app.send('4321', keys.enter);
        await app.waitFor('JAMI');
        await app.send(keys.ctrl('r'));
        await app.waitFor('Qaytarish: chek raqami');
        await app.send(sale.receiptNo, keys.enter);
        await app.waitFor(`Qaytarish ${sale.receiptNo}`);
        assert.match(app.frame(), new RegExp(`Chek ${sale.receiptNo}: POS-01 kassasining savdosi`));
        await app.send(' ');
        await app.waitFor('[2] 1. Non patir');
        await app.send(keys.enter);
        await app.waitFor(`Qaytarishni tasdiqlang: ${sale.receiptNo}`);
        await app.send('mijoz qaytardi', keys.enter);
        await app.waitFor((f) => /QAYTARILDI — POS-02-R\d{6}/.test(f));
      } finally {
        app.unmount();
      }
      const rows = b.ctx.db.prepare('SELECT total FROM refunds WHERE sale_id = ?').all(sale.saleId);
      assert.deepEqual(rows, [{ total: 2 * 500_000 }]);
    });
  });
}
