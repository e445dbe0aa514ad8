import type { Knex } from 'knex';
import { STORE_UTC_OFFSET_MS, storeDayNumber } from '../../common/time.js';
import type { Db } from '../db/connection.js';
import { epochDay } from '../db/dialect.js';

/** A tenant's half-open time range [fromMs, toMs) over its stores. */
export interface Period {
  tenantId: string;
  /**
   * Every store of the tenant, named so the range is read from the `(tenant_id, store_id, occurred_at)` index:
   * with `tenant_id` alone MariaDB walks the tenant's whole history for one day.
   */
  storeIds: string[];
  fromMs: number;
  toMs: number;
}

export type Group = 'day' | 'device' | 'cashier' | 'product';

export interface GroupFigures {
  key: string;
  label: string | null;
  count: number;
  amount: number;
  vat: number;
  qty: number;
}

// MySQL returns SUM() of BIGINT as DECIMAL, which the driver hands over as a string.
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

function toFigures(rows: Array<Record<string, unknown>>): GroupFigures[] {
  return rows.map((row) => ({
    key: String(row.group_key ?? ''),
    label: row.label === null || row.label === undefined ? null : String(row.label),
    count: num(row.count),
    amount: num(row.amount),
    vat: num(row.vat),
    qty: num(row.qty),
  }));
}

function inPeriod<T extends object>(
  query: Knex.QueryBuilder<T>,
  alias: string,
  p: Period,
): Knex.QueryBuilder<T> {
  return query
    .where(`${alias}.tenant_id`, p.tenantId)
    .whereIn(`${alias}.store_id`, p.storeIds)
    .andWhere(`${alias}.occurred_at`, '>=', p.fromMs)
    .andWhere(`${alias}.occurred_at`, '<', p.toMs);
}

export interface PaymentFigures {
  salesByMethod: Map<string, number>;
  refundsByMethod: Map<string, number>;
  changeGiven: number;
}

/** Everything a sales report adds up for its period. */
export interface ReportFigures {
  sales: GroupFigures[];
  refunds: GroupFigures[];
  payments: PaymentFigures;
  /** Sales receipts in the period (a receipt with three products is one). */
  receipts: number;
  /** By cashier (asked for the cashier grouping only): lines voided and sales cancelled, with the name. */
  losses: Map<string, LossCounts>;
}

export interface LossCounts {
  name: string | null;
  voids: number;
  cancels: number;
}

/**
 * The parts of a report's one statement, each selecting the same columns in the same order:
 * part, group_key, label, count, amount, vat, qty, change_due.
 */
type Part = 'sale' | 'refund' | 'receipts' | 'paid' | 'refunded' | 'voids' | 'cancels';

const partOf = (knex: Knex, part: Part) => knex.raw(`'${part}' as part`);

/**
 * Reads the parts of one statement (UNION ALL): the report waits for one round trip, not five, and the database
 * runs each part from its own index range. A sale part grouped by receipt (not product) also carries the receipts
 * and the change given, so the receipts are read once.
 */
async function figuresOf(db: Db, parts: Knex.QueryBuilder[], group: Group): Promise<ReportFigures> {
  const rows: Array<Record<string, unknown>> = await db.knex.queryBuilder().unionAll(parts);
  const byPart = (part: Part) => rows.filter((row) => row.part === part);
  const sales = toFigures(byPart('sale'));
  const method = (part: Part) =>
    new Map(byPart(part).map((row): [string, number] => [String(row.group_key), num(row.amount)]));
  const totals = group === 'product' ? byPart('receipts') : byPart('sale');
  const losses = new Map<string, LossCounts>();
  for (const part of ['voids', 'cancels'] as const)
    for (const f of toFigures(byPart(part))) {
      const entry = losses.get(f.key) ?? { name: f.label, voids: 0, cancels: 0 };
      entry[part] += f.count;
      losses.set(f.key, entry);
    }
  return {
    losses,
    sales,
    refunds: toFigures(byPart('refund')),
    payments: {
      salesByMethod: method('paid'),
      refundsByMethod: method('refunded'),
      changeGiven: totals.reduce((sum, row) => sum + num(row.change_due), 0),
    },
    receipts: totals.reduce((sum, row) => sum + num(row.count), 0),
  };
}

