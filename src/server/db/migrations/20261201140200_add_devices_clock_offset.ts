import type { Knex } from 'knex';

/** How far the register's clock was off at its last push (server time − register time, ms). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.bigInteger('clock_offset_ms').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.dropColumn('clock_offset_ms');
  });
}
