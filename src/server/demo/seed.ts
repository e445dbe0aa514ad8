import { bootstrapBody } from '../../common/protocol/tenants.js';
import { importCsvHeader } from '../../common/protocol/catalog.js';
import type { AppDeps, TenantContext } from '../context.js';
import { importProductsCsv } from '../catalog/import.js';
import { receiveStock } from '../stock/service.js';
import { bootstrapTenant } from '../bootstrap/service.js';
import { createTenantUser } from '../users/people.js';
import { createSuperadmin, findLoginAccount } from '../users/service.js';
import { generateCatalog, type GeneratedProduct } from './catalog-generator.js';

/** Fixed demo logins: the demo is a sandbox on the user's own machine, printed on screen at start. */
export const demoAccounts = {
  superadmin: { email: 'admin@demo.posapp.uz', password: 'demo-admin-2026' },
  owner: { email: 'owner@demo.posapp.uz', password: 'demo-owner-2026' },
  cashier: { name: 'Dilnoza', pin: '1234' },
  tenantName: 'Demo doʻkon',
  storeName: 'Chilonzor filiali',
} as const;

export interface DemoStore {
  tenantId: string;
  /** Only on the first run: the key of POS-01, which the demo activates at once. */
  deviceKey: string | null;
  created: boolean;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The generated catalog as the import CSV the owner would upload (price in so'm, VAT in percent). */
export function catalogCsv(products: readonly GeneratedProduct[]): string {
  const lines = [importCsvHeader.join(',')];
  for (const p of products) {
    lines.push(
      [
        p.sku,
        csvField(p.name),
        p.barcodes.join('|'),
        String(p.price / 100),
        p.unit,
        String(p.vatRate / 100),
        p.mxik ?? '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Makes the demo shop once: platform owner, tenant with two registers allowed, a generated catalog with stock,
 * a cashier. A second run finds the owner's login and reuses everything.
 */
export async function seedDemoStore(deps: AppDeps, productCount = 240): Promise<DemoStore> {
  const existing = await findLoginAccount(deps.db.knex, demoAccounts.owner.email);
  if (existing?.user.tenantId) return { tenantId: existing.user.tenantId, deviceKey: null, created: false };

  if (!(await findLoginAccount(deps.db.knex, demoAccounts.superadmin.email))) {
    await createSuperadmin(deps, demoAccounts.superadmin);
  }
  const boot = await bootstrapTenant(
    deps,
    bootstrapBody.parse({
      tenantName: demoAccounts.tenantName,
      storeName: demoAccounts.storeName,
      ownerEmail: demoAccounts.owner.email,
      ownerPassword: demoAccounts.owner.password,
      maxDevices: 2,
    }),
  );
  const ctx: TenantContext = {
    ...deps,
    tenantId: boot.tenant.id,
    actor: {
      kind: 'user',
      userId: boot.owner.id,
      sessionId: 'demo-seed',
      role: 'owner',
      tenantId: boot.tenant.id,
    },
  };
  const products = generateCatalog(productCount);
  await importProductsCsv(ctx, catalogCsv(products));
  await receiveStock(ctx, {
    lines: products.map((p, i) => ({
      sku: p.sku,
      qty: (p.unit === 'pcs' ? 20 + (i % 30) : 15 + (i % 10)) * 1000,
    })),
    note: 'demo',
  });
  await createTenantUser(ctx, {
    role: 'cashier',
    name: demoAccounts.cashier.name,
    pin: demoAccounts.cashier.pin,
  });
  return { tenantId: boot.tenant.id, deviceKey: boot.deviceKey, created: true };
}
