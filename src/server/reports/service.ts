import type {
  ReceiptsReportQuery,
  ReceiptsReportResponse,
  SalesReportQuery,
  SalesReportResponse,
  SalesReportRow,
  ShiftsReportResponse,
  StockReportResponse,
} from '../../common/protocol/reports.js';
import { dayNumberToDate, STORE_DAY_MS, toIso } from '../../common/time.js';
import { periodOf } from './period.js';
import type { TenantContext } from '../context.js';
import { tenantStoreIds } from '../tenants/service.js';
import {
  receiptFigures,
  receiptsWithFiscal,
  shiftMethodSums,
  shiftMoney,
  shiftsOpenedIn,
  stockWithProducts,
  summaryFigures,
  type GroupFigures,
} from './queries.js';

function labelOf(group: SalesReportQuery['groupBy'], key: string, label: string | null): string {
  if (group === 'day') return dayNumberToDate(Number(key));
  return label ?? key;
}

/**
 * Sales and refunds of the period side by side: refunds count on the day (register, cashier) they were paid back,
 * so a day's net is what the drawer and the bank really saw that day.
 */
export async function salesReport(ctx: TenantContext, query: SalesReportQuery): Promise<SalesReportResponse> {
  const { period, from, to } = periodOf(
    ctx.tenantId,
    await tenantStoreIds(ctx.db.knex, ctx.tenantId),
    query.from,
    query.to,
  );
  const byCashier = query.groupBy === 'cashier';
  // One day reads the receipts themselves (a range of the store index); longer ranges the daily summary. Each is
  // one statement (with the cashiers' voids and cancels when grouped by cashier): one round trip.
  const summary = period.toMs - period.fromMs > STORE_DAY_MS;
  const { sales, refunds, payments, receipts, losses } = await (summary ? summaryFigures : receiptFigures)(
    ctx.db,
    period,
    query.groupBy,
  );
  const rows = new Map<string, SalesReportRow>();
  const rowFor = (f: GroupFigures): SalesReportRow => {
    let row = rows.get(f.key);
    if (!row) {
      row = {
        key: f.key,
        label: labelOf(query.groupBy, f.key, f.label),
        count: 0,
        sales: 0,
        refunds: 0,
        net: 0,
        vat: 0,
      };
      if (query.groupBy === 'product') row.qty = 0;
      if (byCashier) Object.assign(row, { voids: 0, cancels: 0, refundCount: 0 });
      rows.set(f.key, row);
    }
    if (f.label && row.label === f.key) row.label = f.label;
    return row;
  };
  for (const f of sales) {
    const row = rowFor(f);
    row.count += f.count;
    row.sales += f.amount;
    row.vat += f.vat;
    if (row.qty !== undefined) row.qty += f.qty;
  }
  for (const f of refunds) {
    const row = rowFor(f);
    row.refunds += f.amount;
    row.vat -= f.vat;
    if (row.refundCount !== undefined) row.refundCount += f.count;
    if (row.qty !== undefined) row.qty -= f.qty;
  }
  // A cashier who only voided or cancelled in the period still gets a row: that is the one the owner looks for.
  for (const [cashierId, counts] of losses) {
    const row = rowFor({ key: cashierId, label: counts.name, count: 0, amount: 0, vat: 0, qty: 0 });
    row.voids = counts.voids;
    row.cancels = counts.cancels;
  }
  const list = [...rows.values()];
  for (const row of list) row.net = row.sales - row.refunds;
  if (query.groupBy === 'day') {
    for (const row of list) row.key = row.label;
    list.sort((a, b) => a.key.localeCompare(b.key));
  } else list.sort((a, b) => b.net - a.net || a.label.localeCompare(b.label));

  // Totals count receipts, not product rows (a receipt with three products is one sale).
  const totals = {
    count: receipts,
    sales: list.reduce((sum, r) => sum + r.sales, 0),
    refunds: list.reduce((sum, r) => sum + r.refunds, 0),
    net: 0,
    vat: list.reduce((sum, r) => sum + r.vat, 0),
  };
  totals.net = totals.sales - totals.refunds;
  const method = (name: string) =>
    (payments.salesByMethod.get(name) ?? 0) - (payments.refundsByMethod.get(name) ?? 0);
  return {
    from,
    to,
    groupBy: query.groupBy,
    rows: list,
    totals,
    payments: { cash: method('cash') - payments.changeGiven, card: method('card'), qr: method('qr') },
  };
}

