import type { Command } from 'commander';
import { AppError } from '../../common/errors.js';
import { text } from '../messages.js';
import { CLOCK_WARN_MS, clockCell, formatTime, printJson, printTable } from '../output.js';
import { globalsOf } from '../program.js';

/** The first kept changes are listed; the count says how many there are. */
const UNAPPLIED_SHOWN = 10;

/** `pos status`: who this register is and how much it still has to send. Reads the local store only. */
export async function status(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { loadTerminalConfig } = await import('../../terminal/config.js');
  const { openStore, storeExists } = await import('../../terminal/store/connection.js');
  const { readIdentity } = await import('../../terminal/store/queries/identity.js');
  const { outboxSummary, readSyncState } = await import('../../terminal/store/queries/sync.js');
  const { countUnapplied, readStatusReportState, unappliedChanges } =
    await import('../../terminal/store/queries/drift.js');
  const { retentionStatus } = await import('../../terminal/store/queries/retention.js');
  const { APP_VERSION } = await import('../../common/version.js');
  const { dataDir } = loadTerminalConfig({ dataDir: globals.dataDir });
  const notActivated = () => new AppError('REGISTER_NOT_ACTIVATED', { params: { dataDir } });
  // Never create a store just to report that there is none.
  if (!storeExists(dataDir)) throw notActivated();
  const db = openStore(dataDir);
  try {
    const identity = readIdentity(db);
    if (!identity) throw notActivated();
    const outbox = outboxSummary(db);
    const eventsWaiting = outbox.pending;
    const sync = readSyncState(db);
    const connection = sync.revoked ? 'revoked' : sync.online ? 'online' : 'offline';
    const { updateRequired } = readStatusReportState(db);
    const unappliedCount = countUnapplied(db);
    const unapplied = unappliedChanges(db, UNAPPLIED_SHOWN);
    const kept = retentionStatus(db);
    if (globals.json) {
      return printJson({
        dataDir,
        server: identity.serverUrl,
        device: { id: identity.deviceId, name: identity.deviceName },
        tenant: { id: identity.tenantId, name: identity.tenantName },
        store: { id: identity.storeId, name: identity.storeName, currency: identity.currency },
        activatedAt: identity.activatedAt,
        eventsWaiting,
        oldestWaitingAt: outbox.oldestPendingAt,
        rejectedEvents: outbox.rejected,
        connection,
        lastSyncAt: sync.lastSyncAt,
        lastError: sync.lastError,
        cursor: sync.cursor,
        clockOffsetMs: sync.clockOffsetMs,
        appVersion: APP_VERSION,
        updateRequired,
        unappliedCount,
        unappliedChanges: unapplied,
        oldestSaleAt: kept.oldestSaleAt,
        salesMovedOff: kept.salesPruned,
        movedOffThrough: kept.prunedThrough,
      });
    }
    const t = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) =>
      text(globals.lang, key, params);
    printTable(
      [],
      [
        [t('statusDevice'), identity.deviceName],
        [t('statusStore'), identity.storeName],
        [t('statusTenant'), identity.tenantName],
        [t('statusServer'), identity.serverUrl],
        [t('statusActivatedAt'), formatTime(identity.activatedAt)],
        [t('statusOnline'), t(connection)],
        [t('statusEventsWaiting'), eventsWaiting],
        [t('statusOldest'), formatTime(outbox.oldestPendingAt)],
        [t('statusRejected'), outbox.rejected],
        [t('statusLastSync'), sync.lastSyncAt ? formatTime(sync.lastSyncAt) : t('never')],
        ...(sync.lastError ? [[t('statusLastError'), sync.lastError]] : []),
        ...(sync.clockOffsetMs !== null && Math.abs(sync.clockOffsetMs) > CLOCK_WARN_MS
          ? [[t('statusClock'), text(globals.lang, 'clockOff', { off: clockCell(sync.clockOffsetMs) })]]
          : []),
        [t('statusCursor'), sync.cursor],
        [t('statusOldestSale'), kept.oldestSaleAt ? formatTime(kept.oldestSaleAt) : '—'],
        ...(kept.prunedThrough
          ? [
              [
                t('statusMovedOff'),
                t('statusMovedOffLine', { count: kept.salesPruned, receiptNo: kept.prunedThrough }),
              ],
            ]
          : []),
        [
          t('statusAppVersion'),
          updateRequired
            ? `${APP_VERSION} — ${t('statusUpdateRequired', { min: updateRequired })}`
            : APP_VERSION,
        ],
        [t('statusUnapplied'), unappliedCount],
        ...unapplied.map((change) => ['', t('statusUnappliedLine', { ...change })]),
        [t('statusDataDir'), dataDir],
      ],
    );
  } finally {
    db.close();
  }
}
