import { createHmac } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { MAX_OUTBOX_PENDING } from '../../common/limits.js';
import { UNSENT_FILE_FORMAT, type UnsentFileHeader } from '../../common/protocol/sync.js';
import type { StoreDb } from '../store/connection.js';
import type { Identity } from '../store/queries/identity.js';
import { pendingEvents } from '../store/queries/sync.js';

/** HMAC-SHA256 of the event lines keyed with the device token: what `posapp sync import` checks first. */
export function signEventLines(deviceToken: string, lines: readonly string[]): string {
  return createHmac('sha256', deviceToken).update(lines.join('\n')).digest('hex');
}

/**
 * Writes every event still waiting in the outbox to `file` (see `unsentFileHeader`), for a register that cannot
 * reach the server or was revoked before it sent them. The events stay pending here: should the register come
 * online after all, the server answers `duplicate` for what the import already brought. The file is written
 * beside its final name and renamed, so a power cut never leaves half a file. Returns how many were written.
 */
export function exportUnsent(db: StoreDb, identity: Identity, file: string): number {
  const lines = pendingEvents(db, MAX_OUTBOX_PENDING).map((event) => JSON.stringify(event));
  const header: UnsentFileHeader = {
    format: UNSENT_FILE_FORMAT,
    deviceId: identity.deviceId,
    deviceName: identity.deviceName,
    tenantId: identity.tenantId,
    storeId: identity.storeId,
    exportedAt: new Date().toISOString(),
    count: lines.length,
    deviceToken: identity.deviceToken,
    signature: signEventLines(identity.deviceToken, lines),
  };
  const partial = `${file}.partial`;
  writeFileSync(partial, [JSON.stringify(header), ...lines].join('\n') + '\n', { mode: 0o600 });
  renameSync(partial, file);
  return lines.length;
}