/**
 * Voids and cancels per cashier in the period, from the audit trail. A parked sale that was abandoned is a cancel
 * the owner must see too; refunds are counted from the refunds themselves, not from their audit entries.
 */
function lossParts(knex: Knex, p: Period): Knex.QueryBuilder[] {
  const kinds: Array<[Part, string[]]> = [
    ['voids', ['line.voided']],
    ['cancels', ['sale.cancelled', 'sale.abandoned']],
  ];
  return kinds.map(([part, names]) => {
    const a = `a_${part}`;
    const u = `u_${part}`;
    return knex(`audit_events as ${a}`)
      .leftJoin(`users as ${u}`, (j) =>
        j.on(`${u}.tenant_id`, `${a}.tenant_id`).andOn(`${u}.id`, `${a}.cashier_id`),
      )
      .where(`${a}.tenant_id`, p.tenantId)
      .andWhere(`${a}.occurred_at`, '>=', p.fromMs)
      .andWhere(`${a}.occurred_at`, '<', p.toMs)
      .whereIn(`${a}.kind`, names)
      .whereNotNull(`${a}.cashier_id`)
      .groupBy(`${a}.cashier_id`, `${u}.name`)
      .select(
        partOf(knex, part),
        `${a}.cashier_id as group_key`,
        `${u}.name as label`,
        knex.raw('COUNT(*) as count'),
        knex.raw('0 as amount'),
        knex.raw('0 as vat'),
        knex.raw('0 as qty'),
        knex.raw('0 as change_due'),
      );
  });
}

/**
 * A period's figures from the receipts themselves, each part read from the `(tenant_id, store_id, occurred_at)`
 * range of sales or refunds (payments and lines by primary key from there). Sales count per group with their gross
 * and VAT; refunds by the day, register and cashier they were made on (not those of the sale).
 */
export async function receiptFigures(db: Db, p: Period, group: Group): Promise<ReportFigures> {
  const knex = db.knex;
  const zero = knex.raw('0 as qty');
  const parts: Knex.QueryBuilder[] = [];
  if (group === 'product') {
    parts.push(
      inPeriod(
        knex('sales as s').join('sale_lines as sl', (j) =>
          j.on('sl.tenant_id', 's.tenant_id').andOn('sl.sale_id', 's.id'),
        ),
        's',
        p,
      )
        .groupBy('sl.product_id')
        .select(
          partOf(knex, 'sale'),
          'sl.product_id as group_key',
          knex.raw('MAX(sl.name) as label'),
          knex.raw('COUNT(DISTINCT sl.sale_id) as count'),
          knex.raw('SUM(sl.total) as amount'),
          knex.raw('SUM(sl.vat) as vat'),
          knex.raw('SUM(sl.qty) as qty'),
          knex.raw('0 as change_due'),
        ),
      inPeriod(
        knex('refunds as r').join('refund_lines as rl', (j) =>
          j.on('rl.tenant_id', 'r.tenant_id').andOn('rl.refund_id', 'r.id'),
        ),
        'r',
        p,
      )
        .groupBy('rl.product_id')
        .select(
          partOf(knex, 'refund'),
          'rl.product_id as group_key',
          knex.raw('NULL as label'),
          knex.raw('COUNT(DISTINCT rl.refund_id) as count'),
          knex.raw('SUM(rl.total) as amount'),
          knex.raw('SUM(rl.vat) as vat'),
          knex.raw('SUM(rl.qty) as qty'),
          knex.raw('0 as change_due'),
        ),
      inPeriod(knex('sales as s'), 's', p).select(
        partOf(knex, 'receipts'),
        knex.raw('NULL as group_key'),
        knex.raw('NULL as label'),
        knex.raw('COUNT(*) as count'),
        knex.raw('0 as amount'),
        knex.raw('0 as vat'),
        zero,
        knex.raw('SUM(s.change_due) as change_due'),
      ),
    );
  } else {
    parts.push(
      groupedDocuments(db, inPeriod(knex('sales as s'), 's', p), 's', group, [
        partOf(knex, 'sale'),
        knex.raw('SUM(s.change_due) as change_due'),
      ]),
      groupedDocuments(db, inPeriod(knex('refunds as r'), 'r', p), 'r', group, [
        partOf(knex, 'refund'),
        knex.raw('0 as change_due'),
      ]),
    );
  }
  // From the documents in range to their payments (primary-key lookups), never the other way round.
  const byMethod = (part: Part, documents: string, alias: string, payments: string, key: string) =>
    inPeriod(
      knex(`${documents} as ${alias}`).join(`${payments} as pay_${alias}`, (j) =>
        j.on(`pay_${alias}.tenant_id`, `${alias}.tenant_id`).andOn(`pay_${alias}.${key}`, `${alias}.id`),
      ),
      alias,
      p,
    )
      .groupBy(`pay_${alias}.method`)
      .select(
        partOf(knex, part),
        `pay_${alias}.method as group_key`,
        knex.raw('NULL as label'),
        knex.raw('COUNT(*) as count'),
        knex.raw(`SUM(pay_${alias}.amount) as amount`),
        knex.raw('0 as vat'),
        zero,
        knex.raw('0 as change_due'),
      );
  parts.push(
    byMethod('paid', 'sales', 's', 'sale_payments', 'sale_id'),
    byMethod('refunded', 'refunds', 'r', 'refund_payments', 'refund_id'),
  );
  if (group === 'cashier') parts.push(...lossParts(knex, p));
  return figuresOf(db, parts, group);
}

