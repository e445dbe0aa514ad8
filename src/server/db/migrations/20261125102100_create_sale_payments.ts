import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sale_payments', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('sale_id', 36).notNullable();
    t.integer('line_no').notNullable();
    t.string('method', 8).notNullable();
    t.bigInteger('amount').notNullable();
    t.string('card_type', 32).nullable();
    t.string('reference', 64).nullable();
    t.primary(['tenant_id', 'sale_id', 'line_no']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sale_payments');
}
