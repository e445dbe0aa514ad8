import type { Knex } from 'knex';

/** The panel's language each person chose, so it follows them to another browser or PC. */
export async function up(knex: Knex): Promise<void> {
  for (const table of ['users', 'platform_users']) {
    await knex.schema.alterTable(table, (t) => {
      t.string('lang', 2).nullable();
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['users', 'platform_users']) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn('lang');
    });
  }
}