/** Receipts grouped by day, register or cashier: `first` (the part) and `last` (the change) around the sums. */
function groupedDocuments(
  db: Db,
  base: Knex.QueryBuilder,
  alias: string,
  group: Exclude<Group, 'product'>,
  [first, last]: [Knex.Raw, Knex.Raw],
): Knex.QueryBuilder {
  const knex = db.knex;
  const sums = [
    knex.raw('COUNT(*) as count'),
    knex.raw(`SUM(${alias}.total) as amount`),
    knex.raw(`SUM(${alias}.vat) as vat`),
    knex.raw('0 as qty'),
    last,
  ];
  if (group === 'day') {
    const day = epochDay(db, knex, `${alias}.occurred_at`, STORE_UTC_OFFSET_MS);
    return base
      .groupByRaw(day.toSQL().sql, day.toSQL().bindings)
      .select(first, knex.raw(`${day.toQuery()} as group_key`), knex.raw('NULL as label'), ...sums);
  }
  const [table, column, named] =
    group === 'device' ? ['devices', 'device_id', `d_${alias}`] : ['users', 'cashier_id', `u_${alias}`];
  // Grouped first, then named: a few name lookups per register or cashier, not one per receipt.
  const grouped = base
    .groupBy(`${alias}.tenant_id`, `${alias}.${column}`)
    .select(`${alias}.tenant_id as tenant_id`, `${alias}.${column} as group_key`, ...sums);
  const g = `g_${alias}`;
  return knex
    .from(grouped.as(g))
    .leftJoin(`${table} as ${named}`, (j) =>
      j.on(`${named}.tenant_id`, `${g}.tenant_id`).andOn(`${named}.id`, `${g}.group_key`),
    )
    .select(
      first,
      `${g}.group_key`,
      `${named}.name as label`,
      `${g}.count`,
      `${g}.amount`,
      `${g}.vat`,
      `${g}.qty`,
      `${g}.change_due`,
    );
}

/** The store days a whole-day period covers, for the daily summary tables. */
function summaryDays<T extends object>(query: Knex.QueryBuilder<T>, alias: string, p: Period) {
  return query
    .where(`${alias}.tenant_id`, p.tenantId)
    .whereIn(`${alias}.store_id`, p.storeIds)
    .andWhere(`${alias}.day`, '>=', storeDayNumber(p.fromMs))
    .andWhere(`${alias}.day`, '<=', storeDayNumber(p.toMs - 1));
}

