import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { applyChange, readSettings } from '../src/terminal/store/queries/catalog.js';
import { closeRegister, openRegister, type RegisterContext } from '../src/terminal/register/context.js';
import { findSale, refundSale } from '../src/terminal/register/refunds.js';
import { checkout, scanIntoCart } from '../src/terminal/register/selling.js';
import { closeShift, currentShift, openShift, reportOfShift } from '../src/terminal/register/shift.js';
import { cartTotals, emptyCart, type CartState } from '../src/terminal/sale/cart.js';
import { storePath } from '../src/terminal/store/connection.js';
import { pendingEvents, recordPushResults, saveCursor } from '../src/terminal/store/queries/sync.js';
import { retentionSummary } from '../src/terminal/store/queries/retention.js';
import { pruneKeptData } from '../src/terminal/sync/prune.js';
import { percentile, round, seeded, type Bench, type BenchResult } from './harness.js';
import { benchRegister } from './register-catalog.js';

const root = join(import.meta.dirname, '..');
const DAY_MS = 86_400_000;
/** A shop's catalog: the register's size includes it, as on a real till. */
const PRODUCTS = 10_000;
const STARTS = 15;
const LOOKUPS = 5000;

/**
 * The register's clock, moved forward day by day: `new Date()` and `Date.now()` (and so the sale times, the UUIDv7
 * ids and the pruning cutoff) read it. Only this benchmark moves it.
 */
function installClock(): { set(ms: number): void; restore(): void } {
  const RealDate = Date;
  let at = RealDate.now();
  class BenchDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(at);
      else super(...(args as [string]));
    }
    static override now(): number {
      return at;
    }
  }
  globalThis.Date = BenchDate as DateConstructor;
  return {
    set(ms: number) {
      at = ms;
    },
    restore() {
      globalThis.Date = RealDate;
    },
  };
}

interface Shop {
  ctx: RegisterContext;
  dataDir: string;
  cashier: { id: string; name: string };
}

function copyOf(sourceDir: string, label: string): Shop {
  const dataDir = mkdtempSync(join(tmpdir(), `posapp-bench-${label}-`));
  copyFileSync(storePath(sourceDir), storePath(dataDir));
  const ctx = openRegister(dataDir);
  return { ctx, dataDir, cashier: { id: '', name: 'Dilnoza' } };
}

function setKeepDays(ctx: RegisterContext, days: number): void {
  const settings = readSettings<Record<string, unknown>>(ctx.db)!;
  applyChange(ctx.db, {
    entity: 'settings',
    op: 'upsert',
    id: 'store',
    data: { ...settings, registerKeepDays: days } as never,
  });
}

/** What a sync round records: every pending event applied, at increasing store versions, and pulled past. */
function acknowledge(ctx: RegisterContext, state: { version: number }): void {
  for (;;) {
    const events = pendingEvents(ctx.db, 500);
    if (events.length === 0) break;
    recordPushResults(
      ctx.db,
      events.map((event) => ({ id: event.id, status: 'applied' as const, version: ++state.version })),
    );
  }
  saveCursor(ctx.db, state.version, ctx.identity.deviceId);
}

function fileBytes(ctx: RegisterContext): number {
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(storePath(ctx.dataDir)).size;
}

interface Day {
  times: number[];
  receipts: string[];
  shiftId: string;
}

/**
 * One day of a till: a shift, `perDay` sales of 1–5 lines paid in cash, about one in 200 followed by a refund of a
 * sale of the day before. Several registers sell the same carts sale by sale, so they are timed under the same load.
 */
