import type { Knex } from 'knex';

/** Every refused register add (402 DEVICE_LIMIT_REACHED): when and who tried, for the seller's follow-up call. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('device_limit_hits', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.bigInteger('at').notNullable();
    t.string('user_id', 36).notNullable();
    t.integer('max_devices').notNullable();
    t.primary(['tenant_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('device_limit_hits');
}
