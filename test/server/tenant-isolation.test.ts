import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { newId } from '../../src/common/ids.js';
import type { SyncEvent } from '../../src/common/protocol/sync.js';
import { storeDayOf } from '../../src/common/time.js';
import { createApp } from '../../src/server/app.js';
import { bearer, bootstrapTenant, superadminToken, testApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice } from '../helpers/sync.js';

/**
 * Two shops on one server, each with a register's day pushed; every GET route of the app is read as shop A and the
 * answer must hold A's own rows and nothing of B: no id, name, number or amount. A GET route added without a case
 * here fails the coverage test, so isolation is decided for each new read.
 */

interface Shop {
  label: string;
  tenantId: string;
  tenantName: string;
  ownerEmail: string;
  ownerToken: string;
  deviceId: string;
  deviceToken: string;
  cashierId: string;
  cashierName: string;
  productId: string;
  productName: string;
  sku: string;
  receiptHeader: string;
  shiftId: string;
  saleId: string;
  receiptNo: string;
  refundNo: string;
  auditId: string;
  auditReason: string;
  flaggedId: string;
  rejectedId: string;
  /** Amounts in tiyin only this shop's data holds: price, sale total, refund total, audit amount. */
  amounts: number[];
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

/** One shop: a cashier, a product with stock, settings, and a register's shift pushed (sale, refund, audit, odd events). */
async function seedShop(t: TestApp, label: string, price: number, qty: number): Promise<Shop> {
  const tag = `${label}${Math.random().toString(36).slice(2, 7)}`;
  const tenantName = `Shop ${tag}`;
  const tenant = await bootstrapTenant(t, { tenantName });
  const owner = bearer(tenant.ownerToken);
  const cashierName = `Cashier ${tag}`;
  const cashier = await t.http
    .post('/users')
    .set(...owner)
    .send({ role: 'cashier', name: cashierName, pin: label === 'A' ? '1357' : '2468' })
    .expect(201);
  const cashierId = cashier.body.user.id as string;
  const productName = `Product ${tag}`;
  const product = await createProduct(t, tenant.ownerToken, { name: productName, price, sku: `SKU-${tag}` });
  await t.http
    .post('/stock/receipts')
    .set(...owner)
    .send({ lines: [{ productId: product.id, qty: 50_000 }] })
    .expect(201);
  const receiptHeader = `Header ${tag}`;
  await t.http
    .patch('/settings')
    .set(...owner)
    .send({ receiptHeader })
    .expect(200);
  const device = await activateFirstDevice(t, tenant);

  const shiftId = newId();
  const total = (price * qty) / 1000;
  const line = {
    productId: product.id,
    name: productName,
    qty,
    unitPrice: price,
    discount: 0,
    total,
    vatRate: 1200,
  };
  const sale = (cashier: string, receiptNo: string, lines = [line]): SyncEvent => ({
    id: newId(),
    type: 'sale.completed',
    occurredAt: minutesAgo(3),
    data: {
      receiptNo,
      shiftId,
      cashierId: cashier,
      lines,
      discount: 0,
      total,
      payments: [{ method: 'cash', amount: total }],
      change: 0,
    },
  });
  const receiptNo = `${tag}-000001`;
  const saleEvent = sale(cashierId, receiptNo);
  // An unknown cashier is accepted and flagged; an unknown product is refused and kept.
  const flagged = sale(newId(), `${tag}-000002`);
  const rejected = sale(cashierId, `${tag}-000003`, [{ ...line, productId: newId() }]);
  const refundNo = `${tag}-R000001`;
  const auditReason = `Reason ${tag}`;
  const auditAmount = price + 1;
  const events: SyncEvent[] = [
    {
      id: newId(),
      type: 'shift.opened',
      occurredAt: minutesAgo(4),
      data: { shiftId, cashierId, openingCash: 0 },
    },
    saleEvent,
    flagged,
    rejected,
    {
      id: newId(),
      type: 'sale.refunded',
      occurredAt: minutesAgo(2),
      data: {
        refundNo,
        saleId: saleEvent.id,
        lines: [{ productId: product.id, qty: 1000, total: price }],
        payments: [{ method: 'cash', amount: price }],
        total: price,
        shiftId,
        cashierId,
      },
    },
    {
      id: newId(),
      type: 'audit.recorded',
      occurredAt: minutesAgo(2),
      data: { kind: 'line.voided', shiftId, cashierId, amount: auditAmount, reason: auditReason, detail: {} },
    },
    {
      id: newId(),
      type: 'shift.closed',
      occurredAt: minutesAgo(1),
      data: { shiftId, countedCash: total - price },
    },
  ];
  const pushed = await t.http
    .post('/sync/push')
    .set(...bearer(device.token))
    .send({ events })
    .expect(200);
  const statuses = (pushed.body.results as Array<{ id: string; status: string }>).map((r) => r.status);
  assert.deepEqual(statuses, ['applied', 'applied', 'applied', 'rejected', 'applied', 'applied', 'applied']);
  return {
    label,
    tenantId: tenant.tenantId,
    tenantName,
    ownerEmail: tenant.ownerEmail,
    ownerToken: tenant.ownerToken,
    deviceId: device.id,
    deviceToken: device.token,
    cashierId,
    cashierName,
    productId: product.id,
    productName,
    sku: product.sku,
    receiptHeader,
    shiftId,
    saleId: saleEvent.id,
    receiptNo,
    refundNo,
    auditId: events[5]!.id,
    auditReason,
    flaggedId: flagged.id,
    rejectedId: rejected.id,
    amounts: [price, total, total - price, auditAmount],
  };
}

/** The strings that identify a shop's data wherever they show up. */
function marksOf(shop: Shop): string[] {
  return [
    shop.tenantId,
    shop.tenantName,
    shop.ownerEmail,
    shop.deviceId,
    shop.cashierId,
    shop.cashierName,
    shop.productId,
    shop.productName,
    shop.sku,
    shop.receiptHeader,
    shop.shiftId,
    shop.saleId,
    shop.receiptNo,
    shop.refundNo,
    shop.auditId,
    shop.auditReason,
    shop.flaggedId,
    shop.rejectedId,
  ];
}

/** Every string and number in a JSON answer (keys included), or the text of a non-JSON one. */
function leaves(value: unknown, out: { strings: string[]; numbers: number[] }): void {
  if (typeof value === 'string') out.strings.push(value);
  else if (typeof value === 'number') out.numbers.push(value);
  else if (Array.isArray(value)) for (const v of value) leaves(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.strings.push(k);
      leaves(v, out);
    }
}

function assertNothingOf(other: Shop, res: request.Response, route: string): void {
  const found = { strings: [] as string[], numbers: [] as number[] };
  leaves(res.type === 'application/json' ? res.body : res.text, found);
  for (const mark of marksOf(other)) {
    const hit = found.strings.find((s) => s.includes(mark));
    assert.equal(hit, undefined, `${route} shows shop ${other.label}'s "${mark}"`);
  }
  for (const amount of other.amounts) {
    assert.ok(!found.numbers.includes(amount), `${route} shows shop ${other.label}'s amount ${amount}`);
  }
}

function assertShows(res: request.Response, route: string, expected: Array<string | number>): void {
  const text = JSON.stringify(res.body);
  for (const mark of expected) {
    const seen =
      typeof mark === 'number' ? new RegExp(`[:\\[,]${mark}[,\\]}]`).test(text) : text.includes(mark);
    assert.ok(seen, `${route} should show its own shop's ${mark}: ${text.slice(0, 400)}`);
  }
}

type Who = 'owner' | 'device' | 'nobody';

interface ReadCase {
  /** The express route, as `GET <mount><path>`. */
  route: string;
  /** The request made; defaults to the route. */
  path?: (own: Shop, other: Shop) => string;
  as: Who;
  status: number;
  /** What of its own shop the answer must hold, so an empty answer cannot pass for an isolated one. */
  shows?: (own: Shop) => Array<string | number>;
  /** The error code of a refusal. */
  code?: string;
  /** What this request asks, when a route has several cases. */
  variant?: string;
  /** The list that must come back empty: a filter naming the other shop's row finds nothing. */
  empty?: (body: Record<string, unknown[]>) => unknown[] | undefined;
}

// Store days (Asia/Tashkent), as the reports count them.
const today = () => storeDayOf(Date.now());
const yesterday = () => storeDayOf(Date.now() - 24 * 3600_000);
const period = () => `from=${yesterday()}&to=${today()}`;

/** Every GET route of the app: who reads it and what of its own shop it must show. */
const READS: ReadCase[] = [
  { route: 'GET /health', as: 'nobody', status: 200 },
  { route: 'GET /admin/*', variant: 'the panel page', path: () => '/admin/', as: 'nobody', status: 200 },
  { route: 'GET /auth/me', as: 'owner', status: 200, shows: (s) => [s.ownerEmail, s.tenantId] },
  { route: 'GET /devices/me', as: 'device', status: 200, shows: (s) => [s.deviceId, s.tenantName] },
  { route: 'GET /devices', as: 'owner', status: 200, shows: (s) => [s.deviceId] },
  { route: 'GET /tenants', as: 'owner', status: 403, code: 'FORBIDDEN' },
  {
    route: 'GET /tenants/:id/licence-history',
    variant: "the other shop's licence history",
    path: (_own, other) => `/tenants/${other.tenantId}/licence-history`,
    as: 'owner',
    status: 403,
    code: 'FORBIDDEN',
  },
  { route: 'GET /products', as: 'owner', status: 200, shows: (s) => [s.productId, s.productName, s.sku] },
  {
    route: 'GET /products',
    variant: "search for the other shop's product",
    path: (_own, other) => `/products?search=${encodeURIComponent(other.productName)}`,
    empty: (b) => b.products,
    as: 'owner',
    status: 200,
  },
  { route: 'GET /stock', as: 'owner', status: 200, shows: (s) => [s.productId, s.productName] },
  { route: 'GET /stock/levels', as: 'owner', status: 200, shows: (s) => [s.productId, s.sku] },
  { route: 'GET /users', as: 'owner', status: 200, shows: (s) => [s.cashierId, s.cashierName] },
  { route: 'GET /settings', as: 'owner', status: 200, shows: (s) => [s.receiptHeader] },
  {
    route: 'GET /reports/sales',
    variant: 'by day',
    path: () => `/reports/sales?${period()}&groupBy=day`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.amounts[0]!],
  },
  {
    route: 'GET /reports/sales',
    variant: 'by register',
    path: () => `/reports/sales?${period()}&groupBy=device`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.deviceId, s.amounts[0]!],
  },
  {
    route: 'GET /reports/sales',
    variant: 'by cashier',
    path: () => `/reports/sales?${period()}&groupBy=cashier`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.cashierId, s.cashierName],
  },
  {
    route: 'GET /reports/sales',
    variant: 'by product',
    path: () => `/reports/sales?${period()}&groupBy=product`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.productId, s.productName, s.amounts[0]!],
  },
  {
    route: 'GET /reports/shifts',
    path: () => `/reports/shifts?${period()}`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.shiftId, s.cashierName],
  },
  {
    route: 'GET /reports/best-sellers',
    path: () => `/reports/best-sellers?${period()}`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.productId],
  },
  {
    route: 'GET /reports/receipts',
    variant: 'of the period',
    path: () => `/reports/receipts?${period()}`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.saleId, s.receiptNo, s.refundNo],
  },
  {
    route: 'GET /reports/receipts',
    variant: "the other shop's receipt number",
    path: (_own, other) => `/reports/receipts?receiptNo=${other.receiptNo}`,
    empty: (b) => b.receipts,
    as: 'owner',
    status: 200,
  },
  {
    route: 'GET /reports/stock',
    path: () => '/reports/stock?lowBelow=100000',
    as: 'owner',
    status: 200,
    shows: (s) => [s.productId, s.productName],
  },
  {
    route: 'GET /reports/audit',
    variant: 'of the period',
    path: () => `/reports/audit?${period()}`,
    as: 'owner',
    status: 200,
    shows: (s) => [s.auditId, s.auditReason, s.cashierName, s.amounts[3]!],
  },
  {
    route: 'GET /reports/audit',
    variant: "filtered by the other shop's register",
    path: (_own, other) => `/reports/audit?${period()}&device=${other.deviceId}`,
    empty: (b) => b.events,
    as: 'owner',
    status: 200,
  },
  {
    route: 'GET /reports/audit',
    variant: "filtered by the other shop's cashier",
    path: (_own, other) => `/reports/audit?${period()}&cashier=${other.cashierId}`,
    empty: (b) => b.events,
    as: 'owner',
    status: 200,
  },
  {
    route: 'GET /sales/lookup',
    variant: 'its own receipt',
    path: (own) => `/sales/lookup?receipt=${own.receiptNo}`,
    as: 'device',
    status: 200,
    shows: (s) => [s.saleId, s.receiptNo, s.refundNo, s.productId, s.amounts[1]!],
  },
  {
    route: 'GET /sales/lookup',
    variant: "the other shop's receipt",
    path: (_own, other) => `/sales/lookup?receipt=${other.receiptNo}`,
    as: 'device',
    status: 404,
    code: 'RECEIPT_NOT_FOUND',
  },
  {
    route: 'GET /sales/lookup',
    variant: "the digits of the other shop's receipt",
    path: () => '/sales/lookup?receipt=1',
    as: 'device',
    status: 404,
    code: 'RECEIPT_NOT_FOUND',
  },
  { route: 'GET /sync/rejected', as: 'owner', status: 200, shows: (s) => [s.rejectedId] },
  { route: 'GET /sync/review', as: 'owner', status: 200, shows: (s) => [s.flaggedId] },
  {
    route: 'GET /sync/pull',
    path: () => '/sync/pull?cursor=0&limit=1000',
    as: 'device',
    status: 200,
    shows: (s) => [s.productId, s.cashierId, s.receiptHeader],
  },
];

