import type { Knex } from 'knex';

/** Uzbekistan's standard VAT is 12%; a product without its own rate takes the tenant's default (basis points). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.integer('default_vat_rate').notNullable().defaultTo(1200);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.dropColumn('default_vat_rate');
  });
}
