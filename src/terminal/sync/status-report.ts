import { AppError } from '../../common/errors.js';
import { requestJson } from '../../common/http.js';
import { newId } from '../../common/ids.js';
import {
  MAX_REPORTED_UNAPPLIED,
  pushResponse,
  type DeviceStatusData,
  type FiscalStatus,
} from '../../common/protocol/sync.js';
import type { Lang } from '../../common/i18n/index.js';
import { APP_VERSION } from '../../common/version.js';
import { lastFiscalStatus } from '../fiscal/service.js';
import type { StoreDb } from '../store/connection.js';
import {
  countUnapplied,
  markStatusReported,
  readStatusReportState,
  saveStatusEvent,
  unappliedChanges,
  type StatusEvent,
} from '../store/queries/drift.js';
import type { Identity } from '../store/queries/identity.js';

/** What the register tells the owner about itself: its version, its fiscal module, what it could not apply. */
export function currentStatus(db: StoreDb, fiscal: FiscalStatus | undefined): DeviceStatusData {
  const count = countUnapplied(db);
  const items = count === 0 ? [] : unappliedChanges(db, MAX_REPORTED_UNAPPLIED);
  return {
    appVersion: APP_VERSION,
    ...(fiscal && { fiscal }),
    ...(count > 0 && {
      unapplied: {
        count,
        items: items.map(({ entity, id, reason, version }) => ({ entity, id, reason, version })),
      },
    }),
  };
}

/**
 * Sends `device.status` when the report differs from the one the server acknowledged. The event is stored before
 * it is sent and resent under the same id until acknowledged, so the server applies it exactly once. It travels
 * outside the outbox: it is no sale, and must never count as unsent work that guards revoke or re-activation.
 * Returns whether a report was sent.
 */
export async function reportStatus(
  db: StoreDb,
  identity: Identity,
  options: { lang?: Lang; timeoutMs?: number; fiscalStatus?: () => FiscalStatus | undefined },
): Promise<boolean> {
  // By default the FM's last answer kept by the register (`pos fiscal status`, the status bar's polling).
  const data = currentStatus(db, options.fiscalStatus ? options.fiscalStatus() : lastFiscalStatus({ db }));
  const json = JSON.stringify(data);
  const state = readStatusReportState(db);
  let event: StatusEvent;
  if (state.pending && JSON.stringify(state.pending.data) === json) event = state.pending;
  else if (!state.pending && state.reported === json) return false;
  else {
    event = { id: newId(), occurredAt: new Date().toISOString(), data };
    saveStatusEvent(db, event);
  }
  // With the register's clock, so the server places the report by the corrected time like any pushed event.
  const answer = await requestJson({
    baseUrl: identity.serverUrl,
    method: 'POST',
    path: '/sync/push',
    token: identity.deviceToken,
    lang: options.lang ?? 'uz',
    body: { events: [{ ...event, type: 'device.status' }], sentAt: new Date().toISOString() },
    response: pushResponse,
    timeoutMs: options.timeoutMs,
  });
  if (!answer.results.some((result) => result.id === event.id)) {
    throw new AppError('BAD_SERVER_RESPONSE', {
      params: { status: 200, url: `${identity.serverUrl}/sync/push` },
    });
  }
  // Rejected counts as answered too: the same report would only be rejected again.
  markStatusReported(db, json);
  return true;
}
