import type { Knex } from 'knex';

/**
 * Failed sign-in counts per key (a hash of address, or of account and address), in the database so several server
 * processes behind a load balancer share one count. Global: the key is looked up before anyone is known.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_failures', (t) => {
    t.string('key', 64).primary();
    t.bigInteger('window_start').notNullable();
    t.integer('failures').notNullable();
    t.index(['window_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_failures');
}
