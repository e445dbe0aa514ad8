import type { Knex } from 'knex';

/** A refund's id is its `sale.refunded` event id. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('refunds', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('sale_id', 36).notNullable();
    t.string('shift_id', 36).nullable();
    t.string('cashier_id', 36).nullable();
    t.string('refund_no', 32).notNullable();
    t.bigInteger('total').notNullable();
    t.bigInteger('vat').notNullable();
    t.string('reason', 500).nullable();
    t.bigInteger('occurred_at').notNullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'store_id', 'occurred_at']);
    t.index(['tenant_id', 'sale_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('refunds');
}