/**
 * The same figures as `receiptFigures`, read from the daily summary in one statement: a year costs about
 * 365 × (registers × cashiers, or products) rows whatever the number of receipts. The period must be whole days.
 */
export async function summaryFigures(db: Db, p: Period, group: Group): Promise<ReportFigures> {
  const knex = db.knex;
  const parts: Knex.QueryBuilder[] = [];
  for (const kind of ['sale', 'refund'] as const) {
    const count = `${kind}_count`;
    const alias = `${kind[0]}${group === 'product' ? 'p' : 's'}`;
    if (group === 'product') {
      parts.push(
        summaryDays(knex(`daily_products as ${alias}`), alias, p)
          .andWhere(`${alias}.${count}`, '>', 0)
          .groupBy(`${alias}.product_id`)
          .select(
            partOf(knex, kind),
            `${alias}.product_id as group_key`,
            kind === 'sale' ? knex.raw(`MAX(${alias}.name) as label`) : knex.raw('NULL as label'),
            knex.raw(`SUM(${alias}.${count}) as count`),
            knex.raw(`SUM(${alias}.${kind}_total) as amount`),
            knex.raw(`SUM(${alias}.${kind}_vat) as vat`),
            knex.raw(`SUM(${alias}.${kind}_qty) as qty`),
            knex.raw('0 as change_due'),
          ),
      );
      continue;
    }
    const base = summaryDays(knex(`daily_sales as ${alias}`), alias, p).andWhere(`${alias}.${count}`, '>', 0);
    const sums = [
      knex.raw(`SUM(${alias}.${count}) as count`),
      knex.raw(`SUM(${alias}.${kind}_total) as amount`),
      knex.raw(`SUM(${alias}.${kind}_vat) as vat`),
      knex.raw('0 as qty'),
      knex.raw(kind === 'sale' ? `SUM(${alias}.change_due) as change_due` : '0 as change_due'),
    ];
    if (group === 'day') {
      parts.push(
        base
          .groupBy(`${alias}.day`)
          .select(partOf(knex, kind), `${alias}.day as group_key`, knex.raw('NULL as label'), ...sums),
      );
      continue;
    }
    const [table, column, named] =
      group === 'device' ? ['devices', 'device_id', `d_${alias}`] : ['users', 'cashier_id', `u_${alias}`];
    parts.push(
      base
        .leftJoin(`${table} as ${named}`, (j) =>
          j.on(`${named}.tenant_id`, `${alias}.tenant_id`).andOn(`${named}.id`, `${alias}.${column}`),
        )
        .groupBy(`${alias}.${column}`, `${named}.name`)
        .select(partOf(knex, kind), `${alias}.${column} as group_key`, `${named}.name as label`, ...sums),
    );
  }
  if (group === 'product')
    parts.push(
      summaryDays(knex('daily_sales as ds'), 'ds', p).select(
        partOf(knex, 'receipts'),
        knex.raw('NULL as group_key'),
        knex.raw('NULL as label'),
        knex.raw('SUM(ds.sale_count) as count'),
        knex.raw('0 as amount'),
        knex.raw('0 as vat'),
        knex.raw('0 as qty'),
        knex.raw('SUM(ds.change_due) as change_due'),
      ),
    );
  for (const kind of ['paid', 'refunded'] as const)
    parts.push(
      summaryDays(knex(`daily_payments as ${kind}`), kind, p)
        .groupBy(`${kind}.method`)
        .select(
          partOf(knex, kind),
          `${kind}.method as group_key`,
          knex.raw('NULL as label'),
          knex.raw('0 as count'),
          knex.raw(`SUM(${kind}.${kind}) as amount`),
          knex.raw('0 as vat'),
          knex.raw('0 as qty'),
          knex.raw('0 as change_due'),
        ),
    );
  if (group === 'cashier') parts.push(...lossParts(knex, p));
  return figuresOf(db, parts, group);
}

