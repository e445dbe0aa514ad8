import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src/common/errors.js';
import { findSale, refundSale } from '../../../src/terminal/register/refunds.js';
import { checkout, scanIntoCart, stockOf } from '../../../src/terminal/register/selling.js';
import { closeShift, openShift } from '../../../src/terminal/register/shift.js';
import { cartTotals, emptyCart } from '../../../src/terminal/sale/cart.js';
import { applyChange, readSettings } from '../../../src/terminal/store/queries/catalog.js';
import { retentionStatus, retentionSummary } from '../../../src/terminal/store/queries/retention.js';
import { pendingEvents, recordPushResults, saveCursor } from '../../../src/terminal/store/queries/sync.js';
import { exportUnsent } from '../../../src/terminal/sync/export-unsent.js';
import { pruneKeptData } from '../../../src/terminal/sync/prune.js';
import { offlineRegisterPerTest, type OfflineRegister } from '../../helpers/register.js';

const DAY_MS = 86_400_000;
const cashier = (r: OfflineRegister) => ({ id: r.cashierId, name: 'Dilnoza' });

function sell(r: OfflineRegister, lines = 1) {
  let cart = emptyCart;
  for (let i = 0; i < lines; i++) cart = scanIntoCart(r.ctx, cart, r.barcodes.bread).state;
  return checkout(r.ctx, {
    cart,
    tenders: [{ method: 'cash', tendered: cartTotals(cart).total }],
    cashier: cashier(r),
  });
}

/** What a sync round does with the server's answers: every pending event acknowledged, the pull past them. */
function acknowledgeAll(r: OfflineRegister, except: string[] = []): void {
  const events = pendingEvents(r.ctx.db, 100_000).filter((e) => !except.includes(e.id));
  const from = count(r, 'SELECT COALESCE(MAX(server_version), 0) FROM outbox');
  recordPushResults(
    r.ctx.db,
    events.map((e, i) => ({ id: e.id, status: 'applied' as const, version: from + i + 1 })),
  );
  saveCursor(r.ctx.db, from + events.length, r.ctx.identity.deviceId);
}

function count(r: OfflineRegister, sql: string, ...args: unknown[]): number {
  return r.ctx.db
    .prepare(sql)
    .pluck()
    .get(...args) as number;
}