function sellDay(
  shops: Shop[],
  clock: { set(ms: number): void },
  dayStart: number,
  perDay: number,
  random: () => number,
  barcodes: string[],
  yesterday: string[][],
): Day[] {
  clock.set(dayStart + 8 * 3_600_000);
  const days: Day[] = shops.map((shop) => ({
    times: [],
    receipts: [],
    shiftId: openShift(shop.ctx, shop.cashier, 500_000_000).id,
  }));
  const step = (12 * 3_600_000) / perDay;
  for (let i = 0; i < perDay; i++) {
    clock.set(dayStart + 8 * 3_600_000 + Math.round(i * step));
    const lines = 1 + Math.floor(random() * 5);
    const codes = Array.from({ length: lines }, () => barcodes[Math.floor(random() * barcodes.length)]!);
    const pick = random();
    shops.forEach((shop, s) => {
      const day = days[s]!;
      let cart: CartState = emptyCart;
      for (const code of codes) cart = scanIntoCart(shop.ctx, cart, code).state;
      const tenders = [{ method: 'cash' as const, tendered: cartTotals(cart).total }];
      const started = process.hrtime.bigint();
      const sale = checkout(shop.ctx, { cart, tenders, cashier: shop.cashier });
      day.times.push(Number(process.hrtime.bigint() - started) / 1e6);
      day.receipts.push(sale.receiptNo);
      const earlier = yesterday[s] ?? [];
      if (i % 200 === 100 && earlier.length > 0) {
        const receiptNo = earlier[Math.floor(pick * earlier.length)]!;
        try {
          refundSale(shop.ctx, { receiptNo, selection: { whole: true }, cashier: shop.cashier });
        } catch {
          // Already refunded (the same receipt drawn twice): the cashier would be told so.
        }
      }
    });
  }
  return days;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

/** The register as it starts: `pos status` (built), or the store opened in this process without a build. */
function startOnce(dataDir: string): { ms: number; how: string } {
  const started = process.hrtime.bigint();
  if (existsSync(join(root, 'dist', 'cli', 'pos.js'))) {
    const child = spawnSync(process.execPath, ['bin/pos.js', 'status', '--data-dir', dataDir], {
      cwd: root,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`pos status exited ${child.status}: ${child.stderr}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, how: 'pos status' };
  }
  closeRegister(openRegister(dataDir));
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, how: 'opening the store' };
}

interface Measured {
  startMs: number;
  startHow: string;
  checkoutP99: number;
  xReportMs: number;
  lookupMs: number;
  lookupP99: number;
  bytes: number;
}

/**
 * The four things a cashier waits for, on registers whose last day is still open, and their size on disk; each
 * figure taken turn about on every register, so a burst of load on the machine falls on all of them.
 */
function measure(shops: Shop[], days: Day[]): Measured[] {
  const xReport = shops.map(() => [] as number[]);
  const lookups = shops.map(() => [] as number[]);
  const starts = shops.map(() => [] as number[]);
  let how = '';
  const random = seeded(7);
  const time = (fn: () => void) => {
    const started = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  // Turn about, and which register goes first changes every time: neither always runs on a warmer machine.
  const inTurn = (k: number) => (k % 2 === 0 ? shops.map((_, s) => s) : shops.map((_, s) => s).reverse());
  for (let k = 0; k < 20; k++)
    for (const s of inTurn(k)) xReport[s]!.push(time(() => reportOfShift(shops[s]!.ctx, days[s]!.shiftId)));
  for (let k = 0; k < LOOKUPS; k++) {
    const pick = random();
    for (const s of inTurn(k)) {
      const receipts = days[s]!.receipts;
      lookups[s]!.push(time(() => findSale(shops[s]!.ctx, receipts[Math.floor(pick * receipts.length)]!)));
    }
  }
  const bytes = shops.map((shop) => fileBytes(shop.ctx));
  for (const shop of shops) closeRegister(shop.ctx);
  for (let k = 0; k < STARTS; k++)
    for (const s of inTurn(k)) {
      const run = startOnce(shops[s]!.dataDir);
      starts[s]!.push(run.ms);
      how = run.how;
    }
  for (const shop of shops) shop.ctx = openRegister(shop.dataDir);
  return shops.map((_, s) => ({
    startMs: median(starts[s]!),
    startHow: how,
    checkoutP99: percentile(days[s]!.times, 99),
    xReportMs: median(xReport[s]!),
    lookupMs: median(lookups[s]!),
    lookupP99: percentile(lookups[s]!, 99),
    bytes: bytes[s]!,
  }));
}

/**
 * A register after a year at ~820 sales a day (quick: 20k sales over 30 days, keep-days 7), every sale through the
 * till's own checkout, the outbox acknowledged and pruning run after each day as a sync round would; against a
 * fresh register with the same catalog selling its first day, in the same run.
 */
export const registerYear: Bench = async (ctx) => {
  const days = ctx.quick ? 30 : 365;
  const total = ctx.quick ? 20_000 : 300_000;
  const keepDays = ctx.quick ? 7 : 90;
  const perDay = Math.round(total / days);
  const base = await benchRegister(PRODUCTS);
  const barcodes = base.barcodes;
  const clock = installClock();
  const year = copyOf(base.dataDir, 'year');
  const fresh = copyOf(base.dataDir, 'fresh');
  const dirs = [year.dataDir, fresh.dataDir];
  try {
    for (const shop of [year, fresh]) {
      shop.cashier.id = base.cashierId;
      setKeepDays(shop.ctx, keepDays);
    }
    const emptyBytes = fileBytes(fresh.ctx);
    const start = Date.UTC(2027, 0, 1);
    const state = { version: 0 };
    const random = seeded(2027);
    const pruneMs: number[] = [];
    const heldMs: number[] = [];
    let pruned = 0;
    let yesterday: string[] = [];
    const began = performance.now();
    for (let day = 0; day < days - 1; day++) {
      const [sold] = sellDay([year], clock, start + day * DAY_MS, perDay, random, barcodes, [yesterday]);
      yesterday = sold!.receipts;
      closeShift(year.ctx, 0);
      // The evening sync round: acknowledged, pulled past, then pruned as syncOnce does.
      clock.set(start + day * DAY_MS + 21 * 3_600_000);
      acknowledge(year.ctx, state);
      // The longest stretch the event loop was held (a batch and its vacuum step): what a cashier could wait.
      const held = monitorEventLoopDelay({ resolution: 1 });
      held.enable();
      const t0 = performance.now();
      pruned += (await pruneKeptData(year.ctx.db)).sales;
      pruneMs.push(performance.now() - t0);
      held.disable();
      heldMs.push(held.max / 1e6);
      if (day % 30 === 29)
        ctx.log(
          `day ${day + 1}: ${(day + 1) * perDay} sales, ${round(fileBytes(year.ctx) / 2 ** 20, 1)} MiB, ` +
            `${round((performance.now() - began) / 1000, 0)} s`,
        );
    }
    // The last day: the year's register and a fresh one with the same catalog sell the same carts, sale by sale,
    // and stay open (the X-report is what the cashier asks for then).
    const last = sellDay([year, fresh], clock, start + (days - 1) * DAY_MS, perDay, random, barcodes, [
      yesterday,
      [],
    ]);
    const kept = retentionSummary(year.ctx.db);
    if (!currentShift(year.ctx)) throw new Error('the last day should still be open');
    const [yearFigures, freshFigures] = measure([year, fresh], last) as [Measured, Measured];

    const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
    const perSale = (yearFigures.bytes - emptyBytes) / Math.max(1, kept.salesKept);
    const sold = days * perDay;
    const within = (a: number, b: number) => a <= b * 1.2;
    const label = `${sold} sales over ${days} days, kept ${keepDays} days`;
    const results: BenchResult[] = [
      {
        name: 'register-year',
        metric: `pos.sqlite after ${label}`,
        value: mib(yearFigures.bytes),
        unit: 'MiB',
        target: '≤ 150 MiB',
        pass: yearFigures.bytes <= 150 * 2 ** 20,
        baseline: mib(freshFigures.bytes),
        notes:
          `${kept.salesKept} sales kept, ${pruned} moved off; ${round(perSale, 0)} bytes per kept sale ` +
          `(catalog of ${PRODUCTS} products: ${mib(emptyBytes)} MiB); baseline: fresh register after one day`,
      },
      {
        name: 'register-year',
        metric: `start (${yearFigures.startHow})`,
        value: yearFigures.startMs,
        unit: 'ms',
        target: '≤ 1.2× fresh',
        pass: within(yearFigures.startMs, freshFigures.startMs),
        baseline: freshFigures.startMs,
        notes: `median of ${STARTS}, taken turn about`,
      },
      {
        name: 'register-year',
        metric: 'checkout p99 (last day)',
        value: yearFigures.checkoutP99,
        unit: 'ms',
        target: '≤ 1.2× fresh',
        pass: within(yearFigures.checkoutP99, freshFigures.checkoutP99),
        baseline: freshFigures.checkoutP99,
        notes: `${perDay} sales of 1–5 lines each, synchronous=FULL`,
      },
      {
        name: 'register-year',
        metric: `X-report of a shift of ${perDay} sales`,
        value: yearFigures.xReportMs,
        unit: 'ms',
        target: '≤ 1.2× fresh',
        pass: within(yearFigures.xReportMs, freshFigures.xReportMs),
        baseline: freshFigures.xReportMs,
        notes: 'median of 20',
      },
      {
        name: 'register-year',
        metric: 'receipt lookup (median)',
        value: yearFigures.lookupMs,
        unit: 'ms',
        target: '≤ 1.2× fresh',
        pass: within(yearFigures.lookupMs, freshFigures.lookupMs),
        baseline: freshFigures.lookupMs,
        notes: `${LOOKUPS} lookups of the day’s receipts, turn about; p99 ${round(yearFigures.lookupP99, 3)} ms (fresh ${round(freshFigures.lookupP99, 3)} ms)`,
      },
      {
        name: 'register-year',
        metric: 'pruning after a day’s sync round',
        value: percentile(pruneMs, 99),
        unit: 'ms',
        target: 'information',
        pass: true,
        notes: `p99 of ${pruneMs.length} rounds, median ${round(median(pruneMs), 1)} ms, max ${round(Math.max(...pruneMs), 1)} ms; the whole round, event loop given back between batches`,
      },
      {
        name: 'register-year',
        metric: 'longest hold of the event loop while pruning',
        value: percentile(heldMs, 99),
        unit: 'ms',
        target: 'information',
        pass: true,
        notes: `p99 over the rounds of each round's longest batch (100 sales, or 500 events, and a vacuum step); median ${round(median(heldMs), 1)} ms, max ${round(Math.max(...heldMs), 1)} ms`,
      },
    ];
    return results;
  } finally {
    clock.restore();
    for (const shop of [year, fresh]) if (shop.ctx.db.open) closeRegister(shop.ctx);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
};
