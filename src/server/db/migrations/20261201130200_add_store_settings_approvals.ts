import type { Knex } from 'knex';

/** Which acts at the register need a supervisor's PIN (JSON); null until the owner sets them: none. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.text('approvals').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('store_settings', (t) => {
    t.dropColumn('approvals');
  });
}
