import type { Knex } from 'knex';

/**
 * When the register's previous token stopped working (revoke or reset-key). That token may still deliver the
 * events its register made before then, so no sale made on it is stranded.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.bigInteger('token_retired_at').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.dropColumn('token_retired_at');
  });
}
