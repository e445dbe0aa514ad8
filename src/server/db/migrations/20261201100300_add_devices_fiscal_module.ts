import type { Knex } from 'knex';

/** The fiscal module (its 36-character FactoryID) plugged into this register, when the owner has set one. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.string('fiscal_module_id', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.dropColumn('fiscal_module_id');
  });
}