/** The GET routes an express app answers, as `GET /mount/path`, read from its router stacks. */
function getRoutes(app: Express): string[] {
  const found: string[] = [];
  type Layer = {
    rawPath?: string | RegExp;
    route?: { path: string | RegExp; methods: Record<string, boolean> };
    handle: { stack?: Layer[] };
  };
  const shown = (path: string | RegExp | undefined) =>
    path === undefined || path === '/' ? '' : path instanceof RegExp ? '/*' : path;
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.route.methods.get) found.push(`GET ${prefix}${shown(layer.route.path)}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, prefix + shown(layer.rawPath));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(found.map((r) => (r === 'GET ' ? 'GET /' : r)))].sort();
}

for (const dialect of testDialects()) {
  describe(`two shops read only their own data on every GET route [${dialect}]`, function () {
    let t: TestApp;
    let app: Express;
    let panelDir: string;
    let shops: [Shop, Shop];

    before(async function () {
      this.timeout(60_000);
      t = await testApp(dialect);
      // A stand-in panel, so /admin is mounted whether or not the real one is built.
      panelDir = mkdtempSync(join(tmpdir(), 'posapp-panel-'));
      writeFileSync(join(panelDir, 'index.html'), '<!doctype html><title>POSAPP</title>');
      app = createApp(t.deps, { panelDir });
      await superadminToken(t);
      shops = [await seedShop(t, 'A', 1_357_00, 3_000), await seedShop(t, 'B', 2_468_00, 7_000)];
    });
    after(async () => {
      await t?.close();
      if (panelDir) rmSync(panelDir, { recursive: true, force: true });
    });

    it('has an isolation case for every GET route of the app, and no case for a route that is gone', () => {
      const routes = getRoutes(app);
      const covered = [...new Set(READS.map((c) => c.route))].sort();
      assert.deepEqual(covered, routes);
    });

    for (const c of READS) {
      const label = c.variant ? `${c.route} (${c.variant})` : c.route;
      it(`${label}: each shop sees its own rows and nothing of the other`, async () => {
        for (const [own, other] of [shops, [shops[1], shops[0]] as const]) {
          const url = c.path ? c.path(own, other) : c.route.slice('GET '.length);
          const req = request(app).get(url);
          if (c.as === 'owner') req.set(...bearer(own.ownerToken));
          if (c.as === 'device') req.set(...bearer(own.deviceToken));
          const res = await req;
          assert.equal(res.status, c.status, `${url} as ${own.label}'s ${c.as}: ${res.text.slice(0, 300)}`);
          if (c.code) assert.equal(res.body.error.code, c.code);
          if (c.shows) assertShows(res, url, c.shows(own));
          if (c.empty) assert.deepEqual(c.empty(res.body), [], url);
          assertNothingOf(other, res, url);
        }
      });
    }
  });
}
