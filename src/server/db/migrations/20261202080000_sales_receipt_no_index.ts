import type { Knex } from 'knex';

/** A register looks a sale of its store up by receipt number (a refund on another register): one index read. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sales', (t) => {
    t.index(['tenant_id', 'store_id', 'receipt_no'], 'sales_tenant_id_store_id_receipt_no_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sales', (t) => {
    t.dropIndex(['tenant_id', 'store_id', 'receipt_no'], 'sales_tenant_id_store_id_receipt_no_index');
  });
}
