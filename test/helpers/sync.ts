import { newId } from '../../src/common/ids.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import { bearer, type BootstrappedTenant, type TestApp } from './app.js';

export interface ActiveDevice {
  id: string;
  token: string;
}

/** Activates the tenant's POS-01 (its key from bootstrap). */
export async function activateFirstDevice(t: TestApp, tenant: BootstrappedTenant): Promise<ActiveDevice> {
  const res = await t.http.post('/devices/activate').send({ deviceKey: tenant.firstDeviceKey }).expect(200);
  return { id: res.body.device.id, token: res.body.deviceToken };
}

/** Adds a register to the tenant (the licence must allow it) and activates it. */
export async function addActiveDevice(t: TestApp, tenant: BootstrappedTenant): Promise<ActiveDevice> {
  const created = await t.http
    .post('/devices')
    .set(...bearer(tenant.ownerToken))
    .send({})
    .expect(201);
  const res = await t.http.post('/devices/activate').send({ deviceKey: created.body.deviceKey }).expect(200);
  return { id: res.body.device.id, token: res.body.deviceToken };
}

let receiptCounter = 0;

/** A cash sale of 1 piece of each product at 1 000 so‘m (qty in thousandths, money in tiyin). */
export function saleEvent(
  productIds: readonly string[],
  options: { shiftId?: string; cashierId?: string; qty?: number } = {},
): SyncEvent {
  const qty = options.qty ?? 1000;
  const lines = productIds.map((productId) => ({
    productId,
    name: 'Mahsulot',
    qty,
    unitPrice: 1_000_00,
    discount: 0,
    total: (1_000_00 * qty) / 1000,
    vatRate: 1200,
  }));
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  return {
    id: newId(),
    type: 'sale.completed',
    occurredAt: new Date().toISOString(),
    data: {
      receiptNo: `POS-01-${String(++receiptCounter).padStart(6, '0')}`,
      shiftId: options.shiftId ?? newId(),
      cashierId: options.cashierId ?? newId(),
      lines,
      discount: 0,
      total,
      payments: [{ method: 'cash', amount: total }],
      change: 0,
    },
  };
}

export function shiftOpenedEvent(shiftId: string, cashierId: string, openingCash = 100_000_00): SyncEvent {
  return {
    id: newId(),
    type: 'shift.opened',
    occurredAt: new Date().toISOString(),
    data: { shiftId, cashierId, openingCash },
  };
}

/**
 * A register's `device.status` report with a fiscal module whose oldest unsent receipt is `hoursAgo` old, and
 * optionally its own block limit and one change it could not apply.
 */
export function deviceStatusEvent(options: {
  hoursAgo: number;
  terminalId?: string;
  unsent?: number;
  blockAfterHours?: number;
  unappliedCoupon?: boolean;
}): { event: SyncEvent; oldestUnsentAt: string } {
  const oldestUnsentAt = new Date(Date.now() - options.hoursAgo * 3600_000).toISOString();
  const event: SyncEvent = {
    id: newId(),
    type: 'device.status',
    occurredAt: new Date().toISOString(),
    data: {
      appVersion: '0.1.0',
      fiscal: {
        terminalId: options.terminalId ?? 'UZ170703100477',
        locked: false,
        zOpen: true,
        unsent: options.unsent ?? 2,
        oldestUnsentAt,
        memoryLeft: 900,
        ...(options.blockAfterHours !== undefined && { blockAfterHours: options.blockAfterHours }),
      },
      ...(options.unappliedCoupon && {
        unapplied: {
          count: 1,
          items: [{ entity: 'coupon', id: 'SPRING-10', reason: 'unknown entity coupon', version: 9 }],
        },
      }),
    },
  };
  return { event, oldestUnsentAt };
}

export function push(t: TestApp, device: ActiveDevice, events: unknown[], outbox?: unknown) {
  return t.http
    .post('/sync/push')
    .set(...bearer(device.token))
    .send({ events, ...(outbox !== undefined && { outbox }) });
}

export interface PulledChange {
  entity: string;
  op: string;
  id: string;
  data: Record<string, unknown> | null;
  version?: number;
}

/** Pulls every page from `cursor`; returns all changes, the page count and the final cursor. */
export async function pullAll(
  t: TestApp,
  device: ActiveDevice,
  cursor = '0',
  limit = 1000,
): Promise<{ changes: PulledChange[]; pages: number; cursor: string }> {
  const changes: PulledChange[] = [];
  let pages = 0;
  for (;;) {
    const res = await t.http
      .get('/sync/pull')
      .query({ cursor, limit })
      .set(...bearer(device.token))
      .expect(200);
    pages++;
    changes.push(...res.body.changes);
    cursor = res.body.cursor;
    if (!res.body.hasMore) return { changes, pages, cursor };
  }
}
