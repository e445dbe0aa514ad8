import type { Knex } from 'knex';

/** The store day of an epoch-ms column (Tashkent, UTC+5): `/` is integer division only in SQLite. */
function storeDay(knex: Knex, column: string): string {
  const shifted = `(${column} + ${5 * 3600 * 1000})`;
  return knex.client.config.client === 'mysql2' ? `FLOOR(${shifted} / 86400000)` : `(${shifted} / 86400000)`;
}

/**
 * Month and year reports read these per-day sums instead of every receipt: kept in the push's transaction from the
 * same stored values the detail reports add up. Sales count on the day they were made, refunds on theirs.
 * `daily_sales` serves the day, register and cashier groupings; `daily_products` the product one (a year is about
 * 365 × products rows); `daily_payments` the payment lines. A refund without a cashier has cashier_id ''.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('daily_sales', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.integer('day').notNullable();
    t.string('device_id', 36).notNullable();
    t.string('cashier_id', 36).notNullable();
    t.bigInteger('sale_count').notNullable();
    t.bigInteger('sale_total').notNullable();
    t.bigInteger('sale_vat').notNullable();
    t.bigInteger('change_due').notNullable();
    t.bigInteger('refund_count').notNullable();
    t.bigInteger('refund_total').notNullable();
    t.bigInteger('refund_vat').notNullable();
    t.primary(['tenant_id', 'store_id', 'day', 'device_id', 'cashier_id']);
  });
  await knex.schema.createTable('daily_products', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.integer('day').notNullable();
    t.string('product_id', 36).notNullable();
    // The greatest name the product was sold under that day, as MAX(name) over the lines gives it.
    t.string('name', 191).nullable();
    t.bigInteger('sale_count').notNullable();
    t.bigInteger('sale_qty').notNullable();
    t.bigInteger('sale_total').notNullable();
    t.bigInteger('sale_vat').notNullable();
    t.bigInteger('refund_count').notNullable();
    t.bigInteger('refund_qty').notNullable();
    t.bigInteger('refund_total').notNullable();
    t.bigInteger('refund_vat').notNullable();
    t.primary(['tenant_id', 'store_id', 'day', 'product_id']);
  });
  await knex.schema.createTable('daily_payments', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.integer('day').notNullable();
    t.string('method', 8).notNullable();
    t.bigInteger('paid').notNullable();
    t.bigInteger('refunded').notNullable();
    t.primary(['tenant_id', 'store_id', 'day', 'method']);
  });
  await backfill(knex);
}

/** The sums of every sale and refund already stored, grouped in the database (one statement per part). */
async function backfill(knex: Knex): Promise<void> {
  const sDay = storeDay(knex, 's.occurred_at');
  const rDay = storeDay(knex, 'r.occurred_at');
  await knex.raw(`
    INSERT INTO daily_sales (tenant_id, store_id, day, device_id, cashier_id, sale_count, sale_total, sale_vat,
      change_due, refund_count, refund_total, refund_vat)
    SELECT tenant_id, store_id, day, device_id, cashier_id, SUM(sale_count), SUM(sale_total), SUM(sale_vat),
      SUM(change_due), SUM(refund_count), SUM(refund_total), SUM(refund_vat)
    FROM (
      SELECT s.tenant_id, s.store_id, ${sDay} AS day, s.device_id, s.cashier_id, COUNT(*) AS sale_count,
        SUM(s.total) AS sale_total, SUM(s.vat) AS sale_vat, SUM(s.change_due) AS change_due, 0 AS refund_count,
        0 AS refund_total, 0 AS refund_vat
      FROM sales s GROUP BY s.tenant_id, s.store_id, ${sDay}, s.device_id, s.cashier_id
      UNION ALL
      SELECT r.tenant_id, r.store_id, ${rDay}, r.device_id, COALESCE(r.cashier_id, ''), 0, 0, 0, 0, COUNT(*),
        SUM(r.total), SUM(r.vat)
      FROM refunds r GROUP BY r.tenant_id, r.store_id, ${rDay}, r.device_id, COALESCE(r.cashier_id, '')
    ) parts
    GROUP BY tenant_id, store_id, day, device_id, cashier_id`);
  await knex.raw(`
    INSERT INTO daily_products (tenant_id, store_id, day, product_id, name, sale_count, sale_qty, sale_total,
      sale_vat, refund_count, refund_qty, refund_total, refund_vat)
    SELECT tenant_id, store_id, day, product_id, MAX(name), SUM(sale_count), SUM(sale_qty), SUM(sale_total),
      SUM(sale_vat), SUM(refund_count), SUM(refund_qty), SUM(refund_total), SUM(refund_vat)
    FROM (
      SELECT s.tenant_id, s.store_id, ${sDay} AS day, l.product_id, MAX(l.name) AS name,
        COUNT(DISTINCT l.sale_id) AS sale_count, SUM(l.qty) AS sale_qty, SUM(l.total) AS sale_total,
        SUM(l.vat) AS sale_vat, 0 AS refund_count, 0 AS refund_qty, 0 AS refund_total, 0 AS refund_vat
      FROM sales s JOIN sale_lines l ON l.tenant_id = s.tenant_id AND l.sale_id = s.id
      GROUP BY s.tenant_id, s.store_id, ${sDay}, l.product_id
      UNION ALL
      SELECT r.tenant_id, r.store_id, ${rDay}, l.product_id, NULL, 0, 0, 0, 0, COUNT(DISTINCT l.refund_id),
        SUM(l.qty), SUM(l.total), SUM(l.vat)
      FROM refunds r JOIN refund_lines l ON l.tenant_id = r.tenant_id AND l.refund_id = r.id
      GROUP BY r.tenant_id, r.store_id, ${rDay}, l.product_id
    ) parts
    GROUP BY tenant_id, store_id, day, product_id`);
  await knex.raw(`
    INSERT INTO daily_payments (tenant_id, store_id, day, method, paid, refunded)
    SELECT tenant_id, store_id, day, method, SUM(paid), SUM(refunded)
    FROM (
      SELECT s.tenant_id, s.store_id, ${sDay} AS day, p.method, SUM(p.amount) AS paid, 0 AS refunded
      FROM sales s JOIN sale_payments p ON p.tenant_id = s.tenant_id AND p.sale_id = s.id
      GROUP BY s.tenant_id, s.store_id, ${sDay}, p.method
      UNION ALL
      SELECT r.tenant_id, r.store_id, ${rDay}, p.method, 0, SUM(p.amount)
      FROM refunds r JOIN refund_payments p ON p.tenant_id = r.tenant_id AND p.refund_id = r.id
      GROUP BY r.tenant_id, r.store_id, ${rDay}, p.method
    ) parts
    GROUP BY tenant_id, store_id, day, method`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('daily_payments');
  await knex.schema.dropTable('daily_products');
  await knex.schema.dropTable('daily_sales');
}
