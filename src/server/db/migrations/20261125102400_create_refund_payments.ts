import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('refund_payments', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('refund_id', 36).notNullable();
    t.integer('line_no').notNullable();
    t.string('method', 8).notNullable();
    t.bigInteger('amount').notNullable();
    t.primary(['tenant_id', 'refund_id', 'line_no']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('refund_payments');
}
