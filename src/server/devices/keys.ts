import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A device key is `dk_<device id, 32 hex>_<secret, 192 random bits>`. The id finds the device without a tenant;
 * only a SHA-256 digest of the whole key is stored (a slow hash adds nothing to 192 random bits).
 */
const KEY_PATTERN = /^dk_([0-9a-f]{32})_([A-Za-z0-9_-]{32})$/;

export function makeDeviceKey(deviceId: string): { key: string; hash: string } {
  const key = `dk_${deviceId.replace(/-/g, '')}_${randomBytes(24).toString('base64url')}`;
  return { key, hash: digestDeviceKey(key) };
}

export function digestDeviceKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function deviceIdFromKey(key: string): string | null {
  const match = KEY_PATTERN.exec(key.trim());
  if (!match) return null;
  const hex = match[1]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function deviceKeyMatches(key: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const actual = Buffer.from(digestDeviceKey(key.trim()), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
