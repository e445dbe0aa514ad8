import type { Knex } from 'knex';

/**
 * Why an accepted event needs the owner's look (an unknown or disabled cashier, a shift the server never saw,
 * a sale that arrived after its register was revoked): an offline register's real sale is never refused for it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_events', (t) => {
    t.string('review', 500).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_events', (t) => {
    t.dropColumn('review');
  });
}
