import type { Knex } from 'knex';

/** Compacted change log: the last version at which each entity changed for a store; pull reads it by version. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('store_changes', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('entity', 16).notNullable();
    t.string('entity_id', 36).notNullable();
    t.bigInteger('version').notNullable();
    t.primary(['tenant_id', 'store_id', 'entity', 'entity_id']);
    t.index(['tenant_id', 'store_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('store_changes');
}
