import type { Knex } from 'knex';

/** Cash in (+) and out (−) of a register's drawer during a shift; the id is the `cash.moved` event id. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cash_movements', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('shift_id', 36).notNullable();
    t.bigInteger('amount').notNullable();
    t.string('reason', 500).notNullable();
    t.bigInteger('occurred_at').notNullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'shift_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cash_movements');
}
