import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../../src/common/ids.js';
import type { Change } from '../../../src/common/protocol/sync.js';
import { openStore, type StoreDb } from '../../../src/terminal/store/connection.js';
import {
  applyChange,
  findProductByBarcode,
  listCashiers,
  readSettings,
  searchProducts,
  stockView,
} from '../../../src/terminal/store/queries/catalog.js';
import { commitSale } from '../../../src/terminal/store/queries/sales.js';
import { recordPushResults, saveCursor } from '../../../src/terminal/store/queries/sync.js';

function product(
  id: string,
  name: string,
  barcodes: string[],
  extra: Partial<NonNullable<Extract<Change, { entity: 'product' }>['data']>> = {},
): Change {
  return {
    entity: 'product',
    op: 'upsert',
    id,
    data: {
      sku: `SKU-${name}`,
      name,
      barcodes,
      price: 1_250_000,
      unit: 'pcs',
      vatRate: 1200,
      mxik: null,
      active: true,
      ...extra,
    },
  };
}

describe('register catalog', () => {
  let dir: string;
  let db: StoreDb;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'posapp-catalog-'));
    db = openStore(dir, { create: true });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a product by any of its barcodes, and forgets barcodes a change removed', () => {
    const id = newId();
    applyChange(db, product(id, 'Sut 1 l', ['4780000000021', '12345']));
    assert.equal(findProductByBarcode(db, '4780000000021')?.id, id);
    assert.equal(findProductByBarcode(db, '12345')?.name, 'Sut 1 l');
    applyChange(db, product(id, 'Sut 1 l', ['4780000000021']));
    assert.equal(findProductByBarcode(db, '12345'), null);
  });

  it('searches names by word prefixes, ignoring case and Uzbek apostrophe forms', () => {
    applyChange(db, product(newId(), 'Oʻrik quritilgan', ['4780000000038']));
    applyChange(db, product(newId(), "Kungaboqar yog'i 1 l", ['4780000000045']));
    applyChange(db, product(newId(), 'Olma qizil', ['4780000000052']));
    for (const typed of ["o'rik", 'O‘RIK', 'o`ri', 'oʻr']) {
      assert.deepEqual(
        searchProducts(db, typed).map((p) => p.name),
        ['Oʻrik quritilgan'],
        typed,
      );
    }
    assert.deepEqual(
      searchProducts(db, 'yogʻi').map((p) => p.name),
      ["Kungaboqar yog'i 1 l"],
    );
    assert.deepEqual(
      searchProducts(db, 'o')
        .map((p) => p.name)
        .sort(),
      ['Olma qizil', 'Oʻrik quritilgan'].sort(),
    );
    assert.deepEqual(
      searchProducts(db, 'qiz ol').map((p) => p.name),
      ['Olma qizil'],
    );
    assert.deepEqual(searchProducts(db, '  '), []);
  });

  it('hides deleted and inactive products from scans and search', () => {
    const gone = newId();
    const off = newId();
    applyChange(db, product(gone, 'Choy qora', ['4780000000069']));
    applyChange(db, product(off, 'Choy koʻk', ['4780000000076']));
    applyChange(db, { entity: 'product', op: 'delete', id: gone, data: null });
    applyChange(db, product(off, 'Choy koʻk', ['4780000000076'], { active: false }));
    assert.equal(findProductByBarcode(db, '4780000000069'), null);
    assert.equal(findProductByBarcode(db, '4780000000076'), null);
    assert.deepEqual(searchProducts(db, 'choy'), []);
  });

  it('keeps cashiers and settings from the pull', () => {
    const cashier = newId();
    applyChange(db, {
      entity: 'cashier',
      op: 'upsert',
      id: cashier,
      data: { name: 'Dilnoza', pinHash: 'scrypt$x', active: true },
    });
    applyChange(db, {
      entity: 'cashier',
      op: 'upsert',
      id: cashier,
      data: { name: 'Dilnoza', pinHash: 'scrypt$x', active: false },
    });
    assert.deepEqual(listCashiers(db), [
      { id: cashier, name: 'Dilnoza', pinHash: 'scrypt$x', active: false },
    ]);
    const settings = {
      storeName: 'Main store',
      currency: 'UZS',
      defaultVatRate: 1200,
      cashRounding: 10000,
      scaleBarcode: null,
      receiptHeader: null,
      maxCashierDiscount: 1000,
    };
    applyChange(db, { entity: 'settings', op: 'upsert', id: 'store', data: settings });
    assert.deepEqual(readSettings(db), settings);
  });

  it('shows stock as the pulled level minus own sales the server had not counted at that pull', () => {
    const id = newId();
    applyChange(db, product(id, 'Non', ['4780000000083']));
    applyChange(db, { entity: 'stock', op: 'upsert', id, data: { level: 10_000 } });
    saveCursor(db, 100, 'device');
    const sell = (qty: number) =>
      commitSale(db, {
        deviceName: 'POS-01',
        build: (receiptNo) => ({
          receiptNo,
          shiftId: newId(),
          cashierId: newId(),
          lines: [
            {
              productId: id,
              name: 'Non',
              qty,
              unitPrice: 500_000,
              discount: 0,
              total: 500_000 * (qty / 1000),
              vatRate: 0,
            },
          ],
          discount: 0,
          total: 500_000 * (qty / 1000),
          payments: [{ method: 'cash', amount: 500_000 * (qty / 1000) }],
          change: 0,
        }),
      });
    const first = sell(2000);
    assert.equal(stockView(db, id), 8_000, 'unsent sale subtracted');
    recordPushResults(db, [{ id: first.saleId, status: 'applied', version: 105 }]);
    assert.equal(stockView(db, id), 8_000, 'applied after the pulled version: still subtracted');
    // The pull at cursor 110 brings the level that already counts the sale.
    applyChange(db, { entity: 'stock', op: 'upsert', id, data: { level: 8_000 } });
    saveCursor(db, 110, 'device');
    assert.equal(stockView(db, id), 8_000, 'not counted twice');
    sell(1000);
    assert.equal(stockView(db, id), 7_000);
    assert.equal(stockView(db, newId()), null, 'unknown product has no stock figure');
  });
});
