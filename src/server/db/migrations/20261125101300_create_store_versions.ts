import type { Knex } from 'knex';

/**
 * One row per store: the pull stream's version. Every writing transaction that changes what registers pull bumps
 * it as its last step; the row lock is held until commit, so versions become visible in order.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('store_versions', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.bigInteger('version').notNullable().defaultTo(0);
    t.primary(['tenant_id', 'store_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('store_versions');
}
