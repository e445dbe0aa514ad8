import type { z } from 'zod';
import { newId } from '../../common/ids.js';
import type { BootstrapResponse, bootstrapBody } from '../../common/protocol/tenants.js';
import { hashSecret } from '../../node/secret-hash.js';
import { initStoreSync } from '../changes/service.js';
import type { AppDeps } from '../context.js';
import { createDeviceInTransaction } from '../devices/service.js';
import { createTenantWithStore, type StoreRow, type TenantRow } from '../tenants/service.js';
import { createLoginUser } from '../users/service.js';

/** The platform owner sells a licence: tenant, its first store, the owner's login and POS-01, all or nothing. */
export async function bootstrapTenant(
  deps: AppDeps,
  body: z.output<typeof bootstrapBody>,
): Promise<BootstrapResponse> {
  const passwordHash = await hashSecret(body.ownerPassword, deps.config.passwordHashCost);
  const now = Date.now();
  const tenant: TenantRow = {
    id: newId(),
    name: body.tenantName,
    max_devices: body.maxDevices,
    devices_used: 0,
    currency: body.currency,
    default_vat_rate: 1200,
    created_at: now,
  };
  const store: StoreRow = { tenant_id: tenant.id, id: newId(), name: body.storeName, created_at: now };
  const result = await deps.db.knex.transaction(async (trx) => {
    await createTenantWithStore(trx, tenant, store);
    await initStoreSync(trx, tenant.id, store.id);
    const owner = await createLoginUser(trx, {
      tenantId: tenant.id,
      role: 'owner',
      name: body.ownerEmail,
      email: body.ownerEmail,
      passwordHash,
    });
    const created = await createDeviceInTransaction(deps, trx, { tenantId: tenant.id, storeId: store.id });
    return { owner, created };
  });
  deps.logger.info({ tenantId: tenant.id, storeId: store.id }, 'tenant bootstrapped');
  return {
    tenant: { id: tenant.id, name: tenant.name, maxDevices: tenant.max_devices },
    store: { id: store.id, name: store.name },
    owner: { id: result.owner.id, email: result.owner.email, role: 'owner' },
    device: result.created.device,
    deviceKey: result.created.deviceKey,
  };
}
