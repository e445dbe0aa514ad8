import type { Knex } from 'knex';

/** The current level per store and product, kept in step with stock_movements in the same transaction. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stock_levels', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('product_id', 36).notNullable();
    // Thousandths; may go negative (offline sales are never refused for stock).
    t.bigInteger('level').notNullable().defaultTo(0);
    t.primary(['tenant_id', 'store_id', 'product_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stock_levels');
}
