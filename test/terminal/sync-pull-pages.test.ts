import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import express from 'express';
import { newId } from '../../src/common/ids.js';
import type { Change } from '../../src/common/protocol/sync.js';
import { closeRegister } from '../../src/terminal/register/context.js';
import { findProductByBarcode, searchProducts } from '../../src/terminal/store/queries/catalog.js';
import { readSyncState } from '../../src/terminal/store/queries/sync.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { listen } from '../helpers/http.js';
import { offlineRegister, type OfflineRegister } from '../helpers/register.js';

function product(i: number): Change {
  return {
    entity: 'product',
    op: 'upsert',
    id: newId(),
    data: {
      sku: `SKU-${i}`,
      name: `Choy qora ${i}`,
      barcodes: [`99${String(i).padStart(6, '0')}`],
      price: 1_000_000 + i,
      unit: 'pcs',
      vatRate: 1200,
      mxik: null,
      active: true,
    },
  };
}

/**
 * A server that hands out fixed pages (page n answers cursor n and says it is complete up to n + 1) and can cut the
 * connection once on a given page, as a network drop would.
 */
async function pagesServer(pages: unknown[][], cutOnce: number | null) {
  let cut = cutOnce;
  const asked: number[] = [];
  const app = express();
  app.get('/sync/pull', (req, res) => {
    const cursor = Number(req.query.cursor);
    asked.push(cursor);
    if (cursor === cut) {
      cut = null;
      res.socket?.destroy();
      return;
    }
    res.json({
      changes: pages[cursor] ?? [],
      cursor: String(Math.min(cursor + 1, pages.length)),
      hasMore: cursor + 1 < pages.length,
    });
  });
  return { ...(await listen(app)), asked };
}

describe('register pull of many pages', () => {
  let reg: OfflineRegister;

  beforeEach(async () => {
    reg = await offlineRegister();
  });

  afterEach(() => {
    closeRegister(reg.ctx);
    rmSync(reg.dataDir, { recursive: true, force: true });
  });

  function productCount(): number {
    return reg.ctx.db.prepare('SELECT COUNT(*) FROM products').pluck().get() as number;
  }

  it('resumes a pull cut off mid-way from the last whole page, without loss or duplication', async () => {
    const pages = [0, 1, 2, 3].map((p) => Array.from({ length: 50 }, (_, i) => product(p * 50 + i)));
    const server = await pagesServer(pages, 2);
    const identity = { ...reg.ctx.identity, serverUrl: server.url };
    const before = productCount();
    const cacheSize = reg.ctx.db.pragma('cache_size', { simple: true });
    try {
      await assert.rejects(syncOnce(reg.ctx.db, identity, { pullPage: 50 }));
      assert.equal(
        reg.ctx.db.pragma('cache_size', { simple: true }),
        cacheSize,
        'the page cache is given back its size after a catch-up, even one cut off',
      );
      assert.equal(readSyncState(reg.ctx.db).cursor, 2, 'pages 0 and 1 are kept, page 2 never came');
      assert.equal(productCount(), before + 100);

      const report = await syncOnce(reg.ctx.db, identity, { pullPage: 50 });
      assert.equal(report.pulled, 100);
      assert.equal(report.cursor, 4);
      assert.equal(productCount(), before + 200);
      assert.deepEqual(
        server.asked.slice(-2),
        [2, 3],
        'the second round starts at the page that was cut off',
      );
      assert.equal(findProductByBarcode(reg.ctx.db, '99000123')?.name, 'Choy qora 123');
      assert.equal(
        searchProducts(reg.ctx.db, 'choy', 500).length,
        200,
        'every pulled name is searchable once',
      );
    } finally {
      await server.close();
    }
  });

  it('skips one odd change and applies the rest of its page', async () => {
    const good = Array.from({ length: 20 }, (_, i) => product(i));
    const refused = product(99);
    const malformed = { entity: 'product', op: 'upsert', id: newId(), data: { name: 'no price' } };
    // A change the register's store refuses (as a constraint of a newer schema would): it must not block the page.
    reg.ctx.db.exec(
      `CREATE TRIGGER refuse_one BEFORE INSERT ON products WHEN NEW.id = '${refused.id}'
       BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    const page = [...good.slice(0, 10), refused, malformed, ...good.slice(10)];
    const server = await pagesServer([page, [product(20)]], null);
    try {
      const report = await syncOnce(
        reg.ctx.db,
        { ...reg.ctx.identity, serverUrl: server.url },
        { pullPage: 50 },
      );
      assert.equal(report.pulled, 21);
      assert.equal(report.skipped, 2);
      assert.equal(report.cursor, 2);
      assert.equal(findProductByBarcode(reg.ctx.db, '99000019')?.name, 'Choy qora 19');
      assert.equal(findProductByBarcode(reg.ctx.db, '99000099'), null);
      assert.equal(
        searchProducts(reg.ctx.db, 'choy', 100).length,
        21,
        'the refused one left no search entry',
      );
    } finally {
      await server.close();
    }
  });
});
