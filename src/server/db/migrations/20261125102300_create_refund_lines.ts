import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('refund_lines', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('refund_id', 36).notNullable();
    t.integer('line_no').notNullable();
    t.string('product_id', 36).notNullable();
    t.bigInteger('qty').notNullable();
    t.bigInteger('total').notNullable();
    // The rate of the sold line (or the product's when the sale is unknown here), so refunds reverse the same VAT.
    t.integer('vat_rate').notNullable();
    t.bigInteger('vat').notNullable();
    t.primary(['tenant_id', 'refund_id', 'line_no']);
    t.index(['tenant_id', 'product_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('refund_lines');
}
