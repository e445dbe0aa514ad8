import type { Knex } from 'knex';

/** The stock ledger: receipt, sale, refund, adjustment; qty is a signed delta in thousandths. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stock_movements', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('product_id', 36).notNullable();
    t.string('kind', 16).notNullable();
    t.bigInteger('qty').notNullable();
    // The sync event id for sales and refunds, the receipt id for receipts.
    t.string('ref', 64).nullable();
    t.string('note', 500).nullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'store_id', 'product_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stock_movements');
}
