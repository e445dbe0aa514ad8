/**
 * This program's version (kept equal to package.json's by a test). A register reports it in `device.status`
 * and compares it with the server's `minRegisterVersion`.
 */
export const APP_VERSION = '0.1.0';

/** The oldest register version the server serves by default: every register speaking the current protocol. */
export const DEFAULT_MIN_REGISTER_VERSION = '0.1.0';

const versionPattern = /^(\d+)\.(\d+)\.(\d+)/;

export function isVersion(value: string): boolean {
  return versionPattern.test(value);
}

/** Compares `x.y.z` versions (a pre-release suffix is ignored): negative, zero or positive like a sort. */
export function compareVersions(a: string, b: string): number {
  const pa = versionPattern.exec(a);
  const pb = versionPattern.exec(b);
  if (!pa || !pb) return 0;
  for (let i = 1; i <= 3; i++) {
    const diff = Number(pa[i]) - Number(pb[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}
