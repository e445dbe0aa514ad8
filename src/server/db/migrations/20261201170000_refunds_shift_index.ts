import type { Knex } from 'knex';

/** The Z-report sums a shift's refunds; without this index it read every refund of the tenant. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('refunds', (t) => {
    t.index(['tenant_id', 'shift_id'], 'refunds_tenant_id_shift_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('refunds', (t) => {
    t.dropIndex(['tenant_id', 'shift_id'], 'refunds_tenant_id_shift_id_index');
  });
}
