import type { Knex } from 'knex';

/** Global lookup: a device key carries the device id; this finds its tenant. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('device_lookup', (t) => {
    t.string('device_id', 36).primary();
    t.string('tenant_id', 36).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('device_lookup');
}
