import { AppError } from '../common/errors.js';
import { requestJson } from '../common/http.js';
import type { Lang } from '../common/i18n/index.js';
import { activateResponse } from '../common/protocol/devices.js';
import { openStore, removeStore, storeExists, type StoreDb } from './store/connection.js';
import { readIdentity, replaceIdentity, type Identity } from './store/queries/identity.js';
import { countPendingEvents } from './store/queries/outbox.js';
import { countParked } from './store/queries/parked.js';

export interface ActivationInput {
  dataDir: string;
  serverUrl: string;
  deviceKey: string;
  hostname: string;
  lang?: Lang;
}

export interface ActivationResult {
  identity: Identity;
  /** The identity this data dir held before, when activation replaced one. */
  replaced: Identity | null;
}

/**
 * Sales not pushed yet belong to the register that made them; a new identity would send them as another's. A
 * parked basket holds the old store's products and prices: it is sold or cancelled before the data dir changes
 * hands.
 */
function assertNoUnsentEvents(db: StoreDb, dataDir: string): void {
  const count = countPendingEvents(db);
  if (count > 0) throw new AppError('REGISTER_HAS_UNSENT_EVENTS', { params: { count, dataDir } });
  const parked = countParked(db);
  if (parked > 0) throw new AppError('REGISTER_HAS_PARKED_SALES', { params: { count: parked, dataDir } });
}

function checkExistingStore(dataDir: string): Identity | null {
  const db = openStore(dataDir);
  try {
    assertNoUnsentEvents(db, dataDir);
    return readIdentity(db);
  } finally {
    db.close();
  }
}

/**
 * Turns a data dir into a register: asks the server to accept the device key, then writes the identity.
 * Nothing is written unless the server said yes, and a pos.sqlite that did not exist before is not left behind.
 */
export async function activateRegister(input: ActivationInput): Promise<ActivationResult> {
  const existed = storeExists(input.dataDir);
  // Checked before the request too, so a refused data dir does not use up the single-use key.
  if (existed) checkExistingStore(input.dataDir);

  const answer = await requestJson({
    baseUrl: input.serverUrl,
    method: 'POST',
    path: '/devices/activate',
    body: { deviceKey: input.deviceKey, machine: { hostname: input.hostname } },
    lang: input.lang ?? 'uz',
    response: activateResponse,
  });
  const identity: Identity = {
    serverUrl: input.serverUrl,
    deviceId: answer.device.id,
    deviceName: answer.device.name,
    deviceToken: answer.deviceToken,
    tenantId: answer.tenant.id,
    tenantName: answer.tenant.name,
    storeId: answer.store.id,
    storeName: answer.store.name,
    currency: answer.store.currency,
    activatedAt: new Date().toISOString(),
  };

  try {
    const db = openStore(input.dataDir, { create: true });
    try {
      const replaced = db
        .transaction(() => {
          // A running `pos` may have sold something while we waited for the server.
          assertNoUnsentEvents(db, input.dataDir);
          const previous = readIdentity(db);
          replaceIdentity(db, identity);
          return previous;
        })
        .immediate();
      return { identity, replaced };
    } finally {
      db.close();
    }
  } catch (error) {
    if (!existed) removeStore(input.dataDir);
    throw error;
  }
}
