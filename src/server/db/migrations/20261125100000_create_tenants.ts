import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenants', (t) => {
    t.string('id', 36).primary();
    t.string('name', 191).notNullable();
    t.integer('max_devices').notNullable().defaultTo(1);
    // Kept in step with non-revoked devices in the same transaction; the conditional increment is the limit guard.
    t.integer('devices_used').notNullable().defaultTo(0);
    t.string('currency', 3).notNullable().defaultTo('UZS');
    t.bigInteger('created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tenants');
}
