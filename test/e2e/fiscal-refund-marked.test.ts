import assert from 'node:assert/strict';
import { AppError } from '../../src/common/errors.js';
import { newId } from '../../src/common/ids.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import {
  fiscaliseDocument,
  fiscalStatus,
  readFiscalConfig,
  setFiscalFds,
} from '../../src/terminal/fiscal/service.js';
import { refundSale } from '../../src/terminal/register/refunds.js';
import { lookUpOriginal } from '../../src/terminal/register/remote-sale.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { currentShift, drawerCash, moveCash } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { createProduct, type ProductSeed } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { fiscalShop, type FiscalShop, type FiscalTill } from '../helpers/fiscal-shop.js';
import { push } from '../helpers/sync.js';

const PRICE = 2_500_000;

/** A GS1 DataMatrix code of one unit: `01` + GTIN-14 of the barcode, serial, group separator, check part. */
const markingCode = (barcode: string, serial: string) => `010${barcode}21${serial}\u001d93abcd`;

const refundRows = (till: FiscalTill) =>
  till.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get() as number;

for (const dialect of testDialects()) {
  describe(`marked goods sold on one register, refunded on another [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let shop: FiscalShop;
    let a: FiscalTill;
    let b: FiscalTill;
    let cigarettes: ProductSeed;
    before(async () => {
      t = await testApp(dialect);
      shop = await fiscalShop(t, 2);
      [a, b] = shop.tills as [FiscalTill, FiscalTill];
      cigarettes = await createProduct(t, shop.tenant.ownerToken, {
        name: 'Sigaret Kent',
        price: PRICE,
        vatRate: 1200,
        mxik: '02402001001000000',
        packageCode: '1514294',
        markingRequired: true,
      });
      for (const till of [a, b]) await syncOnce(till.ctx.db, till.ctx.identity);
      // POS-02's drawer holds cash to give back.
      moveCash(b.ctx, 100_000_00, 'float');
    });
    after(async () => {
      await shop?.close();
      await t?.close();
    });

    /** POS-01's FM moves to POS-02's PC, and POS-02 tells the server so. */
    async function moveFmOfAToB(): Promise<void> {
      setFiscalFds(b.ctx, { url: readFiscalConfig(a.ctx)!.url, factoryId: a.emulator.factoryId });
      await fiscalStatus(b.ctx);
      await syncOnce(b.ctx.db, b.ctx.identity);
    }

    it('quotes the marking codes scanned on POS-01 when POS-02 refunds through the FM that signed the sale', async () => {
      const barcode = cigarettes.barcodes[0]!;
      const codes = [markingCode(barcode, 'AAA111'), markingCode(barcode, 'BBB222')];
      const cart = scanIntoCart(a.ctx, emptyCart, `2*${barcode}`).state;
      const sale = checkout(a.ctx, {
        cart,
        tenders: [{ method: 'cash', tendered: 2 * PRICE }],
        cashier: a.cashier,
        markingCodes: codes,
      });
      await fiscaliseDocument(a.ctx, sale.saleId);
      await fiscalStatus(a.ctx);
      await syncOnce(a.ctx.db, a.ctx.identity);
      const sold = a.emulator.receipts.find((r) => r.receipt.Operation === 0)!;
      assert.deepEqual(
        sold.receipt.Items.map((i) => i.Label),
        codes,
      );

      // The server keeps the codes with the sale's line.
      const [line] = await t.db
        .knex('sale_lines')
        .where({ tenant_id: shop.tenant.tenantId, sale_id: sale.saleId });
      assert.deepEqual(JSON.parse(String(line.marking_codes)), codes);

      await moveFmOfAToB();
      assert.equal((await lookUpOriginal(b.ctx, sale.receiptNo)).register, 'POS-01');
      // One unit back, then the other: each refund quotes the code of its own unit, never one twice.
      const labels: string[][] = [];
      for (let unit = 0; unit < 2; unit++) {
        const refund = refundSale(b.ctx, {
          original: await lookUpOriginal(b.ctx, sale.receiptNo),
          selection: { lines: [{ lineIndex: 0, qty: 1000 }] },
          cashier: b.cashier,
        });
        assert.equal(refund.fiscal, true);
        const before = a.emulator.receipts.length;
        await fiscaliseDocument(b.ctx, refund.refundId);
        const signed = a.emulator.receipts[before]!.receipt;
        assert.equal(signed.Operation, 1);
        assert.deepEqual(
          signed.Items.map((i) => [i.Amount, i.Price]),
          [[1000, PRICE]],
        );
        labels.push(signed.Items.map((i) => i.Label));
      }
      assert.deepEqual(labels, [[codes[0]], [codes[1]]]);
      await syncOnce(b.ctx.db, b.ctx.identity);
    });

    it('sends POS-02 back to POS-01 when an older POS-01 kept the codes to itself, before any money leaves', async () => {
      // What an older POS-01 pushed: the sale without codes, and the fiscal result of the FM now at POS-02.
      const receiptNo = 'POS-01-009001';
      const saleId = newId();
      const sale: SyncEvent = {
        id: saleId,
        type: 'sale.completed',
        occurredAt: new Date().toISOString(),
        data: {
          receiptNo,
          shiftId: newId(),
          cashierId: newId(),
          lines: [
            {
              productId: cigarettes.id,
              name: 'Sigaret Kent',
              qty: 1000,
              unitPrice: PRICE,
              discount: 0,
              total: PRICE,
              vatRate: 1200,
              mxik: '02402001001000000',
              packageCode: '1514294',
            },
          ],
          discount: 0,
          total: PRICE,
          payments: [{ method: 'cash', amount: PRICE }],
          change: 0,
        },
      };
      const fiscalised: SyncEvent = {
        id: newId(),
        type: 'sale.fiscalised',
        occurredAt: new Date().toISOString(),
        data: {
          saleId,
          terminalId: a.emulator.terminalId,
          receiptSeq: 90,
          dateTime: '2026-12-01 10:00:00',
          fiscalSign: '100000000090',
          qrUrl: `https://ofd.soliq.uz/check?t=${a.emulator.terminalId}&r=90&c=20261201100000&s=100000000090`,
        },
      };
      const pushed = await push(t, { id: a.ctx.identity.deviceId, token: a.ctx.identity.deviceToken }, [
        sale,
        fiscalised,
      ]).expect(200);
      assert.deepEqual(
        pushed.body.results.map((r: { status: string }) => r.status),
        ['applied', 'applied'],
      );

      const original = await lookUpOriginal(b.ctx, receiptNo);
      const refunds = refundRows(b);
      const drawer = drawerCash(b.ctx, currentShift(b.ctx)!.id);
      const emulated = a.emulator.receipts.length;
      let refused: AppError | undefined;
      try {
        refundSale(b.ctx, { original, selection: { lines: [{ lineIndex: 0 }] }, cashier: b.cashier });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused = error;
      }
      assert.equal(refused?.code, 'FISCAL_REFUND_MARKING_UNKNOWN');
      assert.equal(
        refused.localized('en'),
        '"Sigaret Kent" is a marked item and register POS-01, which sold it, did not send its marking codes to the server: make this refund on POS-01.',
      );
      assert.equal(refundRows(b), refunds);
      assert.equal(drawerCash(b.ctx, currentShift(b.ctx)!.id), drawer);
      assert.equal(a.emulator.receipts.length, emulated);
    });
  });
}
