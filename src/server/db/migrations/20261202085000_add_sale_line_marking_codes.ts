import type { Knex } from 'knex';

/**
 * The marking codes of a sold line (one per unit of marked goods, FISCAL.md), as a JSON array, so a refund on
 * another register of the store quotes the same codes to its FM. Null for unmarked goods and for sales of
 * registers that do not send them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sale_lines', (t) => {
    t.text('marking_codes').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sale_lines', (t) => {
    t.dropColumn('marking_codes');
  });
}