export interface ShiftRow {
  id: string;
  device: string | null;
  cashier: string | null;
  opened_at: number;
  closed_at: number | null;
  opening_cash: number;
  counted_cash: number | null;
}

export async function shiftsOpenedIn(db: Db, p: Period): Promise<ShiftRow[]> {
  const knex = db.knex;
  const rows = await knex('shifts as sh')
    .leftJoin('devices as d', (j) => j.on('d.tenant_id', 'sh.tenant_id').andOn('d.id', 'sh.device_id'))
    .leftJoin('users as u', (j) => j.on('u.tenant_id', 'sh.tenant_id').andOn('u.id', 'sh.cashier_id'))
    .where('sh.tenant_id', p.tenantId)
    .whereIn('sh.store_id', p.storeIds)
    .andWhere('sh.opened_at', '>=', p.fromMs)
    .andWhere('sh.opened_at', '<', p.toMs)
    .orderBy('sh.opened_at', 'asc')
    .select(
      'sh.id',
      'd.name as device',
      'u.name as cashier',
      'sh.opened_at',
      'sh.closed_at',
      'sh.opening_cash',
      'sh.counted_cash',
    );
  return rows.map((row: Record<string, unknown>) => ({
    id: String(row.id),
    device: (row.device as string | null) ?? null,
    cashier: (row.cashier as string | null) ?? null,
    opened_at: num(row.opened_at),
    closed_at: row.closed_at === null ? null : num(row.closed_at),
    opening_cash: num(row.opening_cash),
    counted_cash: row.counted_cash === null ? null : num(row.counted_cash),
  }));
}

export interface ShiftMoney {
  salesCount: number;
  sales: number;
  cashIn: number;
  changeGiven: number;
  refunds: number;
  cashRefunds: number;
  cashMoved: number;
}

/** Money per shift for the Z-report: what the drawer should hold. */
export async function shiftMoney(
  db: Db,
  tenantId: string,
  shiftIds: string[],
): Promise<Map<string, ShiftMoney>> {
  const knex = db.knex;
  const result = new Map<string, ShiftMoney>();
  const entry = (id: string): ShiftMoney => {
    let e = result.get(id);
    if (!e) {
      e = { salesCount: 0, sales: 0, cashIn: 0, changeGiven: 0, refunds: 0, cashRefunds: 0, cashMoved: 0 };
      result.set(id, e);
    }
    return e;
  };
  for (let i = 0; i < shiftIds.length; i += 500) {
    const ids = shiftIds.slice(i, i + 500);
    const sales = await knex('sales')
      .where('tenant_id', tenantId)
      .whereIn('shift_id', ids)
      .groupBy('shift_id')
      .select(
        'shift_id',
        knex.raw('COUNT(*) as count'),
        knex.raw('SUM(total) as total'),
        knex.raw('SUM(change_due) as change_due'),
      );
    for (const row of sales)
      Object.assign(entry(row.shift_id), {
        salesCount: num(row.count),
        sales: num(row.total),
        changeGiven: num(row.change_due),
      });
    // The cash that went in or out of the drawer, each as one grouped SUM per shift.
    const cashOf = (payments: string, documents: string, documentKey: string) =>
      knex(`${payments} as pay`)
        .join(`${documents} as doc`, (j) =>
          j.on('doc.tenant_id', 'pay.tenant_id').andOn('doc.id', `pay.${documentKey}`),
        )
        .where('doc.tenant_id', tenantId)
        .whereIn('doc.shift_id', ids)
        .andWhere('pay.method', 'cash')
        .groupBy('doc.shift_id')
        .select('doc.shift_id as shift_id', knex.raw('SUM(pay.amount) as amount'));
    const totalOf = (table: string, column: string) =>
      knex(table)
        .where('tenant_id', tenantId)
        .whereIn('shift_id', ids)
        .groupBy('shift_id')
        .select('shift_id', knex.raw(`SUM(${column}) as amount`));
    const sums: Array<
      [Exclude<keyof ShiftMoney, 'salesCount' | 'sales' | 'changeGiven'>, Knex.QueryBuilder]
    > = [
      ['cashIn', cashOf('sale_payments', 'sales', 'sale_id')],
      ['refunds', totalOf('refunds', 'total')],
      ['cashRefunds', cashOf('refund_payments', 'refunds', 'refund_id')],
      ['cashMoved', totalOf('cash_movements', 'amount')],
    ];
    for (const [field, query] of sums) {
      for (const row of await query) entry(row.shift_id)[field] = num(row.amount);
    }
  }
  return result;
}

