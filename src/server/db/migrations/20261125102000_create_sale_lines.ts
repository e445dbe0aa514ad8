import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sale_lines', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('sale_id', 36).notNullable();
    t.integer('line_no').notNullable();
    t.string('product_id', 36).notNullable();
    t.string('name', 191).notNullable();
    t.bigInteger('qty').notNullable();
    t.bigInteger('unit_price').notNullable();
    t.bigInteger('discount').notNullable();
    t.bigInteger('total').notNullable();
    t.integer('vat_rate').notNullable();
    // VAT included in the line total, rounded per line as the fiscal receipt shows it.
    t.bigInteger('vat').notNullable();
    t.string('mxik', 17).nullable();
    t.primary(['tenant_id', 'sale_id', 'line_no']);
    t.index(['tenant_id', 'product_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sale_lines');
}
