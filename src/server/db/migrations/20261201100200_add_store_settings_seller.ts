import type { Knex } from 'knex';

/** The seller as a fiscal receipt names it, and whether a product without MXIK or package code may be sold. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.string('legal_name', 191).nullable();
    t.string('stir', 9).nullable();
    t.string('address', 300).nullable();
    t.boolean('fiscal_data_required').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.dropColumn('fiscal_data_required');
    t.dropColumn('address');
    t.dropColumn('stir');
    t.dropColumn('legal_name');
  });
}