/** What each shift took and paid back per payment method (before change), for the Z-report's method lines. */
export async function shiftMethodSums(
  db: Db,
  tenantId: string,
  shiftIds: string[],
): Promise<Map<string, { paid: Map<string, number>; refunded: Map<string, number> }>> {
  const knex = db.knex;
  const result = new Map<string, { paid: Map<string, number>; refunded: Map<string, number> }>();
  const entry = (id: string) => {
    let e = result.get(id);
    if (!e) {
      e = { paid: new Map(), refunded: new Map() };
      result.set(id, e);
    }
    return e;
  };
  const byMethod = (payments: string, documents: string, documentKey: string, ids: string[]) =>
    knex(`${payments} as pay`)
      .join(`${documents} as doc`, (j) =>
        j.on('doc.tenant_id', 'pay.tenant_id').andOn('doc.id', `pay.${documentKey}`),
      )
      .where('doc.tenant_id', tenantId)
      .whereIn('doc.shift_id', ids)
      .groupBy('doc.shift_id', 'pay.method')
      .select('doc.shift_id as shift_id', 'pay.method as method', knex.raw('SUM(pay.amount) as amount'));
  for (let i = 0; i < shiftIds.length; i += 500) {
    const ids = shiftIds.slice(i, i + 500);
    for (const row of await byMethod('sale_payments', 'sales', 'sale_id', ids))
      entry(row.shift_id).paid.set(String(row.method), num(row.amount));
    for (const row of await byMethod('refund_payments', 'refunds', 'refund_id', ids))
      entry(row.shift_id).refunded.set(String(row.method), num(row.amount));
  }
  return result;
}

export async function stockWithProducts(
  knex: Knex,
  tenantId: string,
): Promise<Array<{ productId: string; sku: string; name: string; unit: string; level: number }>> {
  const rows = await knex('products as p')
    .leftJoin('stock_levels as sl', (j) => j.on('sl.tenant_id', 'p.tenant_id').andOn('sl.product_id', 'p.id'))
    .where('p.tenant_id', tenantId)
    .andWhere('p.active', true)
    .groupBy('p.id', 'p.sku', 'p.name', 'p.unit')
    .orderBy('p.name', 'asc')
    .select('p.id', 'p.sku', 'p.name', 'p.unit', knex.raw('COALESCE(SUM(sl.level), 0) as level'));
  return rows.map((row: Record<string, unknown>) => ({
    productId: String(row.id),
    sku: String(row.sku),
    name: String(row.name),
    unit: String(row.unit),
    level: num(row.level),
  }));
}

export interface AuditFilter {
  tenantId: string;
  fromMs: number;
  toMs: number;
  deviceId?: string;
  cashierId?: string;
  kind?: string;
  /** Resume after this row (newest first): strictly older, or as old with a smaller id. */
  after?: { occurredAt: number; id: string };
  limit: number;
}

export interface AuditListRow {
  id: string;
  device_id: string;
  kind: string;
  shift_id: string | null;
  cashier_id: string | null;
  approved_by: string | null;
  sale_id: string | null;
  amount: number | string | null;
  reason: string | null;
  detail: string;
  occurred_at: number | string;
  received_at: number | string;
  device_name: string | null;
  cashier_name: string | null;
  approver_name: string | null;
}

