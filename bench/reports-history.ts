import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Knex } from 'knex';
import { newId } from '../src/common/ids.js';
import type { SalesReportQuery } from '../src/common/protocol/reports.js';
import type { SyncEvent } from '../src/common/protocol/sync.js';
import { storeDayOf, storeDayStart, STORE_DAY_MS, STORE_UTC_OFFSET_MS } from '../src/common/time.js';
import { verifyToken } from '../src/server/auth/tokens.js';
import type { TenantContext } from '../src/server/context.js';
import type { Db } from '../src/server/db/connection.js';
import { epochDay } from '../src/server/db/dialect.js';
import { salesReport } from '../src/server/reports/service.js';
import { dailySumsOf } from '../src/server/sales/daily.js';
import { addDailySums, insertEffects } from '../src/server/sales/queries.js';
import { effectsOf, type EventLookups, type EventOrigin } from '../src/server/sales/service.js';
import { activatedLongAgo, bootstrapTenant } from '../test/helpers/app.js';
import { createProduct, type ProductSeed } from '../test/helpers/catalog.js';
import { activateFirstDevice, addActiveDevice, type ActiveDevice } from '../test/helpers/sync.js';
import { percentile, round, seeded, type Bench, type BenchResult } from './harness.js';
import { benchServer, type BenchServer } from './server.js';

const DAYS = 730;
const REGISTERS = 4;
const PRODUCTS = 40;
const CASHIERS = 6;
/** Sales per write transaction: one multi-row INSERT per table and chunk, as a large push would write them. */
const CHUNK = 5_000;
const GROUPS = ['day', 'device', 'cashier', 'product'] as const;
type GroupBy = (typeof GROUPS)[number];
/** Requests per figure: enough for a p99 of a day; fewer for the long bare scans of a month or a year. */
const RUNS = { day: 100, month: 10, year: 5 } as const;
const QUICK_RUNS = { day: 20, month: 5, year: 3 } as const;
type Range = keyof typeof RUNS;

interface Timing {
  p50: number;
  p99: number;
}

