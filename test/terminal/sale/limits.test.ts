import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { AppError } from '../../../src/common/errors.js';
import { newId } from '../../../src/common/ids.js';
import { MAX_LINE_QTY, MAX_LINE_TOTAL, MAX_SALE_TOTAL, MAX_UNIT_PRICE } from '../../../src/common/limits.js';
import { closeRegister } from '../../../src/terminal/register/context.js';
import { scanIntoCart } from '../../../src/terminal/register/selling.js';
import { cartTotals, emptyCart } from '../../../src/terminal/sale/cart.js';
import { applyChange } from '../../../src/terminal/store/queries/catalog.js';
import { offlineRegister, type OfflineRegister } from '../../helpers/register.js';

const withCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe('bounds at entry (src/common/limits.ts)', () => {
  let r: OfflineRegister;
  beforeEach(async () => {
    r = await offlineRegister();
    for (const [sku, price] of [
      ['GOLD-1', MAX_UNIT_PRICE],
      ['GOLD-2', MAX_UNIT_PRICE],
      ['CENT', 1],
    ] as const) {
      applyChange(r.ctx.db, {
        entity: 'product',
        op: 'upsert',
        id: newId(),
        data: { sku, name: sku, barcodes: [sku], price, unit: 'pcs', vatRate: 0, mxik: null, active: true },
      });
    }
  });
  afterEach(() => {
    closeRegister(r.ctx);
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('sells one line at the highest price and refuses a second unit of it', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, 'GOLD-1').state;
    assert.equal(cartTotals(cart).total, MAX_LINE_TOTAL);
    assert.throws(() => scanIntoCart(r.ctx, cart, 'GOLD-1'), withCode('LINE_TOTAL_TOO_LARGE'));
  });

  it('takes a sale up to the highest total and refuses one tiyin more, leaving the cart as it was', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, 'GOLD-1').state;
    assert.equal(cartTotals(cart).total, MAX_SALE_TOTAL);
    assert.throws(
      () => scanIntoCart(r.ctx, cart, 'CENT'),
      (e: unknown) => {
        assert.ok(withCode('SALE_TOTAL_TOO_LARGE')(e));
        assert.match(
          (e as AppError).localized('uz'),
          /Chek summasi juda katta \(eng ko‘pi 100 000 000 000 so/,
        );
        return true;
      },
    );
    assert.throws(() => scanIntoCart(r.ctx, cart, 'GOLD-2'), withCode('SALE_TOTAL_TOO_LARGE'));
    assert.equal(cart.lines.length, 1);
  });

  it('takes the highest quantity on a line, pieces and kilograms, and refuses one thousandth more', () => {
    const most = MAX_LINE_QTY / 1000;
    const pieces = scanIntoCart(r.ctx, emptyCart, `${most}*${r.barcodes.bread}`).state;
    assert.equal(pieces.lines[0]?.qty, MAX_LINE_QTY);
    assert.throws(() => scanIntoCart(r.ctx, pieces, `1*${r.barcodes.bread}`), withCode('QUANTITY_TOO_LARGE'));
    const kilos = scanIntoCart(r.ctx, emptyCart, `${most}*00042`).state;
    assert.equal(kilos.lines[0]?.qty, MAX_LINE_QTY);
    assert.throws(
      () => scanIntoCart(r.ctx, emptyCart, `${most}.001*00042`),
      (e: unknown) =>
        withCode('QUANTITY_TOO_LARGE')(e) && /100000\.001/.test((e as AppError).localized('en')),
    );
  });

  it('refuses the million units of the reported crash with a message instead of stopping', () => {
    const cart = scanIntoCart(r.ctx, emptyCart, 'CENT').state;
    assert.throws(() => scanIntoCart(r.ctx, cart, '1000000*GOLD-1'), withCode('QUANTITY_TOO_LARGE'));
  });
});
