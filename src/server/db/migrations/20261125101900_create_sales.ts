import type { Knex } from 'knex';

/** A sale's id is its `sale.completed` event id (made on the register). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sales', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('shift_id', 36).notNullable();
    t.string('cashier_id', 36).notNullable();
    t.string('receipt_no', 32).notNullable();
    t.bigInteger('total').notNullable();
    t.bigInteger('discount').notNullable();
    // `change` is a reserved word in MySQL.
    t.bigInteger('change_due').notNullable();
    t.bigInteger('vat').notNullable();
    t.bigInteger('occurred_at').notNullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'store_id', 'occurred_at']);
    t.index(['tenant_id', 'shift_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sales');
}