async function timedEach(runs: number, fns: Array<() => Promise<unknown>>): Promise<Timing[]> {
  // Interleaved, so a burst of load on the shared machine lands on both sides of a comparison alike.
  const out: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const start = process.hrtime.bigint();
      await fn();
      out[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return out.map((ms) => ({ p50: percentile(ms, 50), p99: percentile(ms, 99) }));
}

/**
 * The bare indexed aggregate of the same receipts, grouped the same way, straight from the store index: what the
 * report adds up for the receipts of the range, with none of its shaping (no refunds, payments, names).
 */
function bareAggregate(
  db: Db,
  tenantId: string,
  storeId: string,
  groupBy: GroupBy,
  fromMs: number,
  toMs: number,
) {
  const knex = db.knex;
  const range = (q: Knex.QueryBuilder) =>
    q
      .where('s.tenant_id', tenantId)
      .andWhere('s.store_id', storeId)
      .andWhere('s.occurred_at', '>=', fromMs)
      .andWhere('s.occurred_at', '<', toMs);
  if (groupBy === 'product')
    return range(
      knex('sales as s').join('sale_lines as l', (j) =>
        j.on('l.tenant_id', 's.tenant_id').andOn('l.sale_id', 's.id'),
      ),
    )
      .groupBy('l.product_id')
      .select('l.product_id as k', knex.raw('COUNT(*) as n'), knex.raw('SUM(l.total) as total'));
  const sums = [knex.raw('COUNT(*) as n'), knex.raw('SUM(s.total) as total')];
  if (groupBy === 'day') {
    const day = epochDay(db, knex, 's.occurred_at', STORE_UTC_OFFSET_MS);
    return range(knex('sales as s'))
      .groupByRaw(day.toSQL().sql, day.toSQL().bindings)
      .select(knex.raw(`${day.toQuery()} as k`), ...sums);
  }
  const column = groupBy === 'device' ? 's.device_id' : 's.cashier_id';
  return range(knex('sales as s'))
    .groupBy(column)
    .select(`${column} as k`, ...sums);
}

interface History {
  s: BenchServer;
  tenantId: string;
  storeId: string;
  ownerToken: string;
  ctx: TenantContext;
  /** The measured day: yesterday, written whole before any other history, so it is the same at every size. */
  day: string;
  now: number;
  write(indexes: (i: number) => boolean, log: (m: string) => void): Promise<number>;
}

/**
 * Sale i of `total` happens at start + i × step over two years on register i mod 4; one in fifty is partly given
 * back the same day. Rows are built by the push's own builders (`effectsOf`, `dailySumsOf`) and written as a push
 * writes them (multi-row inserts and the daily summary's insert-or-add), a chunk of sales per transaction.
 */
async function history(s: BenchServer, total: number): Promise<History> {
  const tenant = await bootstrapTenant(s.t, { maxDevices: REGISTERS });
  const devices: ActiveDevice[] = [await activateFirstDevice(s.t, tenant)];
  while (devices.length < REGISTERS) devices.push(await addActiveDevice(s.t, tenant));
  await activatedLongAgo(s.t, tenant.tenantId, DAYS + 10);
  const products: ProductSeed[] = [];
  for (let i = 0; i < PRODUCTS; i++) products.push(await createProduct(s.t, tenant.ownerToken));
  const storeId = tenant.storeId;
  const cashiers = Array.from({ length: CASHIERS }, () => newId());
  const lookups: EventLookups = {
    productVat: new Map(products.map((p) => [p.id, 1200])),
    saleLineVat: new Map(),
    shifts: new Set(),
    cashiers: new Map(),
    refundBases: new Map(),
  };
  const now = Date.now();
  const start = now - DAYS * STORE_DAY_MS;
  const step = (DAYS * STORE_DAY_MS) / total;
  const knex = s.t.db.knex;
  const { userId, sessionId } = (await knex('sessions')
    .orderBy('created_at', 'desc')
    .first('user_id as userId', 'id as sessionId')) as { userId: string; sessionId: string };

  function eventsOf(i: number): SyncEvent[] {
    // Seeded by the sale's number, so a sale is the same whichever part of the history writes it.
    const random = seeded(i + 1);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
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
    const register = `POS-0${(i % REGISTERS) + 1}`;
    const sale: SyncEvent = {
      id: newId(),
      type: 'sale.completed',
      occurredAt: at,
      data: {
        receiptNo: `${register}-${String(i).padStart(7, '0')}`,
        shiftId: newId(),
        cashierId: pick(cashiers),
        lines,
        discount: 0,
        total: 3_000_00,
        payments: [{ method: pick(['cash', 'card']), amount: 3_000_00 }],
        change: 0,
      },
    };
    if (i % 50 !== 0) return [sale];
    return [
      sale,
      {
        id: newId(),
        type: 'sale.refunded',
        occurredAt: at,
        data: {
          refundNo: `${register}-R${String(i).padStart(7, '0')}`,
          saleId: sale.id,
          lines: [{ productId: lines[0]!.productId, qty: 1000, total: 1_000_00 }],
          payments: [{ method: 'cash', amount: 1_000_00 }],
          total: 1_000_00,
        },
      },
    ];
  }

  async function writeChunk(indexes: number[]): Promise<void> {
    const byDevice = new Map<string, SyncEvent[]>();
    for (const i of indexes) {
      const deviceId = devices[i % REGISTERS]!.id;
      byDevice.set(deviceId, [...(byDevice.get(deviceId) ?? []), ...eventsOf(i)]);
    }
    await knex.transaction(async (trx) => {
      for (const [deviceId, events] of byDevice) {
        const origin: EventOrigin = { tenantId: tenant.tenantId, storeId, deviceId, receivedAt: now };
        const { rows } = effectsOf(origin, events, lookups);
        await insertEffects(trx, tenant.tenantId, rows);
        await addDailySums(s.t.db, trx, dailySumsOf(tenant.tenantId, rows));
      }
    });
  }

  return {
    s,
    tenantId: tenant.tenantId,
    storeId,
    ownerToken: tenant.ownerToken,
    ctx: {
      ...s.t.deps,
      tenantId: tenant.tenantId,
      actor: { kind: 'user', userId, sessionId, role: 'owner', tenantId: tenant.tenantId },
    },
    day: storeDayOf(now - STORE_DAY_MS),
    now,
    async write(wanted, log) {
      const began = performance.now();
      let written = 0;
      let chunk: number[] = [];
      for (let i = 0; i < total; i++) {
        if (!wanted(i)) continue;
        chunk.push(i);
        if (chunk.length === CHUNK) {
          await writeChunk(chunk);
          written += chunk.length;
          chunk = [];
          if ((written / CHUNK) % 20 === 0) log(`${written} sales written`);
        }
      }
      if (chunk.length > 0) await writeChunk(chunk);
      written += chunk.length;
      const seconds = (performance.now() - began) / 1000;
      log(`${written} sales written in ${round(seconds, 1)} s (${Math.round(written / seconds)} sales/s)`);
      if (s.dialect === 'mysql')
        for (const table of [
          'sales',
          'sale_lines',
          'sale_payments',
          'refunds',
          'daily_sales',
          'daily_products',
        ])
          await knex.raw(`ANALYZE TABLE ${table}`);
      return written;
    },
  };
}

/** Express + the same token check as the server's, then the bare aggregate: the floor for an HTTP report. */
async function bareEndpoint(h: History) {
  const app = express();
  const secret = h.s.t.deps.config.jwtSecret;
  app.get('/bare', (req, res, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const groupBy = String(req.query.groupBy) as GroupBy;
    const fromMs = storeDayStart(String(req.query.from));
    const toMs = storeDayStart(String(req.query.to)) + STORE_DAY_MS;
    verifyToken(secret, token)
      .then((claims) => bareAggregate(h.s.t.db, claims.tid!, h.storeId, groupBy, fromMs, toMs))
      .then((rows) => res.json({ rows }))
      .catch(next);
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Each query one day-report request makes, with its own time, so the log shows where a request goes. */
async function profileDay(h: History, log: (m: string) => void): Promise<void> {
  const knex = h.s.t.db.knex;
  for (const groupBy of GROUPS) {
    const started = new Map<string, { sql: string; at: bigint }>();
    const seen: string[] = [];
    const onQuery = (q: { __knexQueryUid: string; sql: string }) =>
      started.set(q.__knexQueryUid, { sql: q.sql, at: process.hrtime.bigint() });
    const onResponse = (_r: unknown, q: { __knexQueryUid: string }) => {
      const begun = started.get(q.__knexQueryUid);
      if (begun)
        seen.push(
          `${round(Number(process.hrtime.bigint() - begun.at) / 1e6, 2)} ms ${begun.sql.slice(0, 90)}`,
        );
    };
    knex.on('query', onQuery).on('query-response', onResponse);
    const begun = process.hrtime.bigint();
    try {
      const res = await fetch(`${h.s.url}/reports/sales?from=${h.day}&to=${h.day}&groupBy=${groupBy}`, {
        headers: { authorization: `Bearer ${h.ownerToken}` },
      });
      await res.json();
    } finally {
      knex.removeListener('query', onQuery).removeListener('query-response', onResponse);
    }
    log(
      `one day by ${groupBy}: ${round(Number(process.hrtime.bigint() - begun) / 1e6, 2)} ms, ${seen.length} queries`,
    );
    for (const line of seen) log(`  ${line}`);
  }
}

async function measure(
  h: History,
  bare: { url: string },
  quick: boolean,
  ranges: Range[],
): Promise<Map<string, { report: Timing; bare: Timing; http: Timing; httpBare: Timing }>> {
  const today = storeDayOf(h.now);
  const fromOf: Record<Range, string> = {
    day: h.day,
    month: storeDayOf(h.now - 30 * STORE_DAY_MS),
    year: storeDayOf(h.now - 364 * STORE_DAY_MS),
  };
  const out = new Map<string, { report: Timing; bare: Timing; http: Timing; httpBare: Timing }>();
  for (const range of ranges) {
    const from = fromOf[range];
    const to = range === 'day' ? h.day : today;
    const fromMs = storeDayStart(from);
    const toMs = storeDayStart(to) + STORE_DAY_MS;
    for (const groupBy of GROUPS) {
      const query: SalesReportQuery = { from, to, groupBy };
      const headers = { authorization: `Bearer ${h.ownerToken}` };
      const get = (url: string) => async () => {
        const res = await fetch(url, { headers });
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        await res.json();
      };
      const fns = [
        () => salesReport(h.ctx, query),
        () => bareAggregate(h.s.t.db, h.tenantId, h.storeId, groupBy, fromMs, toMs),
        get(`${h.s.url}/reports/sales?from=${from}&to=${to}&groupBy=${groupBy}`),
        get(`${bare.url}/bare?from=${from}&to=${to}&groupBy=${groupBy}`),
      ];
      for (const fn of fns) await fn();
      const [report, bareTiming, http, httpBare] = await timedEach((quick ? QUICK_RUNS : RUNS)[range], fns);
      out.set(`${range}|${groupBy}`, {
        report: report!,
        bare: bareTiming!,
        http: http!,
        httpBare: httpBare!,
      });
    }
  }
  return out;
}

/**
 * Two years of sales on four registers: first 100k (5k quick) with the measured day whole, each sales-report
 * grouping for that day timed; then the rest up to 1M (50k quick), and each grouping for the day, the last month
 * and the last year. Every figure is p50 and p99, in-process (the service the route calls, against the bare
 * indexed aggregate of the same receipts through the same connection) and over HTTP (against Express + the same
 * token check + that bare aggregate), interleaved in the same run.
 */
export const reportsHistory: Bench = async (ctx) => {
  const total = ctx.quick ? 50_000 : 1_000_000;
  const s = await benchServer();
  const results: BenchResult[] = [];
  let bare: Awaited<ReturnType<typeof bareEndpoint>> | undefined;
  try {
    const h = await history(s, total);
    bare = await bareEndpoint(h);
    const dayStart = storeDayStart(h.day);
    const start = h.now - DAYS * STORE_DAY_MS;
    const step = (DAYS * STORE_DAY_MS) / total;
    const onMeasuredDay = (i: number) => {
      const at = start + i * step;
      return at >= dayStart && at < dayStart + STORE_DAY_MS;
    };
    // Every tenth sale plus the whole measured day: a tenth of the history behind the same day.
    const first = (i: number) => i % 10 === 0 || onMeasuredDay(i);
    ctx.log(`${s.dialect}: writing a tenth of ${total} sales over ${DAYS} days, and ${h.day} whole`);
    const small = await h.write(first, ctx.log);
    await profileDay(h, ctx.log);
    const atSmall = await measure(h, bare, ctx.quick, ['day']);
    ctx.log(`writing the other ${total - small} sales`);
    const large = small + (await h.write((i) => !first(i), ctx.log));
    await profileDay(h, ctx.log);
    const atLarge = await measure(h, bare, ctx.quick, ['day', 'month', 'year']);
    const rowsOf = async (table: string) =>
      Number((await s.t.db.knex(table).where({ tenant_id: h.tenantId }).count({ n: '*' }).first())!.n);
    const sizes = [];
    for (const table of ['sales', 'sale_lines', 'daily_sales', 'daily_products', 'daily_payments'])
      sizes.push(`${table} ${await rowsOf(table)}`);
    ctx.log(`rows: ${sizes.join(', ')}`);
    const daySales = Number(
      (await s.t.db
        .knex('sales')
        .where({ tenant_id: h.tenantId, store_id: h.storeId })
        .andWhere('occurred_at', '>=', dayStart)
        .andWhere('occurred_at', '<', dayStart + STORE_DAY_MS)
        .count({ n: '*' })
        .first())!.n,
    );
    const fmt = (t: Timing) => `p50 ${round(t.p50, 2)} / p99 ${round(t.p99, 2)} ms`;
    for (const [key, t] of atLarge) {
      const [range, groupBy] = key.split('|') as [Range, GroupBy];
      const runs = (ctx.quick ? QUICK_RUNS : RUNS)[range];
      const what = `${range} by ${groupBy}, ${large} sales of history`;
      const where = `${s.dialect}; ${runs} runs${range === 'day' ? `; ${daySales} sales that day` : ''}`;
      // A day reads its receipts: within 3× the bare aggregate of them. A month or a year reads the daily summary:
      // no dearer than the bare aggregate over every receipt of the range.
      const limit = range === 'day' ? 3 : 1;
      results.push({
        name: 'reports-history',
        metric: `${what}, in-process p50`,
        value: t.report.p50,
        unit: 'ms',
        target: `≤ ${limit}× bare aggregate`,
        pass: t.report.p50 <= limit * t.bare.p50,
        baseline: t.bare.p50,
        notes: `${where}; report ${fmt(t.report)}, bare ${fmt(t.bare)}`,
      });
      results.push({
        name: 'reports-history',
        metric: `${what}, HTTP p50`,
        value: t.http.p50,
        unit: 'ms',
        target: `≤ ${limit}× bare endpoint`,
        pass: t.http.p50 <= limit * t.httpBare.p50,
        baseline: t.httpBare.p50,
        notes: `${where}; report ${fmt(t.http)}, bare endpoint ${fmt(t.httpBare)}`,
      });
      const smaller = atSmall.get(key);
      if (smaller)
        results.push({
          name: 'reports-history',
          metric: `${what}, in-process p50 against ${small} sales of history`,
          value: t.report.p50,
          unit: 'ms',
          target: '≤ 1.2× the smaller history',
          pass: t.report.p50 <= 1.2 * smaller.report.p50,
          baseline: smaller.report.p50,
          notes: `at ${small}: report ${fmt(smaller.report)}, bare ${fmt(smaller.bare)}, HTTP ${fmt(smaller.http)}, bare endpoint ${fmt(smaller.httpBare)}`,
        });
    }
    ctx.log(`rows: ${sizes.join(', ')}`);
    return results;
  } finally {
    bare?.server.close();
    await s.close();
  }
};
