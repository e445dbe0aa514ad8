import type { Knex } from 'knex';

/** Stores made before the change log existed get their version row and a settings change, as bootstrap does now. */
export async function up(knex: Knex): Promise<void> {
  const stores: Array<{ tenant_id: string; id: string }> = await knex('stores').select('tenant_id', 'id');
  for (const store of stores) {
    await knex('store_versions').insert({ tenant_id: store.tenant_id, store_id: store.id, version: 1 });
    await knex('store_changes').insert({
      tenant_id: store.tenant_id,
      store_id: store.id,
      entity: 'settings',
      entity_id: store.id,
      version: 1,
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('store_changes').del();
  await knex('store_versions').del();
}
