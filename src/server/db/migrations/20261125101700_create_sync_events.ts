import type { Knex } from 'knex';

/**
 * Every pushed event, applied or rejected. The primary key on the event id is the exactly-once guard: the
 * `applied` row is written in the same transaction as the event's effects.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sync_events', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('type', 32).notNullable();
    t.string('status', 16).notNullable();
    t.string('error', 500).nullable();
    t.text('data', 'mediumtext').notNullable();
    t.bigInteger('occurred_at').nullable();
    t.bigInteger('received_at').notNullable();
    t.bigInteger('version').nullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'status', 'received_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sync_events');
}
