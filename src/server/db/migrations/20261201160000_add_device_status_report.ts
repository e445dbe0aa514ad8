import type { Knex } from 'knex';

/**
 * The latest `device.status` a register sent (app version, fiscal module, pulled changes it could not apply), as
 * the event's JSON data, and the register-clock time it was made at, so an older report arriving late never
 * replaces a newer one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.text('status_report').nullable();
    t.bigInteger('status_reported_at').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('devices', (t) => {
    t.dropColumn('status_report');
    t.dropColumn('status_reported_at');
  });
}
