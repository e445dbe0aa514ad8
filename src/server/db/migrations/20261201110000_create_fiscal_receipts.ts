import type { Knex } from 'knex';

/**
 * The fiscal result of a sale or refund (`sale.fiscalised`), kept forever: a refund on any register of the
 * store quotes it. `doc_id` is the sale's or the refund's id; one result per document.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fiscal_receipts', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('doc_id', 36).notNullable();
    t.string('kind', 8).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('terminal_id', 32).notNullable();
    t.bigInteger('receipt_seq').notNullable();
    t.string('date_time', 19).notNullable();
    t.string('fiscal_sign', 32).notNullable();
    t.string('qr_url', 255).notNullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['tenant_id', 'doc_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fiscal_receipts');
}
