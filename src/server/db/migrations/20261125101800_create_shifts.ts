import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('shifts', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('cashier_id', 36).notNullable();
    t.bigInteger('opening_cash').notNullable();
    t.bigInteger('opened_at').notNullable();
    t.bigInteger('counted_cash').nullable();
    t.bigInteger('closed_at').nullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'store_id', 'opened_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('shifts');
}
