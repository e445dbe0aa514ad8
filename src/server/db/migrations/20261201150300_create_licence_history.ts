import type { Knex } from 'knex';

/** Each change of a tenant's register licence: when, by whom, from → to, and a note such as the payment reference. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('licence_history', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.bigInteger('at').notNullable();
    t.string('by_email', 191).notNullable();
    t.integer('from_max').notNullable();
    t.integer('to_max').notNullable();
    t.string('note', 500).nullable();
    t.primary(['tenant_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('licence_history');
}