/** Z-reports: the drawer should hold opening cash + cash taken − change − cash refunds ± cash moved. */
export async function shiftsReport(
  ctx: TenantContext,
  query: { from?: string; to?: string },
): Promise<ShiftsReportResponse> {
  const { period, from, to } = periodOf(
    ctx.tenantId,
    await tenantStoreIds(ctx.db.knex, ctx.tenantId),
    query.from,
    query.to,
  );
  const shifts = await shiftsOpenedIn(ctx.db, period);
  const ids = shifts.map((s) => s.id);
  const [money, methods] = await Promise.all([
    shiftMoney(ctx.db, ctx.tenantId, ids),
    shiftMethodSums(ctx.db, ctx.tenantId, ids),
  ]);
  return {
    from,
    to,
    shifts: shifts.map((s) => {
      const m = money.get(s.id) ?? {
        salesCount: 0,
        sales: 0,
        cashIn: 0,
        changeGiven: 0,
        refunds: 0,
        cashRefunds: 0,
        cashMoved: 0,
      };
      const cashSales = m.cashIn - m.changeGiven;
      const expectedCash = s.opening_cash + cashSales - m.cashRefunds + m.cashMoved;
      const sums = methods.get(s.id);
      const net = (method: string) => (sums?.paid.get(method) ?? 0) - (sums?.refunded.get(method) ?? 0);
      return {
        id: s.id,
        device: s.device ?? '',
        cashier: s.cashier ?? '',
        openedAt: toIso(s.opened_at)!,
        closedAt: toIso(s.closed_at),
        openingCash: s.opening_cash,
        cashSales,
        cashRefunds: m.cashRefunds,
        cashMoved: m.cashMoved,
        expectedCash,
        countedCash: s.counted_cash,
        difference: s.counted_cash === null ? null : s.counted_cash - expectedCash,
        salesCount: m.salesCount,
        sales: m.sales,
        refunds: m.refunds,
        payments: { cash: cashSales - m.cashRefunds, card: net('card'), qr: net('qr') },
      };
    }),
  };
}

export async function bestSellers(
  ctx: TenantContext,
  query: { from?: string; to?: string; limit: number },
): Promise<SalesReportResponse> {
  const report = await salesReport(ctx, { from: query.from, to: query.to, groupBy: 'product' });
  return { ...report, rows: report.rows.slice(0, query.limit) };
}

export async function stockReport(
  ctx: TenantContext,
  query: { lowBelow: number },
): Promise<StockReportResponse> {
  const levels = (await stockWithProducts(ctx.db.knex, ctx.tenantId)).map((l) => ({
    ...l,
    negative: l.level < 0,
    low: l.level >= 0 && l.level < query.lowBelow,
  }));
  // Problems first: negative, then low, then the rest by name.
  levels.sort(
    (a, b) =>
      Number(b.negative) - Number(a.negative) ||
      Number(b.low) - Number(a.low) ||
      a.name.localeCompare(b.name),
  );
  return {
    levels,
    negativeCount: levels.filter((l) => l.negative).length,
    lowCount: levels.filter((l) => l.low).length,
  };
}

/** Receipts with their fiscal result: the owner checks what the FM signed; another register quotes it. */
export async function receiptsReport(
  ctx: TenantContext,
  query: ReceiptsReportQuery,
): Promise<ReceiptsReportResponse> {
  const { period, from, to } = periodOf(
    ctx.tenantId,
    await tenantStoreIds(ctx.db.knex, ctx.tenantId),
    query.from,
    query.to,
  );
  const rows = await receiptsWithFiscal(ctx.db, period, { receiptNo: query.receiptNo, limit: query.limit });
  return {
    from,
    to,
    receipts: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      number: row.number,
      device: row.device ?? '',
      occurredAt: toIso(row.occurred_at)!,
      total: row.total,
      fiscal:
        row.terminal_id === null
          ? null
          : {
              terminalId: row.terminal_id,
              receiptSeq: row.receipt_seq!,
              dateTime: row.date_time!,
              fiscalSign: row.fiscal_sign!,
              qrUrl: row.qr_url!,
            },
    })),
  };
}
