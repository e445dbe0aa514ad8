import type { Knex } from 'knex';

/** The register's quick-key grid: product ids in grid order (JSON array); null until the owner sets one. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.text('quick_keys').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.dropColumn('quick_keys');
  });
}
