import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('devices', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('name', 64).notNullable();
    t.string('status', 16).notNullable();
    t.string('key_hash', 64).nullable();
    t.bigInteger('key_used_at').nullable();
    // Bumped by revoke and reset-key; a token carrying an older version is refused.
    t.integer('token_version').notNullable().defaultTo(1);
    t.string('hostname', 191).nullable();
    t.bigInteger('activated_at').nullable();
    t.bigInteger('last_seen_at').nullable();
    t.bigInteger('revoked_at').nullable();
    t.integer('unsent_events').nullable();
    t.bigInteger('oldest_unsent_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.unique(['tenant_id', 'store_id', 'name']);
    t.foreign(['tenant_id', 'store_id']).references(['tenant_id', 'id']).inTable('stores');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('devices');
}
