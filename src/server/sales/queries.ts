import type { Knex } from 'knex';
import type { Db } from '../db/connection.js';
import { insertOrAddAll, insertRows, lockingRead } from '../db/dialect.js';

export interface SaleRow {
  tenant_id: string;
  id: string;
  store_id: string;
  device_id: string;
  shift_id: string;
  cashier_id: string;
  receipt_no: string;
  total: number;
  discount: number;
  change_due: number;
  vat: number;
  occurred_at: number;
  received_at: number;
}

export interface SaleLineRow {
  tenant_id: string;
  sale_id: string;
  line_no: number;
  product_id: string;
  name: string;
  qty: number;
  unit_price: number;
  /** Before discounts (money rule). */
  gross: number;
  discount: number;
  total: number;
  vat_rate: number;
  vat: number;
  unit: string | null;
  package_code: string | null;
  mxik: string | null;
  /** JSON array of the units' marking codes (marked goods), null when the register sent none. */
  marking_codes: string | null;
}

export interface SalePaymentRow {
  tenant_id: string;
  sale_id: string;
  line_no: number;
  method: string;
  amount: number;
  card_type: string | null;
  reference: string | null;
}

export interface RefundRow {
  tenant_id: string;
  id: string;
  store_id: string;
  device_id: string;
  sale_id: string;
  shift_id: string | null;
  cashier_id: string | null;
  refund_no: string;
  total: number;
  vat: number;
  reason: string | null;
  occurred_at: number;
  received_at: number;
}

export interface RefundLineRow {
  tenant_id: string;
  refund_id: string;
  line_no: number;
  product_id: string;
  qty: number;
  gross: number;
  discount: number;
  total: number;
  vat_rate: number;
  vat: number;
  unit: string | null;
  package_code: string | null;
  mxik: string | null;
}

export interface RefundPaymentRow {
  tenant_id: string;
  refund_id: string;
  line_no: number;
  method: string;
  amount: number;
}

export interface ShiftRow {
  tenant_id: string;
  id: string;
  store_id: string;
  device_id: string;
  cashier_id: string;
  opening_cash: number;
  opened_at: number;
  counted_cash: number | null;
  closed_at: number | null;
}

export interface CashMovementRow {
  tenant_id: string;
  id: string;
  store_id: string;
  device_id: string;
  shift_id: string;
  amount: number;
  reason: string;
  occurred_at: number;
  received_at: number;
}

export interface FiscalReceiptRow {
  tenant_id: string;
  doc_id: string;
  kind: 'sale' | 'refund';
  store_id: string;
  device_id: string;
  terminal_id: string;
  receipt_seq: number;
  date_time: string;
  fiscal_sign: string;
  qr_url: string;
  received_at: number;
}

/** Everything a batch of register events writes, as rows (stock is the stock feature's business). */
export interface EffectRows {
  sales: SaleRow[];
  saleLines: SaleLineRow[];
  salePayments: SalePaymentRow[];
  refunds: RefundRow[];
  refundLines: RefundLineRow[];
  refundPayments: RefundPaymentRow[];
  shifts: ShiftRow[];
  shiftCloses: Array<{ id: string; countedCash: number; closedAt: number }>;
  cashMovements: CashMovementRow[];
  fiscalReceipts: FiscalReceiptRow[];
}

/** Inserts in parent-before-child order; the transaction is the caller's. */
export async function insertEffects(trx: Knex, tenantId: string, rows: EffectRows): Promise<void> {
  await insertRows(trx, 'shifts', rows.shifts);
  await insertRows(trx, 'sales', rows.sales);
  await insertRows(trx, 'sale_lines', rows.saleLines);
  await insertRows(trx, 'sale_payments', rows.salePayments);
  await insertRows(trx, 'refunds', rows.refunds);
  await insertRows(trx, 'refund_lines', rows.refundLines);
  await insertRows(trx, 'refund_payments', rows.refundPayments);
  await insertRows(trx, 'cash_movements', rows.cashMovements);
  await insertRows(trx, 'fiscal_receipts', rows.fiscalReceipts);
  for (const close of rows.shiftCloses) {
    await trx('shifts')
      .where({ tenant_id: tenantId, id: close.id })
      .update({ counted_cash: close.countedCash, closed_at: close.closedAt });
  }
}

