import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { newId } from '../../../src/common/ids.js';
import { applyChange } from '../../../src/terminal/store/queries/catalog.js';
import { scanIntoCart } from '../../../src/terminal/register/selling.js';
import { emptyCart } from '../../../src/terminal/sale/cart.js';
import { offlineRegisterPerTest } from '../../helpers/register.js';

describe('weighed goods and codes typed at the counter', () => {
  const r = offlineRegisterPerTest();

  it('reads code*1.250 and 1.250*code for a short item code', () => {
    for (const typed of ['00042*1.250', '1.250*00042', '00042*1,250']) {
      const line = scanIntoCart(r.ctx, emptyCart, typed).state.lines[0];
      assert.equal(line?.product.productId, r.products.apples, typed);
      assert.equal(line?.qty, 1250, typed);
    }
  });

  it('takes a SKU typed into the code field, alone or with a quantity', () => {
    const id = newId();
    applyChange(r.ctx.db, {
      entity: 'product',
      op: 'upsert',
      id,
      data: {
        sku: 'PAKET-1',
        name: 'Paket',
        barcodes: [],
        price: 10_000,
        unit: 'pcs',
        vatRate: 0,
        mxik: null,
        active: true,
      },
    });
    assert.equal(scanIntoCart(r.ctx, emptyCart, 'PAKET-1').product.id, id);
    const bags = scanIntoCart(r.ctx, emptyCart, '3*PAKET-1');
    assert.equal(bags.product.id, id);
    assert.equal(bags.state.lines[0]?.qty, 3000);
  });

  it('asks for the weight of a kg product scanned without one instead of selling 1 kg', () => {
    assert.throws(
      () => scanIntoCart(r.ctx, emptyCart, '00042'),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'WEIGHT_REQUIRED' &&
        e.localized('uz') === 'Olma qizil: og‘irligini kiriting (masalan 1.250*kod)',
    );
  });
});
