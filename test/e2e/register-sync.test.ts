import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../src/common/ids.js';
import { activateRegister } from '../../src/terminal/activation.js';
import { loginCashier } from '../../src/terminal/register/cashier.js';
import { closeRegister, openRegister, type RegisterContext } from '../../src/terminal/register/context.js';
import { checkout, scanIntoCart, stockOf } from '../../src/terminal/register/selling.js';
import { openShift } from '../../src/terminal/register/shift.js';
import { emptyCart } from '../../src/terminal/sale/cart.js';
import { findProductByBarcode } from '../../src/terminal/store/queries/catalog.js';
import { outboxSummary, readSyncState } from '../../src/terminal/store/queries/sync.js';
import { syncOnce } from '../../src/terminal/sync/round.js';
import {
  bearer,
  bootstrapTenant,
  superadminToken,
  testApp,
  type BootstrappedTenant,
  type TestApp,
} from '../helpers/app.js';
import { createProduct, type ProductSeed } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { listen } from '../helpers/http.js';

interface Shop {
  tenant: BootstrappedTenant;
  products: ProductSeed[];
  registers: RegisterContext[];
  dirs: string[];
}

const START_LEVEL = 5_000_000; // 5 000 pieces

async function shopWithRegisters(t: TestApp, url: string, count: number): Promise<Shop> {
  const tenant = await bootstrapTenant(t, { maxDevices: count });
  const owner = bearer(tenant.ownerToken);
  await t.http
    .patch(`/tenants/${tenant.tenantId}/max-devices`)
    .set(...bearer(await superadminToken(t)))
    .send({ maxDevices: count });
  await t.http
    .post('/users')
    .set(...owner)
    .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
    .expect(201);
  const products = [
    await createProduct(t, tenant.ownerToken, { name: 'Non patir', price: 500_000 }),
    await createProduct(t, tenant.ownerToken, { name: 'Sut 1 l', price: 1_250_000 }),
  ];
  await t.http
    .post('/stock/receipts')
    .set(...owner)
    .send({ lines: products.map((p) => ({ productId: p.id, qty: START_LEVEL })) })
    .expect(201);
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
  const dirs: string[] = [];
  const registers: RegisterContext[] = [];
  for (const key of keys) {
    const dir = mkdtempSync(join(tmpdir(), 'posapp-e2e-'));
    await activateRegister({ dataDir: dir, serverUrl: url, deviceKey: key, hostname: 'test' });
    const ctx = openRegister(dir);
    await syncOnce(ctx.db, ctx.identity);
    dirs.push(dir);
    registers.push(ctx);
  }
  return { tenant, products, registers, dirs };
}

async function sellMany(ctx: RegisterContext, products: ProductSeed[], sales: number): Promise<void> {
  const cashier = await loginCashier(ctx, '4321');
  openShift(ctx, cashier, 0);
  for (let i = 0; i < sales; i++) {
    let cart = scanIntoCart(ctx, emptyCart, products[0]!.barcodes[0]!).state;
    cart = scanIntoCart(ctx, cart, `2*${products[1]!.barcodes[0]!}`).state;
    checkout(ctx, { cart, tenders: [{ method: 'cash', tendered: 3_000_000 }], cashier });
  }
}

async function serverLevel(t: TestApp, tenantId: string, productId: string): Promise<number> {
  const row = await t.db.knex('stock_levels').where({ tenant_id: tenantId, product_id: productId }).first();
  return Number(row.level);
}

