import type { Knex } from 'knex';

/**
 * Sale lines carry the money rule's values: `gross` (price × qty before discounts), the unit and the package
 * code, as the fiscal receipt needs them. Lines stored before keep their figures: their gross is total +
 * discount (their discount never held cash rounding); their unit is unknown (null).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sale_lines', (t) => {
    t.bigInteger('gross').nullable();
    t.string('unit', 8).nullable();
    t.string('package_code', 32).nullable();
  });
  await knex('sale_lines')
    .whereNull('gross')
    .update({ gross: knex.raw('?? + ??', ['total', 'discount']) });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sale_lines', (t) => {
    t.dropColumn('package_code');
    t.dropColumn('unit');
    t.dropColumn('gross');
  });
}
