import type { Knex } from 'knex';

/** Global lookup: a login arrives with an email only, before anyone knows the tenant. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_emails', (t) => {
    t.string('email', 191).primary();
    t.string('tenant_id', 36).nullable();
    t.string('user_id', 36).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_emails');
}
