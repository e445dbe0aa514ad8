import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ean13 } from '../src/common/barcode.js';
import { newId } from '../src/common/ids.js';
import { FiscalEmulator } from '../src/terminal/fiscal/emulator.js';
import { fdsAdapter } from '../src/terminal/fiscal/fds.js';
import { fiscalTime, type JsonReceipt } from '../src/terminal/fiscal/json-receipt.js';
import { fiscaliseDocument, openFiscalShift, setFiscalFds } from '../src/terminal/fiscal/service.js';
import { closeRegister, openRegister } from '../src/terminal/register/context.js';
import { printSale, savePrinterConfig } from '../src/terminal/register/printing.js';
import { checkout, scanIntoCart } from '../src/terminal/register/selling.js';
import { openShift } from '../src/terminal/register/shift.js';
import { cartTotals, emptyCart, type CartState } from '../src/terminal/sale/cart.js';
import { openStore } from '../src/terminal/store/connection.js';
import { applyChange } from '../src/terminal/store/queries/catalog.js';
import { replaceIdentity } from '../src/terminal/store/queries/identity.js';
import { percentile, round, timeEachAsync, type Bench } from './harness.js';

/** A register with three products carrying MXIK and package codes, fiscalising through `url`. */
function fiscalStore(dataDir: string): string[] {
  const db = openStore(dataDir, { create: true });
  replaceIdentity(db, {
    serverUrl: 'http://127.0.0.1:9',
    deviceId: newId(),
    deviceName: 'POS-01',
    deviceToken: 'token',
    tenantId: newId(),
    tenantName: 'Bench',
    storeId: newId(),
    storeName: 'Bench store',
    currency: 'UZS',
    activatedAt: new Date().toISOString(),
  });
  const barcodes = [1, 2, 3].map((i) => ean13(`47800000010${i}`));
  barcodes.forEach((barcode, i) =>
    applyChange(db, {
      entity: 'product',
      op: 'upsert',
      id: newId(),
      data: {
        sku: `fiscal-${i}`,
        name: `Mahsulot ${i + 1}`,
        barcodes: [barcode],
        price: 1_250_000 * (i + 1),
        unit: 'pcs',
        vatRate: 1200,
        mxik: '10711001001000000',
        packageCode: '1495086',
        active: true,
      },
    }),
  );
  db.close();
  return barcodes;
}

/**
 * `fiscal`: what a cashier waits for after pressing Pay on a fiscal register (sale commit + FM signature
 * through FiscalDriveService + the receipt with its QR code written to the printer), against the bare round
 * trip of the same two FM calls (GetTXID + RegisterTXID) with nothing around them. Both on the emulator.
 */
export const fiscal: Bench = async (ctx) => {
  const n = ctx.quick ? 100 : 500;
  const dataDir = mkdtempSync(join(tmpdir(), 'posapp-bench-fiscal-'));
  const bareEmulator = new FiscalEmulator({ online: true });
  const emulator = new FiscalEmulator({ online: true });
  try {
    // Bare: the two calls on a receipt built once, each stamped a second after the previous (the FM's rule).
    const bareUrl = await bareEmulator.listen();
    const adapter = fdsAdapter({ url: bareUrl, factoryId: bareEmulator.factoryId });
    await adapter.openShift();
    const item = {
      Name: 'Mahsulot',
      Barcode: '',
      Label: '',
      SPIC: '10711001001000000',
      Units: 1,
      PackageCode: '1495086',
      OwnerType: 0 as const,
      Amount: 1000,
      Price: 1_250_000,
      Discount: 0,
      Other: 0,
      VATPercent: 12,
      VAT: 133_929,
    };
    const start = Date.now();
    const receiptAt = (i: number): JsonReceipt => ({
      Time: fiscalTime(start + i * 1000),
      ReceivedCash: 3 * 1_250_000,
      ReceivedCard: 0,
      Type: 0,
      Operation: 0,
      Items: [item, item, item],
      ExtraInfo: {},
    });
    const roundTrip = async (i: number) => {
      const receipt = receiptAt(i);
      await adapter.register(await adapter.begin(receipt), receipt);
    };
    for (let i = 0; i < 20; i++) await roundTrip(i);
    const bare = await timeEachAsync(n, (i) => roundTrip(20 + i));

    const barcodes = fiscalStore(dataDir);
    const url = await emulator.listen();
    const register = openRegister(dataDir);
    try {
      setFiscalFds(register, { url, factoryId: emulator.factoryId });
      savePrinterConfig(register, {
        target: join(dataDir, 'printer.bin'),
        width: 48,
        codePage: 'cp866',
        drawerPin: 2,
      });
      const cashier = { id: newId(), name: 'Dilnoza' };
      openShift(register, cashier, 0);
      await openFiscalShift(register);
      let cart: CartState = emptyCart;
      for (const code of barcodes) cart = scanIntoCart(register, cart, code).state;
      const tenders = [{ method: 'cash' as const, tendered: cartTotals(cart).total }];
      const sell = async () => {
        const sale = checkout(register, { cart, tenders, cashier });
        await fiscaliseDocument(register, sale.saleId);
        await printSale(register, sale);
      };
      for (let i = 0; i < 20; i++) await sell();
      const times = await timeEachAsync(n, sell);
      const p99 = percentile(times, 99);
      const bareP99 = percentile(bare, 99);
      return [
        {
          name: 'fiscal',
          metric: 'p99 sale commit + FM signature + printed receipt with QR (emulator)',
          value: p99,
          unit: 'ms',
          target: '≤ bare FM round trip + 20 ms',
          pass: p99 <= bareP99 + 20,
          baseline: bareP99,
          notes: `p50 ${round(percentile(times, 50), 3)} ms (bare GetTXID + RegisterTXID ${round(
            percentile(bare, 50),
            3,
          )} ms); ${n} sales`,
        },
      ];
    } finally {
      closeRegister(register);
    }
  } finally {
    await emulator.close();
    await bareEmulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