/** Runs `fn` with the register's clock `aheadMs` in the future (`new Date()` and `Date.now()` alike). */
function withClockAhead(aheadMs: number, fn: () => void): void {
  const RealDate = Date;
  class AheadDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + aheadMs);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + aheadMs;
    }
  }
  globalThis.Date = AheadDate as DateConstructor;
  try {
    fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

const code = (error: unknown) => (error instanceof AppError ? error.code : String(error));

describe('the register keeps its sales only as long as the store says', function () {
  this.timeout(30_000);
  const r = offlineRegisterPerTest();

  it('moves off old sales the server has, with their lines, refunds and events; their receipts say so', async () => {
    openShift(r.ctx, cashier(r), 10_000_000);
    const first = sell(r, 2);
    const refunded = sell(r);
    refundSale(r.ctx, { receiptNo: refunded.receiptNo, selection: { whole: true }, cashier: cashier(r) });
    const last = sell(r);
    closeShift(r.ctx, 10_000_000);
    acknowledgeAll(r);

    // Within the 90 days nothing goes.
    const soon = await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 89 * DAY_MS) });
    assert.equal(soon.sales, 0);
    assert.equal(count(r, 'SELECT COUNT(*) FROM sales'), 3);

    const later = await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 91 * DAY_MS) });
    assert.equal(later.sales, 3);
    for (const table of ['sales', 'sale_lines', 'refunds', 'refund_lines', 'refund_originals'])
      assert.equal(count(r, `SELECT COUNT(*) FROM ${table}`), 0, table);
    // The acknowledged events went too (those of the shift with them), the pending and rejected ones never do.
    assert.equal(count(r, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), 0);
    assert.deepEqual(retentionSummary(r.ctx.db), {
      salesKept: 0,
      oldestSaleAt: null,
      salesPruned: 3,
      prunedThrough: last.receiptNo,
    });
    // What `pos status` shows.
    assert.deepEqual(retentionStatus(r.ctx.db), {
      oldestSaleAt: null,
      salesPruned: 3,
      prunedThrough: last.receiptNo,
    });
    for (const [typed, receiptNo] of [
      [first.receiptNo, first.receiptNo],
      ['1', first.receiptNo],
      [last.receiptNo.toLowerCase(), last.receiptNo],
    ] as const)
      assert.throws(
        () => findSale(r.ctx, typed),
        (e: unknown) =>
          code(e) === 'SALE_NOT_KEPT' &&
          (e as AppError).localized('en') ===
            `Receipt ${receiptNo} is no longer kept on this register (it keeps the last 90 days of sales); ` +
              'the server has it, and refunds it through the server when online.',
      );
    // A number this register never gave is still "not found".
    assert.throws(
      () => findSale(r.ctx, '999'),
      (e: unknown) => code(e) === 'SALE_NOT_FOUND',
    );
  });

  it('keeps old sales whose event is unsent, rejected or not yet in the pulled stock, and the open shift', async () => {
    openShift(r.ctx, cashier(r), 0);
    const unsent = sell(r);
    const rejected = sell(r);
    const notPulled = sell(r);
    const gone = sell(r);
    closeShift(r.ctx, 0);
    const events = pendingEvents(r.ctx.db, 100);
    recordPushResults(r.ctx.db, [
      { id: rejected.saleId, status: 'rejected', error: 'SHIFT_UNKNOWN' },
      { id: notPulled.saleId, status: 'applied', version: 50 },
      ...events
        .filter((e) => ![unsent.saleId, rejected.saleId, notPulled.saleId].includes(e.id))
        .map((e) => ({ id: e.id, status: 'applied' as const, version: 5 })),
    ]);
    openShift(r.ctx, cashier(r), 0);
    const inOpenShift = sell(r);
    acknowledgeAll(r, [unsent.saleId]);
    // notPulled was applied at a version the pull has not reached yet.
    r.ctx.db.prepare('UPDATE outbox SET server_version = 500 WHERE id = ?').run(notPulled.saleId);

    const report = await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 365 * DAY_MS) });
    assert.equal(report.sales, 1);
    const kept = r.ctx.db.prepare('SELECT receipt_no FROM sales ORDER BY receipt_no').pluck().all();
    assert.deepEqual(kept, [
      unsent.receiptNo,
      rejected.receiptNo,
      notPulled.receiptNo,
      inOpenShift.receiptNo,
    ]);
    assert.throws(
      () => findSale(r.ctx, gone.receiptNo),
      (e: unknown) => code(e) === 'SALE_NOT_KEPT',
    );
    assert.equal(findSale(r.ctx, unsent.receiptNo).id, unsent.saleId);
    // The lines of the sale above the cursor still count in the stock view.
    assert.equal(count(r, 'SELECT COUNT(*) FROM sale_lines WHERE sale_id = ?', notPulled.saleId), 1);
  });

  it('keeps an old sale until its fiscal receipt is final, and one whose refund is recent', async () => {
    openShift(r.ctx, cashier(r), 10_000_000);
    const waiting = sell(r);
    const fiscalised = sell(r);
    const refundedLater = sell(r);
    closeShift(r.ctx, 10_000_000);
    const insertFiscal = r.ctx.db.prepare(
      `INSERT INTO fiscal_documents (doc_id, kind, state, receipt, created_at, updated_at)
       VALUES (?, 'sale', ?, '{}', ?, ?)`,
    );
    const at = new Date().toISOString();
    insertFiscal.run(waiting.saleId, 'unknown', at, at);
    insertFiscal.run(fiscalised.saleId, 'fiscalised', at, at);
    acknowledgeAll(r);
    // The refund is made 60 days after the sale: at day 91 the sale is old, its refund is not.
    withClockAhead(60 * DAY_MS, () => {
      openShift(r.ctx, cashier(r), 10_000_000);
      refundSale(r.ctx, {
        receiptNo: refundedLater.receiptNo,
        selection: { whole: true },
        cashier: cashier(r),
      });
      closeShift(r.ctx, 10_000_000);
    });
    acknowledgeAll(r);
    await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 91 * DAY_MS) });
    const kept = () => r.ctx.db.prepare('SELECT id FROM sales ORDER BY receipt_no').pluck().all();
    assert.deepEqual(kept(), [waiting.saleId, refundedLater.saleId]);
    assert.equal(count(r, 'SELECT COUNT(*) FROM fiscal_documents WHERE doc_id = ?', fiscalised.saleId), 0);
    r.ctx.db.prepare("UPDATE fiscal_documents SET state = 'recovered' WHERE doc_id = ?").run(waiting.saleId);
    await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 152 * DAY_MS) });
    assert.deepEqual(kept(), []);
    assert.equal(count(r, 'SELECT COUNT(*) FROM refunds'), 0);
  });

  it('never loses an unsent event: the unsent export after pruning holds every pending event', async () => {
    openShift(r.ctx, cashier(r), 0);
    for (let i = 0; i < 5; i++) sell(r);
    closeShift(r.ctx, 0);
    acknowledgeAll(r);
    openShift(r.ctx, cashier(r), 0);
    const unsent = [sell(r), sell(r)];
    closeShift(r.ctx, 0);
    const pendingBefore = pendingEvents(r.ctx.db, 1000).map((e) => e.id);
    await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 400 * DAY_MS) });
    const file = join(r.dataDir, 'unsent.jsonl');
    const written = exportUnsent(r.ctx.db, r.ctx.identity, file);
    const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
    assert.equal(written, pendingBefore.length);
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { id: string }).id),
      pendingBefore,
    );
    const exported = lines.map((line) => JSON.parse(line) as { id: string; data: { receiptNo?: string } });
    assert.deepEqual(
      exported.filter((e) => e.data.receiptNo).map((e) => e.data.receiptNo),
      unsent.map((s) => s.receiptNo),
    );
    assert.equal(count(r, 'SELECT COUNT(*) FROM sales'), 2);
  });

  it('gives the freed pages back to the disk', async () => {
    openShift(r.ctx, cashier(r), 0);
    for (let i = 0; i < 400; i++) sell(r, 3);
    closeShift(r.ctx, 0);
    acknowledgeAll(r);
    r.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = () => r.ctx.db.pragma('page_count', { simple: true }) as number;
    const before = pages();
    const report = await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 100 * DAY_MS), batch: 50 });
    assert.equal(report.sales, 400);
    assert.equal(r.ctx.db.pragma('freelist_count', { simple: true }), 0);
    assert.ok(pages() < before * 0.7, `${pages()} pages after, ${before} before`);
  });

  it('drops acknowledged events a day old with their lines, and the stock shown stays the same', async () => {
    openShift(r.ctx, cashier(r), 0);
    const cart = scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state;
    const sale = checkout(r.ctx, {
      cart,
      tenders: [{ method: 'cash', tendered: cartTotals(cart).total }],
      cashier: cashier(r),
    });
    assert.equal(stockOf(r.ctx, r.products.milk), 19_000);
    // Acknowledged above the cursor: the pulled level does not hold it yet, so its line still counts.
    recordPushResults(r.ctx.db, [{ id: sale.saleId, status: 'applied', version: 7 }]);
    await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 2 * DAY_MS) });
    assert.equal(count(r, 'SELECT COUNT(*) FROM sale_lines WHERE sale_id = ?', sale.saleId), 1);
    assert.equal(stockOf(r.ctx, r.products.milk), 19_000);
    // The pull brings the level the server counted with the sale, and the cursor past it.
    applyChange(r.ctx.db, { entity: 'stock', op: 'upsert', id: r.products.milk, data: { level: 19_000 } });
    saveCursor(r.ctx.db, 7, r.ctx.identity.deviceId);
    const report = await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 2 * DAY_MS) });
    assert.ok(report.events >= 1);
    assert.equal(count(r, 'SELECT COUNT(*) FROM outbox WHERE id = ?', sale.saleId), 0);
    assert.equal(count(r, 'SELECT COUNT(*) FROM sale_lines WHERE sale_id = ?', sale.saleId), 0);
    assert.equal(stockOf(r.ctx, r.products.milk), 19_000);
    // The sale itself stays for its refund and reprint, and a refund of it counts back on the shelf.
    refundSale(r.ctx, { receiptNo: sale.receiptNo, selection: { whole: true }, cashier: cashier(r) });
    assert.equal(stockOf(r.ctx, r.products.milk), 20_000);
  });

  it('takes the number of days from the store settings pulled', async () => {
    const settings = readSettings<Record<string, unknown>>(r.ctx.db)!;
    applyChange(r.ctx.db, {
      entity: 'settings',
      op: 'upsert',
      id: 'store',
      data: { ...settings, registerKeepDays: 7 } as never,
    });
    openShift(r.ctx, cashier(r), 0);
    sell(r);
    closeShift(r.ctx, 0);
    acknowledgeAll(r);
    assert.equal((await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 6 * DAY_MS) })).sales, 0);
    assert.equal((await pruneKeptData(r.ctx.db, { now: new Date(Date.now() + 8 * DAY_MS) })).sales, 1);
    assert.throws(
      () => findSale(r.ctx, '1'),
      (e: unknown) => (e as AppError).localized('en').includes('the last 7 days'),
    );
  });
});
