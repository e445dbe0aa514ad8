import assert from 'node:assert/strict';
import { allocateProportionally } from '../../../src/terminal/sale/allocate.js';

describe('proportional allocation', () => {
  it('splits exactly, giving the leftover units to the largest remainders', () => {
    assert.deepEqual(allocateProportionally(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(allocateProportionally(1000, [3000, 5000, 2000]), [300, 500, 200]);
    assert.deepEqual(allocateProportionally(10, [1, 2, 0, 4]), [1, 3, 0, 6]);
  });

  it('stays exact for amounts whose products pass 2^53', () => {
    const parts = allocateProportionally(9_000_000_000_001, [7_000_000_000_003, 2_000_000_000_000]);
    assert.equal(parts[0]! + parts[1]!, 9_000_000_000_001);
  });

  it('allocates nothing over nothing and refuses something over nothing', () => {
    assert.deepEqual(allocateProportionally(0, [0, 0]), [0, 0]);
    assert.throws(() => allocateProportionally(5, [0, 0]), RangeError);
  });
});
