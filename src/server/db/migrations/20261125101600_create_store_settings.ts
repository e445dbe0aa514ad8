import type { Knex } from 'knex';

/** Register settings per store; a store without a row uses the defaults in the settings service. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('store_settings', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.integer('cash_rounding').notNullable();
    // JSON {prefixes, itemDigits, value} or null when the shop sells no weighed goods.
    t.text('scale_barcode').nullable();
    t.string('receipt_header', 500).nullable();
    t.integer('max_cashier_discount').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['tenant_id', 'store_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('store_settings');
}
