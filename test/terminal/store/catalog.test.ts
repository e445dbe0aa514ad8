import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../../src/common/ids.js';
import type { Change } from '../../../src/common/protocol/sync.js';
import { Database } from '../../../src/node/sqlite-driver.js';
import { migrateStore, openStore, storePath, type StoreDb } from '../../../src/terminal/store/connection.js';
import { storeMigrations } from '../../../src/terminal/store/migrations/index.js';
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

  it('finds one-, two- and three-letter prefixes and follows renames and deletions from a pull', () => {
    const olma = newId();
    const olcha = newId();
    const non = newId();
    applyChange(db, product(olma, 'Olma qizil', ['4780000000083']));
    applyChange(db, product(olcha, "O'lcha muzlatilgan", ['4780000000090']));
    applyChange(db, product(non, 'Non buxanka', ['4780000000106']));
    const names = (typed: string) =>
      searchProducts(db, typed)
        .map((p) => p.name)
        .sort();
    assert.deepEqual(names('o'), ["O'lcha muzlatilgan", 'Olma qizil']);
    assert.deepEqual(names('OL'), ["O'lcha muzlatilgan", 'Olma qizil']);
    assert.deepEqual(names('olm'), ['Olma qizil']);
    assert.deepEqual(names('b'), ['Non buxanka']);
    assert.deepEqual(names('q o'), ['Olma qizil']);

    applyChange(db, product(olma, 'Behi sariq', ['4780000000083']));
    applyChange(db, { entity: 'product', op: 'delete', id: olcha, data: null });
    assert.deepEqual(names('o'), []);
    assert.deepEqual(names('ol'), []);
    assert.deepEqual(names('b'), ['Behi sariq', 'Non buxanka']);
    assert.deepEqual(names('sa'), ['Behi sariq']);
    assert.deepEqual(names('sar'), ['Behi sariq']);

    applyChange(db, product(newId(), 'Olxoʻri quritilgan', ['4780000000113']));
    assert.deepEqual(names('o'), ['Olxoʻri quritilgan']);
    assert.deepEqual(names('olx'), ['Olxoʻri quritilgan']);
  });

  it('keeps finding the products of a store made before the prefix indexes', () => {
    db.close();
    rmSync(storePath(dir));
    // The store as the first releases left it, with products already pulled into the old search table.
    db = new Database(storePath(dir));
    const before = storeMigrations.filter(([name]) => name < '20261125170000');
    migrateStore(db, before);
    applyChange(db, product(newId(), 'Olma qizil', ['4780000000083']));
    applyChange(db, product(newId(), 'Non buxanka', ['4780000000106']));
    // The prefix indexes come first among the migrations this old store still needs.
    assert.equal(migrateStore(db).map((name) => name.slice(15))[0], 'product_search_prefixes');
    assert.match(
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'product_search'").pluck().get() as string,
      /prefix = '1 2 3'/,
    );
    assert.deepEqual(
      searchProducts(db, 'o').map((p) => p.name),
      ['Olma qizil'],
    );
    assert.deepEqual(
      searchProducts(db, 'bu').map((p) => p.name),
      ['Non buxanka'],
    );
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
    // Pulled without a role (an older server): a cashier. A supervisor keeps the role the pull gives.
    assert.deepEqual(listCashiers(db), [
      { id: cashier, name: 'Dilnoza', pinHash: 'scrypt$x', active: false, role: 'cashier' },
    ]);
    applyChange(db, {
      entity: 'cashier',
      op: 'upsert',
      id: cashier,
      data: { name: 'Dilnoza', pinHash: 'scrypt$x', active: true, role: 'supervisor' },
    });
    assert.deepEqual(listCashiers(db), [
      { id: cashier, name: 'Dilnoza', pinHash: 'scrypt$x', active: true, role: 'supervisor' },
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
