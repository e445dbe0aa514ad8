import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('products', (t) => {
    t.string('tenant_id', 36).notNullable();
    t.string('id', 36).notNullable();
    // Binary collation on MySQL (SQLite compares binary already): SKUs are case-sensitive on both engines, and
    // the already case-folded name_key is searched and ordered byte-wise, which is also much faster for LIKE.
    t.string('sku', 64).notNullable().collate('utf8mb4_bin');
    t.string('name', 191).notNullable();
    // searchKey(name): lower case, Uzbek apostrophes folded; the list is paged and searched on it.
    t.string('name_key', 191).notNullable().collate('utf8mb4_bin');
    t.bigInteger('price').notNullable();
    t.string('unit', 8).notNullable();
    t.integer('vat_rate').notNullable();
    t.string('mxik', 17).nullable();
    t.string('package_code', 32).nullable();
    t.boolean('marking_required').notNullable().defaultTo(false);
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['tenant_id', 'id']);
    t.unique(['tenant_id', 'sku']);
    t.index(['tenant_id', 'name_key', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('products');
}