/** Newest first, one page; the filters ride on the indexes led by tenant_id and ending in (occurred_at, id). */
export async function listAuditEvents(knex: Knex, f: AuditFilter): Promise<AuditListRow[]> {
  const query = knex('audit_events as a')
    .leftJoin('devices as d', (j) => j.on('d.tenant_id', 'a.tenant_id').andOn('d.id', 'a.device_id'))
    .leftJoin('users as c', (j) => j.on('c.tenant_id', 'a.tenant_id').andOn('c.id', 'a.cashier_id'))
    .leftJoin('users as s', (j) => j.on('s.tenant_id', 'a.tenant_id').andOn('s.id', 'a.approved_by'))
    .where('a.tenant_id', f.tenantId)
    .andWhere('a.occurred_at', '>=', f.fromMs)
    .andWhere('a.occurred_at', '<', f.toMs);
  if (f.deviceId) query.andWhere('a.device_id', f.deviceId);
  if (f.cashierId) query.andWhere('a.cashier_id', f.cashierId);
  if (f.kind) query.andWhere('a.kind', f.kind);
  const after = f.after;
  if (after)
    query.andWhere((w) =>
      w
        .where('a.occurred_at', '<', after.occurredAt)
        .orWhere((same) => same.where('a.occurred_at', after.occurredAt).andWhere('a.id', '<', after.id)),
    );
  return query
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit)
    .select('a.*', 'd.name as device_name', 'c.name as cashier_name', 's.name as approver_name');
}

export interface ReceiptListRow {
  id: string;
  kind: 'sale' | 'refund';
  number: string;
  device: string | null;
  occurred_at: number;
  total: number;
  terminal_id: string | null;
  receipt_seq: number | null;
  date_time: string | null;
  fiscal_sign: string | null;
  qr_url: string | null;
}

/** Sales and refunds with their fiscal result, newest first: of a period, or the one numbered `receiptNo`. */
export async function receiptsWithFiscal(
  db: Db,
  p: Period,
  options: { receiptNo?: string; limit: number },
): Promise<ReceiptListRow[]> {
  const knex = db.knex;
  const list = (table: 'sales' | 'refunds', numberColumn: string, kind: 'sale' | 'refund') => {
    const query = knex(`${table} as x`)
      .leftJoin('devices as d', (j) => j.on('d.tenant_id', 'x.tenant_id').andOn('d.id', 'x.device_id'))
      .leftJoin('fiscal_receipts as f', (j) => j.on('f.tenant_id', 'x.tenant_id').andOn('f.doc_id', 'x.id'))
      .where('x.tenant_id', p.tenantId);
    if (options.receiptNo) query.andWhere(`x.${numberColumn}`, options.receiptNo);
    else
      query
        .whereIn('x.store_id', p.storeIds)
        .andWhere('x.occurred_at', '>=', p.fromMs)
        .andWhere('x.occurred_at', '<', p.toMs);
    return query
      .orderBy('x.occurred_at', 'desc')
      .limit(options.limit)
      .select(
        'x.id',
        `x.${numberColumn} as number`,
        'd.name as device',
        'x.occurred_at',
        'x.total',
        'f.terminal_id',
        'f.receipt_seq',
        'f.date_time',
        'f.fiscal_sign',
        'f.qr_url',
      )
      .then((rows: Array<Record<string, unknown>>) =>
        rows.map((row): ReceiptListRow => ({
          id: String(row.id),
          kind,
          number: String(row.number),
          device: (row.device as string | null) ?? null,
          occurred_at: num(row.occurred_at),
          total: num(row.total),
          terminal_id: (row.terminal_id as string | null) ?? null,
          receipt_seq: row.receipt_seq === null ? null : num(row.receipt_seq),
          date_time: (row.date_time as string | null) ?? null,
          fiscal_sign: (row.fiscal_sign as string | null) ?? null,
          qr_url: (row.qr_url as string | null) ?? null,
        })),
      );
  };
  const [sales, refunds] = await Promise.all([
    list('sales', 'receipt_no', 'sale'),
    list('refunds', 'refund_no', 'refund'),
  ]);
  return [...sales, ...refunds].sort((a, b) => b.occurred_at - a.occurred_at).slice(0, options.limit);
}
