import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stores', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('name', 191).notNullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['tenant_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stores');
}
