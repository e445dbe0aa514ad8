import type { StoreDb } from '../connection.js';

/** Who this register is, as the server told it at activation. */
export interface Identity {
  serverUrl: string;
  deviceId: string;
  deviceName: string;
  deviceToken: string;
  tenantId: string;
  tenantName: string;
  storeId: string;
  storeName: string;
  currency: string;
  activatedAt: string;
}

interface IdentityRow {
  server_url: string;
  device_id: string;
  device_name: string;
  device_token: string;
  tenant_id: string;
  tenant_name: string;
  store_id: string;
  store_name: string;
  currency: string;
  activated_at: string;
}

export function readIdentity(db: StoreDb): Identity | null {
  const row = db.prepare('SELECT * FROM identity WHERE id = 1').get() as IdentityRow | undefined;
  if (!row) return null;
  return {
    serverUrl: row.server_url,
    deviceId: row.device_id,
    deviceName: row.device_name,
    deviceToken: row.device_token,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    storeId: row.store_id,
    storeName: row.store_name,
    currency: row.currency,
    activatedAt: row.activated_at,
  };
}

/** The table holds at most one row (CHECK id = 1); a new activation replaces it. */
export function replaceIdentity(db: StoreDb, identity: Identity): void {
  db.prepare(
    `INSERT OR REPLACE INTO identity
       (id, server_url, device_id, device_name, device_token, tenant_id, tenant_name, store_id, store_name,
        currency, activated_at)
     VALUES (1, @serverUrl, @deviceId, @deviceName, @deviceToken, @tenantId, @tenantName, @storeId, @storeName,
        @currency, @activatedAt)`,
  ).run(identity);
}

/** The demo's server may come back on another port; a real register keeps the URL it was activated with. */
export function updateServerUrl(db: StoreDb, serverUrl: string): void {
  db.prepare('UPDATE identity SET server_url = ? WHERE id = 1').run(serverUrl);
}
