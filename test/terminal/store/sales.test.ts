import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../../src/common/ids.js';
import { openStore, reclaimFreePages, type StoreDb } from '../../../src/terminal/store/connection.js';
import {
  commitSale,
  findSaleByReceipt,
  insertShiftOpened,
  openShiftRow,
} from '../../../src/terminal/store/queries/sales.js';
import {
  outboxSummary,
  pendingEvents,
  recordPushResults,
  rejectedEvents,
} from '../../../src/terminal/store/queries/sync.js';

describe('register sales and outbox', () => {
  let dir: string;
  let db: StoreDb;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'posapp-sales-'));
    db = openStore(dir, { create: true });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function sell(shiftId: string, cashierId: string) {
    const productId = newId();
    return commitSale(db, {
      deviceName: 'POS-02',
      build: (receiptNo) => ({
        receiptNo,
        shiftId,
        cashierId,
        lines: [
          { productId, name: 'Non', qty: 1000, unitPrice: 500_000, discount: 0, total: 500_000, vatRate: 0 },
        ],
        discount: 0,
        total: 500_000,
        payments: [{ method: 'cash', amount: 1_000_000 }],
        change: 500_000,
      }),
    });
  }

  it('numbers receipts per register and writes the sale and its outbox event together', () => {
    const shift = insertShiftOpened(db, { cashierId: newId(), openingCash: 0 });
    assert.equal(openShiftRow(db)?.id, shift.id);
    const first = sell(shift.id, shift.cashierId);
    const second = sell(shift.id, shift.cashierId);
    assert.equal(first.receiptNo, 'POS-02-000001');
    assert.equal(second.receiptNo, 'POS-02-000002');
    assert.equal(findSaleByReceipt(db, 'POS-02-000002')?.id, second.saleId);
    const events = pendingEvents(db, 10);
    assert.deepEqual(
      events.map((e) => e.type),
      ['shift.opened', 'sale.completed', 'sale.completed'],
    );
    assert.equal(events[1]!.id, first.saleId, "the sale's id is its event's id");
    assert.deepEqual((events[1]!.data as { receiptNo: string }).receiptNo, 'POS-02-000001');
  });

  it('keeps nothing of a sale whose build fails: no receipt number used, no event', () => {
    assert.throws(() =>
      commitSale(db, {
        deviceName: 'POS-02',
        build: () => {
          throw new Error('underpaid');
        },
      }),
    );
    assert.equal(outboxSummary(db).pending, 0);
    const ok = sell(newId(), newId());
    assert.equal(ok.receiptNo, 'POS-02-000001');
  });

  it('marks acknowledged events sent, keeps rejected ones visible and never resends them', () => {
    const a = sell(newId(), newId());
    const b = sell(newId(), newId());
    recordPushResults(db, [
      { id: a.saleId, status: 'applied', version: 7 },
      { id: b.saleId, status: 'rejected', error: 'unknown product' },
    ]);
    assert.deepEqual(pendingEvents(db, 10), []);
    assert.deepEqual(
      rejectedEvents(db).map((e) => [e.id, e.error]),
      [[b.saleId, 'unknown product']],
    );
    assert.equal(outboxSummary(db).rejected, 1);
  });

  it('drops the payload of an event the server has, keeping the sale and the rejected event whole', () => {
    const a = sell(newId(), newId());
    const b = sell(newId(), newId());
    recordPushResults(db, [
      { id: a.saleId, status: 'duplicate', version: 3 },
      { id: b.saleId, status: 'rejected', error: 'unknown product' },
    ]);
    const payload = (id: string) =>
      JSON.parse(db.prepare('SELECT data FROM outbox WHERE id = ?').pluck().get(id) as string);
    assert.deepEqual(payload(a.saleId), {});
    assert.equal(payload(b.saleId).receiptNo, b.receiptNo);
    const kept = findSaleByReceipt(db, a.receiptNo);
    assert.equal(kept?.id, a.saleId, 'the sale itself stays for reprints and refunds');
  });

  it('makes a new register give freed pages back to the disk', () => {
    assert.equal(db.pragma('auto_vacuum', { simple: true }), 2, 'incremental');
    for (let i = 0; i < 200; i++) sell(newId(), newId());
    db.exec("UPDATE outbox SET data = '{}'; DELETE FROM sale_lines; DELETE FROM sales;");
    assert.ok((db.pragma('freelist_count', { simple: true }) as number) > 0);
    reclaimFreePages(db);
    assert.equal(db.pragma('freelist_count', { simple: true }), 0);
  });
});
