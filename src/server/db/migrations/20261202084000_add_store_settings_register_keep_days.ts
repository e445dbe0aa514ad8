import type { Knex } from 'knex';

/** How many days of its own sales each register of the store keeps on its disk (for refunds and reprints). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.integer('register_keep_days').notNullable().defaultTo(90);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.dropColumn('register_keep_days');
  });
}
