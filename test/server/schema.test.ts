import assert from 'node:assert/strict';
import { globalTables } from '../../src/server/db/tables.js';
import { freshDb, testDialects, type TestDb } from '../helpers/db.js';

interface TableShape {
  columns: string[];
  primaryKey: string[];
}

const knexTables = new Set(['knex_migrations', 'knex_migrations_lock']);

async function describeSchema(db: TestDb): Promise<Map<string, TableShape>> {
  const shapes = new Map<string, TableShape>();
  if (db.dialect === 'sqlite') {
    const tables: Array<{ name: string }> = await db.knex.raw(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    for (const { name } of tables) {
      if (knexTables.has(name)) continue;
      const info: Array<{ name: string; pk: number }> = await db.knex.raw(`PRAGMA table_info(\`${name}\`)`);
      shapes.set(name, {
        columns: info.map((c) => c.name).sort(),
        primaryKey: info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
      });
    }
    return shapes;
  }
  const [columns] = (await db.knex.raw(
    'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()',
  )) as [Array<{ t: string; c: string }>];
  const [keys] = (await db.knex.raw(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  )) as [Array<{ t: string; c: string }>];
  for (const { t, c } of columns) {
    if (knexTables.has(t)) continue;
    const shape = shapes.get(t) ?? { columns: [], primaryKey: [] };
    shape.columns.push(c);
    shapes.set(t, shape);
  }
  for (const shape of shapes.values()) shape.columns.sort();
  for (const { t, c } of keys) shapes.get(t)?.primaryKey.push(c);
  return shapes;
}

describe('database schema', function () {
  const schemas = new Map<string, Map<string, TableShape>>();
  before(async () => {
    for (const dialect of testDialects()) {
      const db = await freshDb(dialect);
      try {
        schemas.set(dialect, await describeSchema(db));
      } finally {
        await db.destroy();
      }
    }
  });

  for (const dialect of testDialects()) {
    it(`leads every tenant table's primary key with tenant_id [${dialect}]`, () => {
      const shapes = schemas.get(dialect)!;
      assert.ok(shapes.size > 10, 'the migrated schema has its tables');
      const global = new Set<string>(globalTables);
      for (const [table, shape] of shapes) {
        if (global.has(table)) continue;
        assert.equal(
          shape.primaryKey[0],
          'tenant_id',
          `${table} primary key: ${shape.primaryKey.join(', ')}`,
        );
        assert.ok(shape.columns.includes('tenant_id'), `${table} has tenant_id`);
      }
      for (const table of global) assert.ok(shapes.has(table), `global table ${table} exists`);
    });
  }

  it('has the same tables, columns and primary keys on every dialect', function () {
    if (schemas.size < 2) this.skip();
    const [first, second] = [...schemas.values()] as [Map<string, TableShape>, Map<string, TableShape>];
    assert.deepEqual([...first.keys()].sort(), [...second.keys()].sort());
    for (const [table, shape] of first) assert.deepEqual(second.get(table), shape, table);
  });

  for (const dialect of testDialects()) {
    it(`migrates all the way down and up again to the same schema [${dialect}]`, async () => {
      const db = await freshDb(dialect);
      try {
        const before = await describeSchema(db);
        await db.knex.migrate.rollback(undefined, true);
        const empty = await describeSchema(db);
        assert.deepEqual([...empty.keys()], []);
        await db.knex.migrate.latest();
        assert.deepEqual(await describeSchema(db), before);
      } finally {
        await db.destroy();
      }
    });
  }
});
