import type { Knex } from 'knex';

/** One row per barcode: the primary key makes a barcode unique within the tenant. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('product_barcodes', (t) => {
    t.string('tenant_id', 36).notNullable();
    // Binary on MySQL as on SQLite: internal codes `ab-1` and `AB-1` are different labels.
    t.string('barcode', 32).notNullable().collate('utf8mb4_bin');
    t.string('product_id', 36).notNullable();
    t.primary(['tenant_id', 'barcode']);
    t.index(['tenant_id', 'product_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('product_barcodes');
}
