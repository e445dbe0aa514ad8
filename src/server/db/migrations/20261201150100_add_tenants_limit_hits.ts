import type { Knex } from 'knex';

/**
 * How often a tenant asked for a register beyond its licence and when last: the seller's list of shops to call,
 * sorted by it across thousands of tenants, so it is kept on the tenant row with an index rather than counted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.integer('limit_hits').notNullable().defaultTo(0);
    t.bigInteger('last_limit_hit_at').nullable();
    t.index(['limit_hits', 'last_limit_hit_at', 'id'], 'tenants_limit_hits_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.dropIndex(['limit_hits', 'last_limit_hit_at', 'id'], 'tenants_limit_hits_index');
    t.dropColumn('last_limit_hit_at');
    t.dropColumn('limit_hits');
  });
}
