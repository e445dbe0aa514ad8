import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import express from 'express';
import { AppError } from '../../src/common/errors.js';
import { newId } from '../../src/common/ids.js';
import { APP_VERSION } from '../../src/common/version.js';
import type { Change, DeviceStatusData } from '../../src/common/protocol/sync.js';
import { closeRegister } from '../../src/terminal/register/context.js';
import { findProductByBarcode, searchProducts } from '../../src/terminal/store/queries/catalog.js';
import { readStatusReportState, unappliedChanges } from '../../src/terminal/store/queries/drift.js';
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
async function pagesServer(
  pages: unknown[][],
  cutOnce: number | null,
  contract: { minRegisterVersion?: string } = {},
) {
  let cut = cutOnce;
  const asked: number[] = [];
  const pushed: Array<{ id: string; type: string; data: DeviceStatusData }> = [];
  const app = express();
  app.post('/sync/push', express.json(), (req, res) => {
    pushed.push(...req.body.events);
    res.json({ results: req.body.events.map((e: { id: string }) => ({ id: e.id, status: 'applied' })) });
  });
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
      ...contract,
    });
  });
  return { ...(await listen(app)), asked, pushed };
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

  it('applies a page in chunks with turns of the event loop between them, the cursor moving with the last', async () => {
    // One page of 7 changes (as an import's version of 1000 comes whole), applied 3 at a time.
    const page = Array.from({ length: 7 }, (_, i) => product(i));
    const server = await pagesServer([page], null);
    const before = productCount();
    const seen: Array<[number, number]> = [];
    let watching = true;
    // What a key handler would see if it ran during the pull: the products and the cursor at each turn.
    const watch = () => {
      seen.push([productCount() - before, readSyncState(reg.ctx.db).cursor]);
      if (watching) setImmediate(watch);
    };
    try {
      setImmediate(watch);
      const report = await syncOnce(
        reg.ctx.db,
        { ...reg.ctx.identity, serverUrl: server.url },
        { pullPage: 50, applyChunk: 3 },
      );
      watching = false;
      assert.equal(report.pulled, 7);
      assert.equal(report.cursor, 1);
      assert.equal(productCount(), before + 7);
      assert.ok(
        seen.some(([applied, cursor]) => applied === 3 && cursor === 0),
        `a turn ran after the first chunk, before the cursor moved: ${JSON.stringify(seen)}`,
      );
      assert.ok(seen.some(([applied]) => applied === 6));
      assert.ok(seen.every(([applied, cursor]) => cursor === 0 || applied === 7));
    } finally {
      watching = false;
      await server.close();
    }
  });

  it('keeps aside one odd change and applies the rest of its page', async () => {
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
      const kept = unappliedChanges(reg.ctx.db, 10);
      assert.deepEqual(kept.map((k) => k.id).sort(), [refused.id, malformed.id].sort());
      assert.match(kept.find((k) => k.id === refused.id)!.reason, /refused/);
      assert.match(kept.find((k) => k.id === malformed.id)!.reason, /^data\./);
      assert.deepEqual(
        kept.map((k) => k.version),
        [1, 1],
        'the page version when the server gave none',
      );

      // Once the register can apply it (here: the refusing rule is gone), the next round applies it and forgets it.
      reg.ctx.db.exec('DROP TRIGGER refuse_one');
      await syncOnce(reg.ctx.db, { ...reg.ctx.identity, serverUrl: server.url }, { pullPage: 50 });
      assert.equal(findProductByBarcode(reg.ctx.db, '99000099')?.name, 'Choy qora 99');
      assert.deepEqual(
        unappliedChanges(reg.ctx.db, 10).map((k) => k.id),
        [malformed.id],
      );
    } finally {
      await server.close();
    }
  });

  it('keeps a change of an unknown kind, moves on, and reports it to the server once', async () => {
    const coupon = { entity: 'coupon', op: 'upsert', id: 'SPRING-10', data: { percent: 10 }, version: 7 };
    const server = await pagesServer([[product(1), coupon, product(2)]], null);
    const identity = { ...reg.ctx.identity, serverUrl: server.url };
    try {
      const report = await syncOnce(reg.ctx.db, identity);
      assert.equal(report.pulled, 2);
      assert.equal(report.skipped, 1);
      assert.equal(report.cursor, 1, 'the cursor moves on: the change is kept, not lost');
      const [kept] = unappliedChanges(reg.ctx.db, 10);
      assert.deepEqual(
        { entity: kept!.entity, id: kept!.id, reason: kept!.reason, version: kept!.version },
        { entity: 'coupon', id: 'SPRING-10', reason: 'unknown entity coupon', version: 7 },
      );
      const statuses = server.pushed.filter((e) => e.type === 'device.status');
      assert.deepEqual(statuses.at(-1)!.data, {
        appVersion: APP_VERSION,
        unapplied: {
          count: 1,
          items: [{ entity: 'coupon', id: 'SPRING-10', reason: 'unknown entity coupon', version: 7 }],
        },
      });

      const sentBefore = server.pushed.length;
      await syncOnce(reg.ctx.db, identity);
      assert.equal(server.pushed.length, sentBefore, 'an unchanged report is not sent again');
    } finally {
      await server.close();
    }
  });

  it('says "update this register" to a server that needs a newer one, and applies nothing', async () => {
    const server = await pagesServer([[product(1)], [product(2)]], null, { minRegisterVersion: '99.0.0' });
    const identity = { ...reg.ctx.identity, serverUrl: server.url };
    const before = productCount();
    try {
      await assert.rejects(syncOnce(reg.ctx.db, identity), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'REGISTER_UPDATE_REQUIRED');
        assert.match(error.localized('en'), /^Update this register: the server needs version 99\.0\.0/);
        return true;
      });
      assert.equal(productCount(), before);
      assert.equal(readSyncState(reg.ctx.db).cursor, 0);
      assert.equal(readStatusReportState(reg.ctx.db).updateRequired, '99.0.0');
      assert.match(readSyncState(reg.ctx.db).lastError!, /Update this register/);
      assert.equal(
        server.pushed.filter((e) => e.type === 'device.status').at(-1)!.data.appVersion,
        APP_VERSION,
        'the owner still learns which version the register runs',
      );
    } finally {
      await server.close();
    }
  });
});