/** One register's and cashier's store day: what the day, register and cashier reports add up. */
export interface DailySalesRow {
  tenant_id: string;
  store_id: string;
  day: number;
  device_id: string;
  cashier_id: string;
  sale_count: number;
  sale_total: number;
  sale_vat: number;
  change_due: number;
  refund_count: number;
  refund_total: number;
  refund_vat: number;
}

/** One product's store day; counts are receipts holding the product, as COUNT(DISTINCT) over its lines. */
export interface DailyProductRow {
  tenant_id: string;
  store_id: string;
  day: number;
  product_id: string;
  name: string | null;
  sale_count: number;
  sale_qty: number;
  sale_total: number;
  sale_vat: number;
  refund_count: number;
  refund_qty: number;
  refund_total: number;
  refund_vat: number;
}

export interface DailyPaymentRow {
  tenant_id: string;
  store_id: string;
  day: number;
  method: string;
  paid: number;
  refunded: number;
}

export interface DailyRows {
  sales: DailySalesRow[];
  products: DailyProductRow[];
  payments: DailyPaymentRow[];
}

/** Adds a push's daily sums to the summary tables, in the push's transaction. */
export async function addDailySums(db: Db, trx: Knex, daily: DailyRows): Promise<void> {
  const documents = ['sale_count', 'sale_total', 'sale_vat', 'refund_count', 'refund_total', 'refund_vat'];
  await insertOrAddAll(
    db,
    trx,
    'daily_sales',
    daily.sales,
    ['tenant_id', 'store_id', 'day', 'device_id', 'cashier_id'],
    [...documents, 'change_due'],
  );
  await insertOrAddAll(
    db,
    trx,
    'daily_products',
    daily.products,
    ['tenant_id', 'store_id', 'day', 'product_id'],
    [...documents, 'sale_qty', 'refund_qty'],
    ['name'],
  );
  await insertOrAddAll(
    db,
    trx,
    'daily_payments',
    daily.payments,
    ['tenant_id', 'store_id', 'day', 'method'],
    ['paid', 'refunded'],
  );
}

export async function findShiftIds(
  knex: Knex,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: Array<{ id: string }> = await knex('shifts')
    .where({ tenant_id: tenantId })
    .whereIn('id', [...ids])
    .select('id');
  return new Set(rows.map((r) => r.id));
}

/** VAT rate of each product on the given sales, keyed `saleId:productId`. */
export async function saleLineRates(
  knex: Knex,
  tenantId: string,
  saleIds: readonly string[],
): Promise<Map<string, number>> {
  if (saleIds.length === 0) return new Map();
  const rows: Array<{ sale_id: string; product_id: string; vat_rate: number }> = await knex('sale_lines')
    .where({ tenant_id: tenantId })
    .whereIn('sale_id', [...saleIds])
    .select('sale_id', 'product_id', 'vat_rate');
  return new Map(rows.map((r) => [`${r.sale_id}:${r.product_id}`, r.vat_rate]));
}

export interface Sold {
  qty: number;
  total: number;
}

/** What a refund may take back from a sale: what it sold per product, and what earlier refunds returned. */
export interface RefundBasis {
  storeId: string;
  total: number;
  sold: Map<string, Sold>;
  refundedTotal: number;
  refunded: Map<string, Sold>;
}

function pool(map: Map<string, Sold>, key: string): Sold {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = { qty: 0, total: 0 }));
  return entry;
}

