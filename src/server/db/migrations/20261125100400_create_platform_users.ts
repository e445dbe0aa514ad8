import type { Knex } from 'knex';

/** Superadmins (the platform owner) belong to no tenant, so they live outside the tenant tables. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('platform_users', (t) => {
    t.string('id', 36).primary();
    t.string('email', 191).notNullable().unique();
    t.string('password_hash', 255).notNullable();
    t.bigInteger('created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('platform_users');
}
