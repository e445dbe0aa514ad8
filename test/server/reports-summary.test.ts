import assert from 'node:assert/strict';
import { newId } from '../../src/common/ids.js';
import type { SalesReportResponse, SalesReportRow } from '../../src/common/protocol/reports.js';
import { storeDayOf } from '../../src/common/time.js';
import { seededRandom } from '../../src/server/demo/catalog-generator.js';
import { activatedLongAgo, bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, addActiveDevice, push, type ActiveDevice } from '../helpers/sync.js';

const DAY = 24 * 3600 * 1000;
const DAYS = 12;
const GROUPS = ['day', 'device', 'cashier', 'product'] as const;
const SUMMARY_MIGRATION = '20261202060000_create_daily_summary';

interface Line {
  productId: string;
  name: string;
  qty: number;
  unitPrice: number;
  discount: number;
  total: number;
  vatRate: number;
}

/** Adds one-day reports up the way a longer report must show them: by key, counts and money summed. */
function addUp(days: SalesReportResponse[]): Map<string, SalesReportRow> {
  const rows = new Map<string, SalesReportRow>();
  for (const report of days)
    for (const row of report.rows) {
      const seen = rows.get(row.key);
      if (!seen) {
        rows.set(row.key, { ...row });
        continue;
      }
      for (const field of ['count', 'sales', 'refunds', 'net', 'vat', 'qty', 'refundCount'] as const)
        if (seen[field] !== undefined) seen[field] = seen[field] + row[field]!;
    }
  return rows;
}

