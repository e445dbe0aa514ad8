import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FiscalEmulator, type EmulatorOptions } from '../../src/terminal/fiscal/emulator.js';
import { openFiscalShift, setFiscalFds } from '../../src/terminal/fiscal/service.js';
import { activateRegister } from '../../src/terminal/activation.js';
import { loginCashier, type Cashier } from '../../src/terminal/register/cashier.js';
import { closeRegister, openRegister, type RegisterContext } from '../../src/terminal/register/context.js';
import { openShift } from '../../src/terminal/register/shift.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import { bearer, bootstrapTenant, superadminToken, type BootstrappedTenant, type TestApp } from './app.js';
import { createProduct, type ProductSeed } from './catalog.js';
import { listen } from './http.js';

export interface FiscalTill {
  ctx: RegisterContext;
  dataDir: string;
  emulator: FiscalEmulator;
  cashier: Cashier;
}

export interface FiscalShop {
  tenant: BootstrappedTenant;
  url: string;
  /** Products with MXIK and package code, as the FM wants them. */
  products: ProductSeed[];
  tills: FiscalTill[];
  close(): Promise<void>;
}

const PIN = '4321';

/**
 * A store on a listening server with `count` activated registers, each with its own FM emulator
 * (`pos fiscal set fds`), the catalog and the cashier pulled, and both shifts (register and FM) open.
 */
export async function fiscalShop(
  t: TestApp,
  count: number,
  emulator: (index: number) => EmulatorOptions = () => ({}),
): Promise<FiscalShop> {
  const server = await listen(t.app);
  const tenant = await bootstrapTenant(t, { maxDevices: count });
  const owner = bearer(tenant.ownerToken);
  await t.http
    .patch(`/tenants/${tenant.tenantId}/max-devices`)
    .set(...bearer(await superadminToken(t)))
    .send({ maxDevices: count });
  await t.http
    .post('/users')
    .set(...owner)
    .send({ role: 'cashier', name: 'Dilnoza', pin: PIN })
    .expect(201);
  const products = [
    await createProduct(t, tenant.ownerToken, {
      name: 'Non patir',
      price: 500_000,
      vatRate: 1200,
      mxik: '10711001001000000',
      packageCode: '1495086',
    }),
    await createProduct(t, tenant.ownerToken, {
      name: 'Sut 1 l',
      price: 1_250_000,
      vatRate: 1200,
      mxik: '10711001001000000',
      packageCode: '1495086',
    }),
  ];
  const keys = [tenant.firstDeviceKey];
  for (let i = 1; i < count; i++) {
    keys.push(
      (
        await t.http
          .post('/devices')
          .set(...owner)
          .send({})
          .expect(201)
      ).body.deviceKey,
    );
  }
  const tills: FiscalTill[] = [];
  for (const [index, key] of keys.entries()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'posapp-fiscal-shop-'));
    await activateRegister({ dataDir, serverUrl: server.url, deviceKey: key, hostname: 'test' });
    const ctx = openRegister(dataDir);
    await syncOnce(ctx.db, ctx.identity);
    const fm = new FiscalEmulator({
      terminalId: `ZZ${String(index + 1).padStart(12, '0')}`,
      factoryId: `EMU00000-0000-0000-0000-${String(index + 1).padStart(12, '0')}`,
      ...emulator(index),
    });
    setFiscalFds(ctx, { url: await fm.listen(), factoryId: fm.factoryId });
    const cashier = await loginCashier(ctx, PIN);
    openShift(ctx, cashier, 0);
    await openFiscalShift(ctx);
    tills.push({ ctx, dataDir, emulator: fm, cashier });
  }
  return {
    tenant,
    url: server.url,
    products,
    tills,
    async close() {
      for (const till of tills) {
        closeRegister(till.ctx);
        await till.emulator.close();
        rmSync(till.dataDir, { recursive: true, force: true });
      }
      await server.close();
    },
  };
}
