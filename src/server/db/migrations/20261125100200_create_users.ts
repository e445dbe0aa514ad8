import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('role', 16).notNullable();
    t.string('name', 191).notNullable();
    t.string('email', 191).nullable();
    t.string('password_hash', 255).nullable();
    t.string('pin_hash', 255).nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('created_at').notNullable();
    t.primary(['tenant_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
