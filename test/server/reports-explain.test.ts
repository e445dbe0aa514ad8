import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { newId } from '../../src/common/ids.js';
import { storeDayOf } from '../../src/common/time.js';
import { activatedLongAgo, bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, push, saleEvent } from '../helpers/sync.js';

const DAY = 24 * 3600 * 1000;
const HISTORY_DAYS = 300;
/** The tables whose full scan grows with a store's history. */
const HISTORY_TABLES = [
  'sales',
  'sale_lines',
  'sale_payments',
  'refunds',
  'refund_lines',
  'refund_payments',
  'shifts',
  'daily_sales',
  'daily_products',
  'daily_payments',
];

interface ExplainRow {
  table: string;
  type: string | null;
  key: string | null;
  ref: string | null;
}

if (testDialects().includes('mysql')) {
  describe('report queries on MariaDB read by range, never a tenant’s whole history', function () {
    this.timeout(120_000);
    let t: TestApp;
    let ownerToken: string;
    before(async () => {
      t = await testApp('mysql');
      const tenant = await bootstrapTenant(t);
      ownerToken = tenant.ownerToken;
      const device = await activateFirstDevice(t, tenant);
      await activatedLongAgo(t, tenant.tenantId);
      const product = await createProduct(t, tenant.ownerToken);
      // A sale a day for most of a year, a shift every ten days, a refund every fifth day.
      const now = Date.now();
      const events: Array<{ id: string; type: string; occurredAt: string; data: unknown }> = [];
      let shiftId = newId();
      const cashierId = newId();
      for (let d = HISTORY_DAYS; d >= 1; d--) {
        const at = new Date(now - d * DAY).toISOString();
        if (d % 10 === 0) {
          shiftId = newId();
          events.push({
            id: newId(),
            type: 'shift.opened',
            occurredAt: at,
            data: { shiftId, cashierId, openingCash: 0 },
          });
        }
        const sale = { ...saleEvent([product.id], { shiftId, cashierId }), occurredAt: at };
        events.push(sale);
        if (d % 5 === 0) {
          events.push({
            id: newId(),
            type: 'sale.refunded',
            occurredAt: at,
            data: {
              refundNo: `POS-01-R${String(d).padStart(6, '0')}`,
              saleId: sale.id,
              lines: [{ productId: product.id, qty: 1000, total: 1_000_00 }],
              payments: [{ method: 'cash', amount: 1_000_00 }],
              total: 1_000_00,
              shiftId,
              cashierId,
            },
          });
        }
      }
      for (let i = 0; i < events.length; i += 200) {
        const res = await push(t, device, events.slice(i, i + 200)).expect(200);
        for (const r of res.body.results) assert.equal(r.status, 'applied', JSON.stringify(r));
      }
      for (const table of HISTORY_TABLES) await t.db.knex.raw(`ANALYZE TABLE ${table}`);
    });
    after(async () => {
      await t.close();
    });

    async function explainEach(path: string): Promise<Array<{ sql: string; plan: ExplainRow[] }>> {
      const seen: Array<{ sql: string; bindings: readonly unknown[] }> = [];
      const listener = (q: { sql: string; bindings?: readonly unknown[] }) => {
        if (/^\s*select/i.test(q.sql)) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
      };
      t.db.knex.on('query', listener);
      try {
        await t.http
          .get(path)
          .set(...bearer(ownerToken))
          .expect(200);
      } finally {
        t.db.knex.removeListener('query', listener);
      }
      const plans = [];
      for (const q of seen) {
        const [rows] = (await t.db.knex.raw(
          `EXPLAIN ${q.sql}`,
          q.bindings as readonly Knex.RawBinding[],
        )) as [ExplainRow[]];
        plans.push({ sql: q.sql, plan: rows });
      }
      return plans;
    }

    /** `table` in EXPLAIN is the alias; map it back through the FROM/JOIN clause. */
    function tableOf(sql: string, alias: string): string {
      const match = new RegExp('`(\\w+)` as `' + alias + '`').exec(sql);
      return match ? match[1]! : alias;
    }

    const day = storeDayOf(Date.now() - 100 * DAY);
    const month = storeDayOf(Date.now() - 130 * DAY);
    const reports: Array<[string, string]> = [
      ...['day', 'device', 'cashier', 'product'].map((g): [string, string] => [
        `the sales report by ${g}`,
        `/reports/sales?from=${day}&to=${day}&groupBy=${g}`,
      ]),
      ['the shifts report', `/reports/shifts?from=${day}&to=${day}`],
      // Longer ranges read the daily summary, by the same (tenant, store, day) range.
      ...['day', 'device', 'cashier', 'product'].map((g): [string, string] => [
        `the sales report by ${g} for a month`,
        `/reports/sales?from=${month}&to=${day}&groupBy=${g}`,
      ]),
    ];
    for (const [name, path] of reports) {
      it(`reads ${name} from a range of an index, not the tenant's whole history`, async () => {
        const plans = await explainEach(path);
        const history = plans.filter((p) => HISTORY_TABLES.some((table) => p.sql.includes(`\`${table}\``)));
        assert.ok(history.length > 0, 'the report read the sales history');
        for (const { sql, plan } of history) {
          for (const row of plan) {
            const table = tableOf(sql, row.table);
            if (!HISTORY_TABLES.includes(table)) continue;
            // `ref: const` alone is the tenant_id prefix of a key: every row of the tenant's history.
            assert.ok(
              row.type !== 'ALL' && row.type !== 'index' && row.ref !== 'const',
              `${table} read whole (${row.type}, key ${row.key}, ref ${row.ref}) in ${sql}`,
            );
          }
        }
      });
    }
  });
}
