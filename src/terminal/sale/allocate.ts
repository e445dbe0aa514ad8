/**
 * Splits an integer `amount` over `weights` in proportion, so the parts are integers that sum exactly to
 * `amount` (largest-remainder method). Ties in the remainder go to the earlier weight, so the result is
 * deterministic. BigInt keeps `amount × weight` exact beyond 2^53 (large totals × large line amounts).
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a whole number ≥ 0`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('weights must be whole numbers ≥ 0');
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    if (amount === 0) return weights.map(() => 0);
    throw new RangeError('cannot allocate a non-zero amount over zero weights');
  }
  const total = BigInt(sum);
  const big = BigInt(amount);
  const parts = weights.map((w) => (big * BigInt(w)) / total);
  const remainders = weights.map((w, index) => ({ index, rest: (big * BigInt(w)) % total }));
  let left = amount - parts.reduce((a, b) => a + Number(b), 0);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  const result = parts.map(Number);
  for (const { index } of remainders) {
    if (left === 0) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1;
  }
  return result;
}
