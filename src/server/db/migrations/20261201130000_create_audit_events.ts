import type { Knex } from 'knex';

/**
 * Loss-relevant acts recorded at registers (`audit.recorded` events); the id is the event id. The owner filters
 * by period, register, cashier and kind, newest first, so each filter has an index led by the tenant and ending in
 * the time and id the report pages by.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    t.string('store_id', 36).notNullable();
    t.string('device_id', 36).notNullable();
    t.string('kind', 32).notNullable();
    t.string('shift_id', 36).nullable();
    t.string('cashier_id', 36).nullable();
    t.string('approved_by', 36).nullable();
    t.string('sale_id', 36).nullable();
    t.bigInteger('amount').nullable();
    t.string('reason', 500).nullable();
    t.text('detail').notNullable();
    t.bigInteger('occurred_at').notNullable();
    t.bigInteger('received_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.index(['tenant_id', 'occurred_at', 'id'], 'audit_events_time');
    t.index(['tenant_id', 'device_id', 'occurred_at', 'id'], 'audit_events_device');
    t.index(['tenant_id', 'cashier_id', 'occurred_at', 'id'], 'audit_events_cashier');
    t.index(['tenant_id', 'kind', 'occurred_at', 'id'], 'audit_events_kind');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
}
