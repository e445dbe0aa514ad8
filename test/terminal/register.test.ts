import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ean13 } from '../../src/common/barcode.js';
import { AppError } from '../../src/common/errors.js';
import { cartTotals, emptyCart, reduceCart } from '../../src/terminal/sale/cart.js';
import { loginCashier, sessionCashier, logoutCashier } from '../../src/terminal/register/cashier.js';
import { closeRegister, openRegister } from '../../src/terminal/register/context.js';
import { parkCart, parkedSales, resumeParked } from '../../src/terminal/register/parking.js';
import { refundSale } from '../../src/terminal/register/refunds.js';
import {
  cashierPolicy,
  checkout,
  scanIntoCart,
  searchCatalog,
  stockOf,
} from '../../src/terminal/register/selling.js';
import { closeShift, moveCash, openShift, reportOfShift } from '../../src/terminal/register/shift.js';
import { outboxSummary, pendingEvents } from '../../src/terminal/store/queries/sync.js';
import { offlineRegister, offlineRegisterPerTest } from '../helpers/register.js';
import { applyChange } from '../../src/terminal/store/queries/catalog.js';
import { saleReceiptLines } from '../../src/terminal/register/printing.js';

function code(error: unknown): string | undefined {
  return error instanceof AppError ? error.code : undefined;
}

