import { newId } from '../../src/common/ids.js';
import { ean13 } from '../../src/common/barcode.js';
import { FiscalEmulator, type EmulatorOptions } from '../../src/terminal/fiscal/emulator.js';
import { openFiscalShift, setFiscalFds } from '../../src/terminal/fiscal/service.js';
import { loginCashier, type Cashier } from '../../src/terminal/register/cashier.js';
import { openShift } from '../../src/terminal/register/shift.js';
import { applyChange } from '../../src/terminal/store/queries/catalog.js';
import { offlineRegister, type OfflineRegister } from './register.js';

export interface FiscalRegister extends OfflineRegister {
  emulator: FiscalEmulator;
  url: string;
  cashier: Cashier;
  /** A marked product (cigarettes): one marking code per pack. */
  marked: { id: string; barcode: string };
  /** A GS1 DataMatrix code for one pack of the marked product. */
  markingCode(serial: string): string;
}

/**
 * An offline register with the FM emulator on loopback, fiscalisation on (`pos fiscal set fds`), the cashier
 * logged in and both shifts (register and FM) open. The catalog's products carry package codes.
 */
export async function fiscalRegister(options: EmulatorOptions = {}): Promise<FiscalRegister> {
  const r = await offlineRegister();
  const emulator = new FiscalEmulator(options);
  const url = await emulator.listen();
  const db = r.ctx.db;
  const withPackage = (id: string, name: string, price: number, unit: 'pcs' | 'kg', barcodes: string[]) =>
    applyChange(db, {
      entity: 'product',
      op: 'upsert',
      id,
      data: {
        sku: name,
        name,
        barcodes,
        price,
        unit,
        vatRate: 1200,
        mxik: '10711001001000000',
        packageCode: '1495086',
        active: true,
      },
    });
  withPackage(r.products.bread, 'Non patir', 500_000, 'pcs', [r.barcodes.bread]);
  withPackage(r.products.milk, 'Sut 1 l', 1_250_000, 'pcs', [r.barcodes.milk]);
  withPackage(r.products.apples, 'Olma qizil', 1_500_000, 'kg', ['00042']);
  const marked = { id: newId(), barcode: ean13('478000000009') };
  applyChange(db, {
    entity: 'product',
    op: 'upsert',
    id: marked.id,
    data: {
      sku: 'cigarettes',
      name: 'Sigaret Kent',
      barcodes: [marked.barcode],
      price: 2_500_000,
      unit: 'pcs',
      vatRate: 1200,
      mxik: '02402001001000000',
      packageCode: '1514294',
      markingRequired: true,
      active: true,
    },
  });
  setFiscalFds(r.ctx, { url, factoryId: emulator.factoryId });
  const cashier = await loginCashier(r.ctx, r.pin);
  openShift(r.ctx, cashier, 0);
  await openFiscalShift(r.ctx);
  return {
    ...r,
    emulator,
    url,
    cashier,
    marked,
    markingCode: (serial) => `010${marked.barcode}21${serial}\u001d93abcd`,
  };
}