for (const dialect of testDialects()) {
  describe(`registers and server in sync [${dialect}]`, function () {
    this.timeout(180_000);
    let t: TestApp;
    let server: { url: string; close(): Promise<void> };
    let shop: Shop;
    // Enough for three pushes of 100 from each register at once; the 1000-per-register load is bench/registers-push.
    const SALES = 250;

    before(async () => {
      t = await testApp(dialect);
      server = await listen(t.app);
      shop = await shopWithRegisters(t, server.url, 3);
    });
    after(async () => {
      for (const ctx of shop?.registers ?? []) closeRegister(ctx);
      for (const dir of shop?.dirs ?? []) rmSync(dir, { recursive: true, force: true });
      await server?.close();
      await t?.close();
    });

    it('gives every register the catalog, stock and cashiers with its first sync', () => {
      for (const ctx of shop.registers) {
        assert.ok(findProductByBarcode(ctx.db, shop.products[1]!.barcodes[0]!));
        assert.equal(stockOf(ctx, shop.products[0]!.id), START_LEVEL);
        assert.ok(readSyncState(ctx.db).lastSyncAt);
      }
    });

    it(`three registers sell ${SALES} times each offline, sync concurrently: stock exact, every sale once`, async () => {
      for (const ctx of shop.registers) await sellMany(ctx, shop.products, SALES);
      // Each register already sees its own sales in its stock view.
      assert.equal(stockOf(shop.registers[0]!, shop.products[1]!.id), START_LEVEL - 2000 * SALES);
      const reports = await Promise.all(
        shop.registers.map((ctx) => syncOnce(ctx.db, ctx.identity, { pushBatch: 100 })),
      );
      for (const report of reports) {
        assert.equal(report.pushed, SALES + 1);
        assert.equal(report.pending, 0);
      }
      const sales = await t.db
        .knex('sales')
        .where({ tenant_id: shop.tenant.tenantId })
        .count({ n: '*' })
        .first();
      assert.equal(Number(sales!.n), 3 * SALES);
      assert.equal(
        await serverLevel(t, shop.tenant.tenantId, shop.products[0]!.id),
        START_LEVEL - 1000 * 3 * SALES,
      );
      assert.equal(
        await serverLevel(t, shop.tenant.tenantId, shop.products[1]!.id),
        START_LEVEL - 2000 * 3 * SALES,
      );
      // After one more pull each register sees everybody's sales, its own not counted twice.
      for (const ctx of shop.registers) {
        await syncOnce(ctx.db, ctx.identity);
        assert.equal(stockOf(ctx, shop.products[1]!.id), START_LEVEL - 2000 * 3 * SALES);
      }
      const devices = await t.http
        .get('/devices')
        .set(...bearer(shop.tenant.ownerToken))
        .expect(200);
      for (const device of devices.body.devices) assert.equal(device.unsentEvents, 0);
    });

    it('answers a resend after a lost acknowledgement with duplicate, and changes nothing', async () => {
      const ctx = shop.registers[0]!;
      const cashier = await loginCashier(ctx, '4321');
      const cart = scanIntoCart(ctx, emptyCart, shop.products[0]!.barcodes[0]!).state;
      const sale = checkout(ctx, { cart, tenders: [{ method: 'cash', tendered: 500_000 }], cashier });
      await syncOnce(ctx.db, ctx.identity);
      const before = await serverLevel(t, shop.tenant.tenantId, shop.products[0]!.id);
      // The register "crashed" after the server applied the batch but before it recorded the answer.
      ctx.db
        .prepare("UPDATE outbox SET status = 'pending', server_version = NULL WHERE id = ?")
        .run(sale.saleId);
      const report = await syncOnce(ctx.db, ctx.identity);
      assert.equal(report.duplicates, 1);
      assert.equal(report.pushed, 0);
      assert.equal(await serverLevel(t, shop.tenant.tenantId, shop.products[0]!.id), before);
      const rows = await t.db
        .knex('sales')
        .where({ tenant_id: shop.tenant.tenantId, id: sale.saleId })
        .count({ n: '*' })
        .first();
      assert.equal(Number(rows!.n), 1);
      assert.equal(outboxSummary(ctx.db).pending, 0);
    });

    it('keeps every sale when the server is down, and sends them once it is back', async () => {
      const ctx = shop.registers[1]!;
      const cashier = await loginCashier(ctx, '4321');
      const cart = scanIntoCart(ctx, emptyCart, shop.products[0]!.barcodes[0]!).state;
      const sale = checkout(ctx, { cart, tenders: [{ method: 'cash', tendered: 500_000 }], cashier });
      const offline = { ...ctx.identity, serverUrl: 'http://127.0.0.1:9' };
      await assert.rejects(
        syncOnce(ctx.db, offline),
        /Serverga ulanib bo‘lmadi|SERVER_UNREACHABLE|127\.0\.0\.1:9/,
      );
      assert.equal(readSyncState(ctx.db).online, false);
      assert.equal(outboxSummary(ctx.db).pending, 1);
      const report = await syncOnce(ctx.db, ctx.identity);
      assert.equal(report.pushed, 1);
      assert.ok(await t.db.knex('sales').where({ tenant_id: shop.tenant.tenantId, id: sale.saleId }).first());
    });

    it('catches up on a day of catalog changes in pages', async () => {
      const ctx = shop.registers[2]!;
      for (let i = 0; i < 30; i++)
        await createProduct(t, shop.tenant.ownerToken, { name: `Yangi mahsulot ${i}` });
      const pages: number[] = [];
      const report = await syncOnce(ctx.db, ctx.identity, {
        pullPage: 7,
        onProgress: (p) => pages.push(p.cursor),
      });
      assert.ok(report.pulled >= 30);
      assert.ok(pages.length >= 5, `pulled in ${pages.length} pages`);
      assert.deepEqual(
        pages,
        [...pages].sort((a, b) => a - b),
        'the cursor only moves forward',
      );
    });

    it('delivers what a revoked register sold before the revocation, then tells it so', async () => {
      const ctx = shop.registers[2]!;
      const cashier = await loginCashier(ctx, '4321');
      const cart = scanIntoCart(ctx, emptyCart, shop.products[1]!.barcodes[0]!).state;
      checkout(ctx, { cart, tenders: [{ method: 'cash', tendered: 1_250_000 }], cashier });
      await t.http
        .post(`/devices/${ctx.identity.deviceId}/revoke?force=true`)
        .set(...bearer(shop.tenant.ownerToken))
        .expect(200);
      // The sale was made before the revocation: the server takes it, then the register learns it is revoked.
      const report = await syncOnce(ctx.db, ctx.identity);
      assert.equal(report.revoked, true);
      assert.equal(readSyncState(ctx.db).revoked, true);
      assert.equal(outboxSummary(ctx.db).pending, 0);
    });

    it('lets a cashier the owner disabled no longer log in after the next sync', async () => {
      const ctx = shop.registers[0]!;
      const users = await t.http
        .get('/users')
        .set(...bearer(shop.tenant.ownerToken))
        .expect(200);
      const cashier = users.body.users.find((u: { role: string }) => u.role === 'cashier');
      await t.http
        .post(`/users/${cashier.id}/disable`)
        .set(...bearer(shop.tenant.ownerToken))
        .expect(200);
      await loginCashier(ctx, '4321');
      await syncOnce(ctx.db, ctx.identity);
      await assert.rejects(loginCashier(ctx, '4321'), (e: { code?: string }) => e.code === 'NO_CASHIERS');
    });
  });
}

describe('one sync loop per register', () => {
  it('a second process on the same data dir skips its round while the first holds the sync lock', async () => {
    const t = await testApp('sqlite');
    const server = await listen(t.app);
    const dir = mkdtempSync(join(tmpdir(), 'posapp-lock-'));
    try {
      const tenant = await bootstrapTenant(t);
      await activateRegister({
        dataDir: dir,
        serverUrl: server.url,
        deviceKey: tenant.firstDeviceKey,
        hostname: 'x',
      });
      const a = openRegister(dir);
      const b = openRegister(dir);
      try {
        const [first, second] = await Promise.all([syncOnce(a.db, a.identity), syncOnce(b.db, b.identity)]);
        assert.deepEqual([first.ran, second.ran].sort(), [false, true]);
        assert.equal(newId().length, 36);
      } finally {
        closeRegister(a);
        closeRegister(b);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
      await t.close();
    }
  });
});
