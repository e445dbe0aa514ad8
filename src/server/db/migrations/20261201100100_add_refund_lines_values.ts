import type { Knex } from 'knex';

/**
 * Refund lines carry the same values as sale lines (gross, discount, unit, package code, MXIK), taken from the
 * sold line by the money rule. Lines stored before keep their figures: gross = total, discount 0.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('refund_lines', (t) => {
    t.bigInteger('gross').nullable();
    t.bigInteger('discount').nullable();
    t.string('unit', 8).nullable();
    t.string('package_code', 32).nullable();
    t.string('mxik', 17).nullable();
  });
  await knex('refund_lines')
    .whereNull('gross')
    .update({ gross: knex.raw('??', ['total']), discount: 0 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('refund_lines', (t) => {
    t.dropColumn('mxik');
    t.dropColumn('package_code');
    t.dropColumn('unit');
    t.dropColumn('discount');
    t.dropColumn('gross');
  });
}
