import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import {
  afterWrongPin,
  assertPinOpen,
  openPinGuard,
  PIN_LOCK_MS,
} from '../../../src/terminal/register/pin-guard.js';

describe('the PIN screen lock', () => {
  it('locks after the fifth wrong PIN in a row for a minute, then opens with a fresh count', () => {
    const start = Date.UTC(2026, 11, 1, 9, 0, 0);
    let guard = openPinGuard;
    for (let i = 1; i <= 4; i++) {
      guard = afterWrongPin(guard, start);
      assert.equal(guard.failures, i);
      assertPinOpen(guard, start);
    }
    const locked = afterWrongPin(guard, start);
    assert.equal(locked.locked, true);
    assert.throws(
      () => assertPinOpen(locked, start + PIN_LOCK_MS - 1000),
      (e: unknown) => e instanceof AppError && e.code === 'PIN_LOCKED' && e.params.seconds === 1,
    );
    assertPinOpen(locked, start + PIN_LOCK_MS);
    assert.equal(afterWrongPin(locked, start + PIN_LOCK_MS).failures, 1);
  });
});
