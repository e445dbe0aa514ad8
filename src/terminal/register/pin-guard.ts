import { AppError } from '../../common/errors.js';

/** Wrong PINs in a row that lock the PIN screen, and for how long. */
export const PIN_ATTEMPTS = 5;
export const PIN_LOCK_MS = 60_000;

export interface PinGuard {
  failures: number;
  /** Epoch ms until which no PIN is checked; 0 when open. */
  lockedUntil: number;
}

export const openPinGuard: PinGuard = { failures: 0, lockedUntil: 0 };

/** Refuses any PIN while locked, saying how many seconds are left. */
export function assertPinOpen(guard: PinGuard, now: number): void {
  if (now < guard.lockedUntil)
    throw new AppError('PIN_LOCKED', { params: { seconds: Math.ceil((guard.lockedUntil - now) / 1000) } });
}

/** After a wrong PIN: the fifth in a row locks the screen for a minute and starts the count again. */
export function afterWrongPin(guard: PinGuard, now: number): PinGuard & { locked: boolean } {
  const failures = guard.failures + 1;
  if (failures >= PIN_ATTEMPTS) return { failures: 0, lockedUntil: now + PIN_LOCK_MS, locked: true };
  return { failures, lockedUntil: 0, locked: false };
}
