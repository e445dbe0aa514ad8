import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ean13 } from '../../src/common/barcode.js';
import { newId } from '../../src/common/ids.js';
import { hashSecret } from '../../src/node/secret-hash.js';
import { closeRegister, openRegister, type RegisterContext } from '../../src/terminal/register/context.js';
import { openStore } from '../../src/terminal/store/connection.js';
import { applyChange } from '../../src/terminal/store/queries/catalog.js';
import { replaceIdentity } from '../../src/terminal/store/queries/identity.js';

export interface OfflineRegister {
  ctx: RegisterContext;
  dataDir: string;
  products: { bread: string; milk: string; apples: string };
  barcodes: { bread: string; milk: string };
  cashierId: string;
  pin: string;
}

/** An activated register with a small pulled catalog and a cashier, no server needed. */
export async function offlineRegister(
  options: {
    cashRounding?: number;
    deviceName?: string;
    /** Store settings on top of the defaults below (seller fields, fiscal data required…). */
    settings?: { legalName?: string; stir?: string; address?: string; fiscalDataRequired?: boolean };
  } = {},
): Promise<OfflineRegister> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posapp-register-'));
  const db = openStore(dataDir, { create: true });
  replaceIdentity(db, {
    serverUrl: 'http://127.0.0.1:9',
    deviceId: newId(),
    deviceName: options.deviceName ?? 'POS-01',
    deviceToken: 'token',
    tenantId: newId(),
    tenantName: 'Otabek Books',
    storeId: newId(),
    storeName: 'Main store',
    currency: 'UZS',
    activatedAt: new Date().toISOString(),
  });
  const products = { bread: newId(), milk: newId(), apples: newId() };
  const barcodes = { bread: ean13('478000000001'), milk: ean13('478000000002') };
  const product = (
    id: string,
    name: string,
    price: number,
    unit: 'pcs' | 'kg',
    codes: string[],
    vatRate = 1200,
  ) =>
    applyChange(db, {
      entity: 'product',
      op: 'upsert',
      id,
      data: {
        sku: name,
        name,
        barcodes: codes,
        price,
        unit,
        vatRate,
        mxik: '10711001001000000',
        active: true,
      },
    });
  product(products.bread, 'Non patir', 500_000, 'pcs', [barcodes.bread], 0);
  product(products.milk, 'Sut 1 l', 1_250_000, 'pcs', [barcodes.milk]);
  product(products.apples, 'Olma qizil', 1_500_000, 'kg', ['00042']);
  applyChange(db, { entity: 'stock', op: 'upsert', id: products.milk, data: { level: 20_000 } });
  const cashierId = newId();
  const pin = '4321';
  applyChange(db, {
    entity: 'cashier',
    op: 'upsert',
    id: cashierId,
    data: { name: 'Dilnoza', pinHash: await hashSecret(pin, 10), active: true },
  });
  applyChange(db, {
    entity: 'settings',
    op: 'upsert',
    id: 'store',
    data: {
      storeName: 'Main store',
      currency: 'UZS',
      defaultVatRate: 1200,
      cashRounding: options.cashRounding ?? 0,
      scaleBarcode: { prefixes: ['20', '21', '22'], itemDigits: 5, value: 'weight' },
      receiptHeader: 'Toshkent, Chilonzor 5',
      maxCashierDiscount: 1000,
      ...options.settings,
    },
  });
  db.close();
  return { ctx: openRegister(dataDir), dataDir, products, barcodes, cashierId, pin };
}

/**
 * Mocha hooks for a suite whose tests each get a fresh `offlineRegister(options)`, closed and deleted after the
 * test. The returned object always stands for the current test's register (assigning `r.ctx` reopens it for that
 * test). Hooks a suite registers before calling this run before the register is closed.
 */
export function offlineRegisterPerTest(options: Parameters<typeof offlineRegister>[0] = {}): OfflineRegister {
  let current: OfflineRegister | undefined;
  beforeEach(async () => {
    current = await offlineRegister(options);
  });
  afterEach(() => {
    if (!current) return;
    closeRegister(current.ctx);
    rmSync(current.dataDir, { recursive: true, force: true });
    current = undefined;
  });
  const now = (): OfflineRegister => {
    if (!current) throw new Error('the register exists only inside a test');
    return current;
  };
  return new Proxy({} as OfflineRegister, {
    get: (_, key) => now()[key as keyof OfflineRegister],
    set: (_, key, value) => {
      (now() as unknown as Record<PropertyKey, unknown>)[key] = value;
      return true;
    },
  });
}
