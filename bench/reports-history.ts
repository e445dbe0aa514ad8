import { newId } from '../src/common/ids.js';
import type { SyncEvent } from '../src/common/protocol/sync.js';
import { storeDayOf, storeDayStart, STORE_DAY_MS } from '../src/common/time.js';
import { dailySumsOf } from '../src/server/sales/daily.js';
import { addDailySums, insertEffects } from '../src/server/sales/queries.js';
import { effectsOf, type EventLookups, type EventOrigin } from '../src/server/sales/service.js';
import { activatedLongAgo, bootstrapTenant } from '../test/helpers/app.js';
import { createProduct, type ProductSeed } from '../test/helpers/catalog.js';
import { activateFirstDevice, addActiveDevice, type ActiveDevice } from '../test/helpers/sync.js';
import { round, seeded, type Bench, type BenchResult } from './harness.js';
import { benchServer } from './server.js';

const DAYS = 730;
const REGISTERS = 4;
const PRODUCTS = 40;
const CHUNK = 2_000;
const RUNS = 5;
const GROUPS = ['day', 'device', 'cashier', 'product'] as const;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(out);
}

/**
 * Two years of sales (1M; 40k quick) on four registers, written by the push's own row builders (sales, lines,
 * payments, refunds and the daily summary; stock left out), then each sales-report grouping over the last day, the
 * last month and the last year, against the bare indexed aggregate of the same receipts in the same run.
 */
export const reportsHistory: Bench = async (ctx) => {
  const total = ctx.quick ? 40_000 : 1_000_000;
  const s = await benchServer();
  try {
    const tenant = await bootstrapTenant(s.t, { maxDevices: REGISTERS });
    const devices: ActiveDevice[] = [await activateFirstDevice(s.t, tenant)];
    while (devices.length < REGISTERS) devices.push(await addActiveDevice(s.t, tenant));
    await activatedLongAgo(s.t, tenant.tenantId, DAYS + 10);
    const products: ProductSeed[] = [];
    for (let i = 0; i < PRODUCTS; i++) products.push(await createProduct(s.t, tenant.ownerToken));
    const store = await s.t.db.knex('stores').where({ tenant_id: tenant.tenantId }).first('id');
    const storeId = String(store.id);
    const cashiers = Array.from({ length: 6 }, () => newId());
    const lookups: EventLookups = {
      productVat: new Map(products.map((p) => [p.id, 1200])),
      saleLineVat: new Map(),
      shifts: new Set(),
      cashiers: new Map(),
      refundBases: new Map(),
    };
    const random = seeded(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const now = Date.now();
    const start = now - DAYS * STORE_DAY_MS;
    const step = (DAYS * STORE_DAY_MS) / total;
    ctx.log(`writing ${total} sales over ${DAYS} days on ${s.dialect}`);
    const writing = performance.now();
    for (let from = 0; from < total; from += CHUNK) {
      const byDevice = new Map<string, SyncEvent[]>();
      for (let i = from; i < Math.min(total, from + CHUNK); i++) {
        const device = devices[i % REGISTERS]!;
        const at = new Date(Math.floor(start + i * step)).toISOString();
        const lines = Array.from({ length: 3 }, () => {
          const p = pick(products);
          return {
            productId: p.id,
            name: p.sku,
            qty: 1000,
            unitPrice: 1_000_00,
            discount: 0,
            total: 1_000_00,
            vatRate: 1200,
          };
        });
        const sale: SyncEvent = {
          id: newId(),
          type: 'sale.completed',
          occurredAt: at,
          data: {
            receiptNo: `POS-0${(i % REGISTERS) + 1}-${String(i).padStart(7, '0')}`,
            shiftId: newId(),
            cashierId: pick(cashiers),
            lines,
            discount: 0,
            total: 3_000_00,
            payments: [{ method: pick(['cash', 'card']), amount: 3_000_00 }],
            change: 0,
          },
        };
        const events = byDevice.get(device.id) ?? [];
        events.push(sale);
        // One sale in fifty is partly given back the same day.
        if (i % 50 === 0)
          events.push({
            id: newId(),
            type: 'sale.refunded',
            occurredAt: at,
            data: {
              refundNo: `POS-0${(i % REGISTERS) + 1}-R${String(i).padStart(7, '0')}`,
              saleId: sale.id,
              lines: [{ productId: lines[0]!.productId, qty: 1000, total: 1_000_00 }],
              payments: [{ method: 'cash', amount: 1_000_00 }],
              total: 1_000_00,
            },
          });
        byDevice.set(device.id, events);
      }
      for (const [deviceId, events] of byDevice) {
        const origin: EventOrigin = { tenantId: tenant.tenantId, storeId, deviceId, receivedAt: now };
        const { rows } = effectsOf(origin, events, lookups);
        await s.t.db.knex.transaction(async (trx) => {
          await insertEffects(trx, tenant.tenantId, rows);
          await addDailySums(s.t.db, trx, dailySumsOf(tenant.tenantId, rows));
        });
      }
      if ((from / CHUNK) % 50 === 49) ctx.log(`${from + CHUNK} sales`);
    }
    ctx.log(`written in ${round((performance.now() - writing) / 1000, 1)} s`);
    if (s.dialect === 'mysql')
      for (const table of [
        'sales',
        'sale_lines',
        'sale_payments',
        'refunds',
        'daily_sales',
        'daily_products',
      ])
        await s.t.db.knex.raw(`ANALYZE TABLE ${table}`);

    const today = storeDayOf(now);
    const ranges: Array<[string, string]> = [
      ['day', storeDayOf(now - STORE_DAY_MS)],
      ['month', storeDayOf(now - 30 * STORE_DAY_MS)],
      ['year', storeDayOf(now - 364 * STORE_DAY_MS)],
    ];
    const results: BenchResult[] = [];
    for (const [range, from] of ranges) {
      const to = range === 'day' ? from : today;
      const fromMs = storeDayStart(from);
      const toMs = storeDayStart(to) + STORE_DAY_MS;
      // The bare indexed aggregate: count and sum of the range's receipts, straight from the store index.
      const bare = () =>
        s.t.db
          .knex('sales')
          .where({ tenant_id: tenant.tenantId, store_id: storeId })
          .andWhere('occurred_at', '>=', fromMs)
          .andWhere('occurred_at', '<', toMs)
          .count({ n: '*' })
          .sum({ total: 'total' })
          .first();
      await bare();
      const baseline = await timed(RUNS, bare);
      for (const groupBy of GROUPS) {
        const url = `${s.url}/reports/sales?from=${from}&to=${to}&groupBy=${groupBy}`;
        const ask = async () => {
          const res = await fetch(url, { headers: { authorization: `Bearer ${tenant.ownerToken}` } });
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
          await res.json();
        };
        await ask();
        const ms = await timed(RUNS, ask);
        // A day reads its receipts (within 3× the bare sums); a month or year the daily summary, cheaper than
        // the bare sums over every receipt of the range.
        const limit = range === 'day' ? 3 : 1;
        results.push({
          name: 'reports-history',
          metric: `${range} by ${groupBy}, ${total} sales of history`,
          value: ms,
          unit: 'ms',
          target: range === 'day' ? '≤ 3× bare' : '≤ 1× bare',
          pass: ms <= limit * baseline,
          baseline,
          notes: `median of ${RUNS} over HTTP; ${s.dialect}`,
        });
      }
    }
    return results;
  } finally {
    await s.close();
  }
};
