import type { Knex } from 'knex';

/**
 * A keyed digest of a person's PIN beside its salted hash: salted hashes cannot be compared with each other, and a
 * shop's PINs must stay unique among its active people, also when a disabled person is taken back. Null for PINs
 * set before this column (those are checked against the hash when a new PIN is typed).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('pin_digest', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('pin_digest');
  });
}