describe('the register, offline', () => {
  const r = offlineRegisterPerTest();

  it('logs a cashier in by PIN and refuses a wrong PIN', async () => {
    await assert.rejects(loginCashier(r.ctx, '0000'), (e) => code(e) === 'WRONG_PIN');
    assert.throws(
      () => sessionCashier(r.ctx),
      (e) => code(e) === 'NOT_LOGGED_IN_AT_REGISTER',
    );
    const cashier = await loginCashier(r.ctx, r.pin);
    assert.deepEqual(sessionCashier(r.ctx), cashier);
    assert.equal(cashier.name, 'Dilnoza');
    logoutCashier(r.ctx);
    assert.throws(() => sessionCashier(r.ctx));
  });

  it('sells: scan, quantity, scale label, pay cash with change; the sale and its event are stored together', async () => {
    const cashier = await loginCashier(r.ctx, r.pin);
    assert.throws(
      () => checkout(r.ctx, { cart: emptyCart, tenders: [], cashier }),
      (e) => code(e) === 'SHIFT_NOT_OPEN',
    );
    openShift(r.ctx, cashier, 10_000_000);
    let cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state;
    cart = scanIntoCart(r.ctx, cart, `2*${r.barcodes.bread}`).state;
    // Scale label: prefix 21, item 00042, 1.250 kg.
    cart = scanIntoCart(r.ctx, cart, ean13('210004201250')).state;
    assert.equal(cart.lines.length, 3);
    assert.equal(cart.lines[2]!.qty, 1250);
    assert.throws(
      () => scanIntoCart(r.ctx, cart, '4780000009999'),
      (e) => code(e) === 'UNKNOWN_BARCODE',
    );
    // 12 500 + 2 × 5 000 + 1.25 × 15 000 = 41 250 so‘m
    assert.throws(
      () => checkout(r.ctx, { cart, tenders: [{ method: 'cash', tendered: 4_000_000 }], cashier }),
      (e) => code(e) === 'UNDERPAID',
    );
    assert.equal(outboxSummary(r.ctx.db).pending, 1, 'only shift.opened: the refused payment left nothing');
    const sale = checkout(r.ctx, { cart, tenders: [{ method: 'cash', tendered: 5_000_000 }], cashier });
    assert.equal(sale.receiptNo, 'POS-01-000001');
    assert.equal(sale.data.total, 4_125_000);
    assert.equal(sale.data.change, 875_000);
    const events = pendingEvents(r.ctx.db, 10);
    assert.deepEqual(
      events.map((e) => e.type),
      ['shift.opened', 'sale.completed'],
    );
    assert.equal(events[1]!.id, sale.saleId);
    assert.equal(stockOf(r.ctx, r.products.milk), 19_000);
  });

  it('finds products by name as the cashier types, with their stock', () => {
    const hits = searchCatalog(r.ctx, 'sut');
    assert.deepEqual(
      hits.map((h) => [h.name, h.stock]),
      [['Sut 1 l', 20_000]],
    );
  });

  it('refuses a discount over the cashier limit', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state;
    assert.throws(
      () =>
        reduceCart(
          cart,
          { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 2000 } },
          cashierPolicy(r.ctx),
        ),
      (e) => code(e) === 'DISCOUNT_OVER_LIMIT',
    );
  });

  it('refunds part of a sale by receipt number, moves cash, and closes the shift with a Z-report', async () => {
    const cashier = await loginCashier(r.ctx, r.pin);
    openShift(r.ctx, cashier, 1_000_000);
    assert.throws(
      () => openShift(r.ctx, cashier, 0),
      (e) => code(e) === 'SHIFT_ALREADY_OPEN',
    );
    let cart = scanIntoCart(r.ctx, emptyCart, `3*${r.barcodes.milk}`).state;
    cart = scanIntoCart(r.ctx, cart, r.barcodes.bread).state;
    const sale = checkout(r.ctx, {
      cart,
      tenders: [{ method: 'card', amount: 4_250_000, cardType: 'humo', reference: 'T-77' }],
      cashier,
    });
    const refund = refundSale(r.ctx, {
      receiptNo: sale.receiptNo.toLowerCase(),
      selection: { lines: [{ lineIndex: 0, qty: 1000 }] },
      cashier,
    });
    assert.equal(refund.refundNo, 'POS-01-R000001');
    assert.equal(refund.data.total, 1_250_000);
    assert.throws(
      () =>
        refundSale(r.ctx, {
          receiptNo: sale.receiptNo,
          selection: { lines: [{ lineIndex: 0, qty: 3000 }] },
          cashier,
        }),
      (e) => code(e) === 'REFUND_OVER_SOLD',
    );
    assert.throws(
      () => refundSale(r.ctx, { receiptNo: 'POS-01-999999', selection: { whole: true }, cashier }),
      (e) => code(e) === 'SALE_NOT_FOUND',
    );
    moveCash(r.ctx, 500_000, 'maydalash uchun');
    const x = reportOfShift(r.ctx, sale.data.shiftId);
    assert.equal(x.kind, 'X');
    const z = closeShift(r.ctx, 1_500_000);
    assert.equal(z.kind, 'Z');
    assert.equal(z.sales.count, 1);
    assert.equal(z.sales.total, 4_250_000);
    assert.equal(z.refunds.total, 1_250_000);
    // Paid by card, refunded back to the card: the drawer holds opening cash plus the cash put in.
    assert.equal(z.refundPayments.card, 1_250_000);
    assert.equal(z.expectedCash, 1_500_000);
    assert.equal(z.difference, 0);
    assert.equal(z.countedCash, 1_500_000);
    assert.deepEqual(
      pendingEvents(r.ctx.db, 10).map((e) => e.type),
      ['shift.opened', 'sale.completed', 'sale.refunded', 'cash.moved', 'shift.closed'],
    );
  });

  it('keeps parked sales on disk and gives each back once, with scale lines, quantities and discounts', async () => {
    const cashier = await loginCashier(r.ctx, r.pin);
    const policy = cashierPolicy(r.ctx);
    let cart = scanIntoCart(r.ctx, emptyCart, `2*${r.barcodes.milk}`).state;
    cart = scanIntoCart(r.ctx, cart, ean13('210004201250')).state;
    cart = reduceCart(
      cart,
      { type: 'lineDiscount', lineIndex: 0, discount: { amount: 100_000 } },
      policy,
    ).state;
    cart = reduceCart(cart, { type: 'cartDiscount', discount: { percentBp: 500 } }, policy).state;
    assert.throws(
      () => parkCart(r.ctx, cashier, emptyCart),
      (e) => code(e) === 'EMPTY_CART',
    );
    const first = parkCart(r.ctx, cashier, cart);
    const second = parkCart(r.ctx, cashier, scanIntoCart(r.ctx, emptyCart, r.barcodes.bread).state);
    openShift(r.ctx, cashier, 0);
    assert.throws(
      () => closeShift(r.ctx, 0),
      (e) => code(e) === 'PARKED_SALES_WAITING',
    );

    closeRegister(r.ctx);
    r.ctx = openRegister(r.dataDir);
    assert.deepEqual(
      parkedSales(r.ctx).map((p) => p.id),
      [first.id, second.id],
    );
    const resumed = resumeParked(r.ctx, cashier, first.id);
    assert.deepEqual(resumed, cart);
    assert.equal(cartTotals(resumed).total, cartTotals(cart).total);
    assert.equal(resumed.lines[1]!.fromScale, true);
    assert.equal(resumed.lines[1]!.qty, 1250);
    assert.throws(
      () => resumeParked(r.ctx, cashier, first.id),
      (e) => code(e) === 'PARKED_SALE_NOT_FOUND',
    );
    assert.deepEqual(
      parkedSales(r.ctx).map((p) => p.id),
      [second.id],
    );
  });

  it('refunds part of a weighed line to the gram, but pieces only whole, whether from the screen or pos refund', async () => {
    const cashier = await loginCashier(r.ctx, r.pin);
    openShift(r.ctx, cashier, 0);
    let cart = scanIntoCart(r.ctx, emptyCart, '1.25*00042').state;
    cart = scanIntoCart(r.ctx, cart, `3*${r.barcodes.bread}`).state;
    const sale = checkout(r.ctx, { cart, tenders: [{ method: 'cash', tendered: 3_375_000 }], cashier });
    assert.throws(
      () =>
        refundSale(r.ctx, {
          receiptNo: sale.receiptNo,
          selection: { lines: [{ lineIndex: 1, qty: 1500 }] },
          cashier,
        }),
      (e) => code(e) === 'INVALID_QUANTITY',
    );
    const part = refundSale(r.ctx, {
      receiptNo: sale.receiptNo,
      selection: { lines: [{ lineIndex: 0, qty: 333 }] },
      cashier,
    });
    // 15 000 so‘m/kg × 0.333 kg = 4 995 so‘m
    assert.deepEqual(
      part.data.lines.map((l) => [l.productId, l.qty, l.unit, l.gross, l.total]),
      [[r.products.apples, 333, 'kg', 499_500, 499_500]],
    );
  });

  it('with "fiscal data required", refuses at the scan a product without MXIK or package code', async () => {
    const fiscal = await offlineRegister({
      settings: { fiscalDataRequired: true, legalName: 'Baraka savdo MChJ', stir: '301234567' },
    });
    try {
      const cart = emptyCart;
      assert.throws(
        () => scanIntoCart(fiscal.ctx, cart, fiscal.barcodes.milk),
        (e) =>
          e instanceof AppError &&
          e.code === 'FISCAL_DATA_MISSING' &&
          e.localized('uz') ===
            '“Sut 1 l” sotilmaydi: MXIK yoki qadoq kodi yo‘q (fiskal chek uchun majburiy). Mahsulot kartasini to‘ldiring.',
      );
      applyChange(fiscal.ctx.db, {
        entity: 'product',
        op: 'upsert',
        id: fiscal.products.milk,
        data: {
          sku: 'Sut 1 l',
          name: 'Sut 1 l',
          barcodes: [fiscal.barcodes.milk],
          price: 1_250_000,
          unit: 'pcs',
          vatRate: 1200,
          mxik: '10711001001000000',
          packageCode: '1506844',
          active: true,
        },
      });
      const { state } = scanIntoCart(fiscal.ctx, cart, fiscal.barcodes.milk);
      assert.equal(state.lines[0]!.product.packageCode, '1506844');
      const cashier = await loginCashier(fiscal.ctx, fiscal.pin);
      openShift(fiscal.ctx, cashier, 0);
      const sale = checkout(fiscal.ctx, {
        cart: state,
        tenders: [{ method: 'cash', tendered: 1_250_000 }],
        cashier,
      });
      assert.equal(sale.data.lines[0]!.packageCode, '1506844');
      assert.equal(sale.data.lines[0]!.unit, 'pcs');
      const receipt = saleReceiptLines(fiscal.ctx, sale, 32).join('\n');
      assert.match(receipt, /BARAKA SAVDO MCHJ/);
      assert.match(receipt, /STIR: 301234567/);
      assert.match(receipt, /Qadoq kodi:\s+1506844/);
    } finally {
      closeRegister(fiscal.ctx);
      rmSync(fiscal.dataDir, { recursive: true, force: true });
    }
  });
});