/**
 * Locks the rows of the given sales until the caller's transaction ends, in id order so two pushes refunding
 * the same sales never wait on each other in a circle. Only sales known to exist: a locking read of a missing
 * key would lock a gap of the index and hold up other registers' new sales. SQLite's one writer needs no lock.
 */
export async function lockSales(
  db: Db,
  trx: Knex,
  tenantId: string,
  saleIds: readonly string[],
): Promise<void> {
  if (saleIds.length === 0 || db.dialect !== 'mysql') return;
  await lockingRead(
    db,
    trx('sales')
      .where({ tenant_id: tenantId })
      .whereIn('id', [...saleIds].sort())
      .orderBy('id')
      .select('id'),
  );
}

/** The refund basis of each of the given sales that the server holds (four reads, sums in SQL). */
export async function refundBases(
  knex: Knex,
  tenantId: string,
  saleIds: readonly string[],
): Promise<Map<string, RefundBasis>> {
  if (saleIds.length === 0) return new Map();
  const ids = [...saleIds];
  type Sums = { sale_id: string; product_id: string; qty: number | string; total: number | string };
  const [sales, lines, refunds, refundLines] = await Promise.all([
    knex('sales')
      .where({ tenant_id: tenantId })
      .whereIn('id', ids)
      .select('id', 'store_id', 'total') as Promise<
      Array<{ id: string; store_id: string; total: number | string }>
    >,
    knex('sale_lines')
      .where({ tenant_id: tenantId })
      .whereIn('sale_id', ids)
      .groupBy('sale_id', 'product_id')
      .select('sale_id', 'product_id')
      .sum({ qty: 'qty', total: 'total' }) as Promise<Sums[]>,
    knex('refunds')
      .where({ tenant_id: tenantId })
      .whereIn('sale_id', ids)
      .groupBy('sale_id')
      .select('sale_id')
      .sum({ total: 'total' }) as Promise<Array<{ sale_id: string; total: number | string }>>,
    knex('refund_lines as l')
      .join('refunds as r', function () {
        this.on('r.tenant_id', '=', 'l.tenant_id').andOn('r.id', '=', 'l.refund_id');
      })
      .where('l.tenant_id', tenantId)
      .whereIn('r.sale_id', ids)
      .groupBy('r.sale_id', 'l.product_id')
      .select({ sale_id: 'r.sale_id', product_id: 'l.product_id' })
      .sum({ qty: 'l.qty', total: 'l.total' }) as Promise<Sums[]>,
  ]);
  const bases = new Map<string, RefundBasis>();
  for (const s of sales)
    bases.set(s.id, {
      storeId: s.store_id,
      total: Number(s.total),
      sold: new Map(),
      refundedTotal: 0,
      refunded: new Map(),
    });
  for (const l of lines) {
    const entry = pool(bases.get(l.sale_id)!.sold, l.product_id);
    entry.qty += Number(l.qty);
    entry.total += Number(l.total);
  }
  for (const r of refunds) {
    const basis = bases.get(r.sale_id);
    if (basis) basis.refundedTotal += Number(r.total);
  }
  for (const l of refundLines) {
    const basis = bases.get(l.sale_id);
    if (!basis) continue;
    const entry = pool(basis.refunded, l.product_id);
    entry.qty += Number(l.qty);
    entry.total += Number(l.total);
  }
  return bases;
}

/** The fiscal results of the given sales and refunds (by their ids), keyed by id. */
export async function fiscalReceiptsOf(
  knex: Knex,
  tenantId: string,
  docIds: readonly string[],
): Promise<Map<string, FiscalReceiptRow>> {
  if (docIds.length === 0) return new Map();
  const rows: FiscalReceiptRow[] = await knex('fiscal_receipts')
    .where({ tenant_id: tenantId })
    .whereIn('doc_id', [...docIds])
    .select();
  return new Map(rows.map((r) => [r.doc_id, { ...r, receipt_seq: Number(r.receipt_seq) }]));
}

