import type { Knex } from 'knex';

/** Global lookup by session id: lets logout end a session on the server although tokens are stateless JWTs. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.string('id', 36).primary();
    t.string('tenant_id', 36).nullable();
    t.string('user_id', 36).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('ended_at').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
}