for (const dialect of testDialects()) {
  describe(`month reports from the daily summary (${dialect})`, function () {
    this.timeout(120_000);
    let t: TestApp;
    let ownerToken: string;
    const from = storeDayOf(Date.now() - (DAYS + 1) * DAY);
    const to = storeDayOf(Date.now());

    before(async () => {
      t = await testApp(dialect);
      const tenant = await bootstrapTenant(t, { maxDevices: 2 });
      ownerToken = tenant.ownerToken;
      const devices: ActiveDevice[] = [
        await activateFirstDevice(t, tenant),
        await addActiveDevice(t, tenant),
      ];
      await activatedLongAgo(t, tenant.tenantId);
      const products: Array<{ id: string; name: string; price: number; vatRate: number }> = [];
      for (const [i, price, vatRate] of [
        [1, 1_250_000, 1200],
        [2, 990_000, 0],
        [3, 4_500_000, 1200],
        [4, 12_345, 1200],
      ] as const) {
        const name = `Mahsulot ${i}`;
        const res = await t.http
          .post('/products')
          .set(...bearer(ownerToken))
          .send({ sku: `S-${i}`, name, price, vatRate, barcodes: [] })
          .expect(201);
        products.push({ id: res.body.product.id as string, name, price, vatRate });
      }
      const cashiers = [newId(), newId(), newId()];
      const random = seededRandom(17);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const now = Date.now();
      let receipt = 0;
      for (const [d, device] of devices.entries()) {
        const sold: Array<{ id: string; line: Line; cashierId: string }> = [];
        const events: unknown[] = [];
        for (let i = 0; i < 90; i++) {
          const occurredAt = new Date(now - Math.floor(random() * DAYS * DAY)).toISOString();
          const lines: Line[] = [];
          for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
            const p = pick(products);
            const qty = pick([1000, 2000, 1250, 333]);
            const gross = Math.round((p.price * qty) / 1000);
            const discount = random() < 0.3 ? Math.floor(gross / 10) : 0;
            lines.push({
              productId: p.id,
              name: p.name,
              qty,
              unitPrice: p.price,
              discount,
              total: gross - discount,
              vatRate: p.vatRate,
            });
          }
          const total = lines.reduce((s, l) => s + l.total, 0);
          const cashierId = pick(cashiers);
          const kind = pick(['cash', 'card', 'split', 'qr'] as const);
          const change = kind === 'cash' ? pick([0, 500_00, 1_234]) : 0;
          const payments =
            kind === 'split'
              ? [
                  { method: 'card', amount: Math.floor(total / 2) },
                  { method: 'cash', amount: total - Math.floor(total / 2) },
                ]
              : [{ method: kind, amount: total + change }];
          const id = newId();
          events.push({
            id,
            type: 'sale.completed',
            occurredAt,
            data: {
              receiptNo: `POS-0${d + 1}-${String(++receipt).padStart(6, '0')}`,
              shiftId: newId(),
              cashierId,
              lines,
              discount: lines.reduce((s, l) => s + l.discount, 0),
              total,
              payments,
              change,
            },
          });
          sold.push({ id, line: lines[0]!, cashierId });
          // Rejected on the server: a product it does not know, and payments short of the total.
          if (i % 15 === 0)
            events.push({
              id: newId(),
              type: 'sale.completed',
              occurredAt,
              data: {
                receiptNo: `POS-0${d + 1}-${String(++receipt).padStart(6, '0')}`,
                shiftId: newId(),
                cashierId,
                lines: [{ ...lines[0]!, productId: i % 2 ? newId() : lines[0]!.productId }],
                discount: lines[0]!.discount,
                total: lines[0]!.total,
                payments: [{ method: 'cash', amount: i % 2 ? lines[0]!.total : lines[0]!.total - 1 }],
                change: 0,
              },
            });
        }
        // Refunds of a third of the sales, some a day or two later, some without a cashier; a second refund of
        // the same line is more than was sold and is rejected.
        for (const [i, s] of sold.entries()) {
          if (i % 3 !== 0) continue;
          const refund = (cashierId: string | undefined) => ({
            id: newId(),
            type: 'sale.refunded',
            occurredAt: new Date(now - Math.floor(random() * DAY)).toISOString(),
            data: {
              refundNo: `POS-0${d + 1}-R${String(++receipt).padStart(6, '0')}`,
              saleId: s.id,
              lines: [{ productId: s.line.productId, qty: s.line.qty, total: s.line.total }],
              payments: [{ method: pick(['cash', 'card']), amount: s.line.total }],
              total: s.line.total,
              ...(cashierId !== undefined && { cashierId }),
            },
          });
          events.push(refund(i % 2 ? s.cashierId : undefined));
          if (i % 9 === 0) events.push(refund(s.cashierId));
        }
        for (let i = 0; i < events.length; i += 40) {
          const batch = events.slice(i, i + 40);
          const res = await push(t, device, batch).expect(200);
          assert.ok(res.body.results.some((r: { status: string }) => r.status === 'applied'));
          // A resend counts nothing twice.
          const again = await push(t, device, batch).expect(200);
          assert.ok(again.body.results.every((r: { status: string }) => r.status !== 'applied'));
        }
      }
      const rejected = await t.db.knex('sync_events').where({ status: 'rejected' }).count({ n: '*' }).first();
      assert.ok(Number(rejected?.n) >= 10, `rejections were pushed (${rejected?.n})`);
    });
    after(async () => {
      await t.close();
    });

    async function report(groupBy: string, fromDay: string, toDay: string): Promise<SalesReportResponse> {
      const res = await t.http
        .get('/reports/sales')
        .query({ from: fromDay, to: toDay, groupBy })
        .set(...bearer(ownerToken))
        .expect(200);
      return res.body as SalesReportResponse;
    }

    async function dayByDay(groupBy: string): Promise<SalesReportResponse[]> {
      const days: SalesReportResponse[] = [];
      for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY) {
        const day = new Date(ms).toISOString().slice(0, 10);
        days.push(await report(groupBy, day, day));
      }
      return days;
    }

    async function assertSameAsDayByDay(): Promise<void> {
      for (const groupBy of GROUPS) {
        const [range, days] = await Promise.all([report(groupBy, from, to), dayByDay(groupBy)]);
        const expected = addUp(days);
        assert.ok(expected.size > 0);
        assert.deepEqual(new Map(range.rows.map((row) => [row.key, row])), expected, `by ${groupBy}`);
        for (const field of ['count', 'sales', 'refunds', 'net', 'vat'] as const)
          assert.equal(
            range.totals[field],
            days.reduce((s, r) => s + r.totals[field], 0),
            `${field} by ${groupBy}`,
          );
        for (const method of ['cash', 'card', 'qr'] as const)
          assert.equal(
            range.payments[method],
            days.reduce((s, r) => s + r.payments[method], 0),
            `${method} by ${groupBy}`,
          );
      }
    }

    it('shows a fortnight by day, register, cashier and product exactly as its days add up', async () => {
      await assertSameAsDayByDay();
      const totals = (await report('day', from, to)).totals;
      assert.ok(totals.count > 100 && totals.refunds > 0, JSON.stringify(totals));
    });

    it('fills the summary from the sales already stored when the server is upgraded', async () => {
      const before = await Promise.all(GROUPS.map((g) => report(g, from, to)));
      await t.db.knex.migrate.down({ name: SUMMARY_MIGRATION });
      await t.db.knex.migrate.up({ name: SUMMARY_MIGRATION });
      assert.deepEqual(await Promise.all(GROUPS.map((g) => report(g, from, to))), before);
      await assertSameAsDayByDay();
    });
  });
}