/** Every sale's register and receipt number in the tenant, for the receipt-sequence check. */
export async function receiptNumbers(
  knex: Knex,
  tenantId: string,
): Promise<Array<{ device_id: string; receipt_no: string }>> {
  return knex('sales').where({ tenant_id: tenantId }).select('device_id', 'receipt_no');
}

/** A sale of one store found by its receipt number(s), with the name of the register that made it. */
export async function findStoreSales(
  knex: Knex,
  tenantId: string,
  storeId: string,
  receiptNos: readonly string[],
): Promise<Array<SaleRow & { device_name: string }>> {
  if (receiptNos.length === 0) return [];
  const rows: Array<SaleRow & { device_name: string | null }> = await knex('sales as s')
    .leftJoin('devices as d', (j) => j.on('d.tenant_id', 's.tenant_id').andOn('d.id', 's.device_id'))
    .where({ 's.tenant_id': tenantId, 's.store_id': storeId })
    .whereIn('s.receipt_no', [...receiptNos])
    .select('s.*', { device_name: 'd.name' })
    .orderBy('s.occurred_at', 'desc')
    .limit(10);
  return rows.map((r) => ({ ...r, device_name: r.device_name ?? r.device_id }));
}

/** A store's registers, revoked ones too (their receipts still exist), with their last status report. */
export async function storeDevices(
  knex: Knex,
  tenantId: string,
  storeId: string,
): Promise<Array<{ name: string; status_report: string | null }>> {
  return knex('devices')
    .where({ tenant_id: tenantId, store_id: storeId })
    .orderBy('name')
    .select('name', 'status_report');
}

/** A sale's stored lines and payments, in their order. */
export async function saleLinesAndPayments(
  knex: Knex,
  tenantId: string,
  saleId: string,
): Promise<{ lines: SaleLineRow[]; payments: SalePaymentRow[] }> {
  const [lines, payments] = await Promise.all([
    knex<SaleLineRow>('sale_lines').where({ tenant_id: tenantId, sale_id: saleId }).orderBy('line_no'),
    knex<SalePaymentRow>('sale_payments').where({ tenant_id: tenantId, sale_id: saleId }).orderBy('line_no'),
  ]);
  return { lines, payments };
}

export interface RefundOfSale {
  refund: RefundRow & { device_name: string };
  lines: RefundLineRow[];
  payments: RefundPaymentRow[];
}

/** Every refund of a sale the server holds, from any register, oldest first, with its lines and payments. */
export async function refundsOfSale(knex: Knex, tenantId: string, saleId: string): Promise<RefundOfSale[]> {
  const refunds: Array<RefundRow & { device_name: string | null }> = await knex('refunds as r')
    .leftJoin('devices as d', (j) => j.on('d.tenant_id', 'r.tenant_id').andOn('d.id', 'r.device_id'))
    .where({ 'r.tenant_id': tenantId, 'r.sale_id': saleId })
    .select('r.*', { device_name: 'd.name' })
    .orderBy([{ column: 'r.occurred_at' }, { column: 'r.id' }]);
  if (refunds.length === 0) return [];
  const ids = refunds.map((r) => r.id);
  const [lines, payments] = await Promise.all([
    knex<RefundLineRow>('refund_lines')
      .where({ tenant_id: tenantId })
      .whereIn('refund_id', ids)
      .orderBy(['refund_id', 'line_no']),
    knex<RefundPaymentRow>('refund_payments')
      .where({ tenant_id: tenantId })
      .whereIn('refund_id', ids)
      .orderBy(['refund_id', 'line_no']),
  ]);
  return refunds.map((r) => ({
    refund: { ...r, device_name: r.device_name ?? r.device_id },
    lines: lines.filter((l) => l.refund_id === r.id),
    payments: payments.filter((p) => p.refund_id === r.id),
  }));
}
