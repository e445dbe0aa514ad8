import assert from 'node:assert/strict';
import {
  addKey,
  gridOf,
  keyLabel,
  moveKey,
  removeKey,
  type QuickKeyItem,
} from '../../src/admin/settings/quick-keys.js';

const item = (n: number): QuickKeyItem => ({
  id: `id-${n}`,
  name: `Mahsulot ${n}`,
  sku: `SKU-${n}`,
  active: true,
});
const ids = (grid: readonly QuickKeyItem[]) => grid.map((k) => k.id);

describe('the panel’s quick-key grid', () => {
  it('names the register’s keys: 1…0 on the digit row, then Q…P', () => {
    assert.deepEqual(Array.from({ length: 20 }, (_, i) => keyLabel(i)).join(''), '1234567890QWERTYUIOP');
  });

  it('adds at the end, never twice, never past 20', () => {
    const one = addKey([], item(1));
    assert.deepEqual(ids(addKey(one, item(1))), ['id-1']);
    const full = Array.from({ length: 20 }, (_, i) => item(i)).reduce(addKey, [] as QuickKeyItem[]);
    assert.equal(full.length, 20);
    assert.equal(addKey(full, item(99)).length, 20);
  });

  it('moves a key one place up or down, and nothing past either end; removes one', () => {
    const grid = [item(1), item(2), item(3)];
    assert.deepEqual(ids(moveKey(grid, 2, -1)), ['id-1', 'id-3', 'id-2']);
    assert.deepEqual(ids(moveKey(grid, 0, 1)), ['id-2', 'id-1', 'id-3']);
    assert.deepEqual(ids(moveKey(grid, 0, -1)), ['id-1', 'id-2', 'id-3']);
    assert.deepEqual(ids(moveKey(grid, 2, 1)), ['id-1', 'id-2', 'id-3']);
    assert.deepEqual(ids(removeKey(grid, 1)), ['id-1', 'id-3']);
  });

  it('shows the saved grid in the server’s order, a product off sale marked', () => {
    const grid = gridOf(
      ['b', 'a'],
      [
        { id: 'a', name: 'Non', sku: 'NON-1', active: true },
        { id: 'b', name: 'Paket', sku: 'PAKET-1', active: false },
      ],
    );
    assert.deepEqual(grid, [
      { id: 'b', name: 'Paket', sku: 'PAKET-1', active: false },
      { id: 'a', name: 'Non', sku: 'NON-1', active: true },
    ]);
  });
});
