import assert from 'node:assert/strict';
import { bearer, bootstrapTenant, superadminToken, testApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../helpers/catalog.js';
import { testDialects } from '../helpers/db.js';
import { activateFirstDevice, saleEvent, type ActiveDevice } from '../helpers/sync.js';

/** Tables a bad request could leave rows in. */
const TABLES = [
  'tenants',
  'users',
  'devices',
  'products',
  'product_barcodes',
  'stock_movements',
  'sync_events',
  'sales',
  'refunds',
  'shifts',
];

const TOO_BIG = 2 ** 53;
const ZWSP = '\u200b';

interface BadRequest {
  what: string;
  method: 'get' | 'post' | 'patch';
  path: string;
  as: 'owner' | 'device' | 'superadmin';
  body?: unknown;
}

/** Routes × bad bodies: each must answer 4xx in the error shape and write nothing. */
function badRequests(productId: string): BadRequest[] {
  const product = { sku: 'NEW-1', name: 'Non', price: 100_00 };
  return [
    { what: 'a malformed id in the path', method: 'post', path: '/devices/%ZZ/revoke', as: 'owner' },
    { what: 'a malformed id in the path', method: 'post', path: '/devices/%ZZ/reset-key', as: 'owner' },
    {
      what: 'a malformed id in the path',
      method: 'patch',
      path: '/products/%E0%A4%A',
      as: 'owner',
      body: {},
    },
    { what: 'a malformed id in the path', method: 'post', path: '/users/%ZZ/disable', as: 'owner' },
    {
      what: 'a zero-width-space name',
      method: 'post',
      path: '/products',
      as: 'owner',
      body: { ...product, name: ZWSP },
    },
    {
      what: 'a name with NUL',
      method: 'post',
      path: '/products',
      as: 'owner',
      body: { ...product, name: 'Non\u0000' },
    },
    {
      what: 'an SKU with a bell',
      method: 'post',
      path: '/products',
      as: 'owner',
      body: { ...product, sku: 'A\u0007' },
    },
    {
      what: 'an invisible-only SKU',
      method: 'post',
      path: '/products',
      as: 'owner',
      body: { ...product, sku: `${ZWSP}\u2060` },
    },
    {
      what: 'a price of 2^53',
      method: 'post',
      path: '/products',
      as: 'owner',
      body: { ...product, price: TOO_BIG },
    },
    {
      what: 'an escape sequence in a name',
      method: 'patch',
      path: `/products/${productId}`,
      as: 'owner',
      body: { name: 'Non\u001b[2J' },
    },
    {
      what: 'an invisible cashier name',
      method: 'post',
      path: '/users',
      as: 'owner',
      body: { role: 'cashier', name: `${ZWSP}${ZWSP}`, pin: '4821' },
    },
    {
      what: 'a receipt of 2^53',
      method: 'post',
      path: '/stock/receipts',
      as: 'owner',
      body: { lines: [{ productId, qty: TOO_BIG }] },
    },
    {
      what: 'a negative receipt',
      method: 'post',
      path: '/stock/receipts',
      as: 'owner',
      body: { lines: [{ productId, qty: -1000 }] },
    },
    { what: 'a lowBelow of 2^53', method: 'get', path: `/stock?lowBelow=${TOO_BIG}`, as: 'owner' },
    {
      what: 'an invisible tenant name',
      method: 'post',
      path: '/bootstrap',
      as: 'superadmin',
      body: { tenantName: ZWSP, storeName: 'Main', ownerEmail: 'z@shop.uz', ownerPassword: 'secret-pass-1' },
    },
    {
      what: 'an outbox report of 2^53 with a good sale',
      method: 'post',
      path: '/sync/push',
      as: 'device',
      body: { events: [saleEvent([productId])], outbox: { pending: TOO_BIG, oldestAt: null } },
    },
    {
      what: 'more than 500 events',
      method: 'post',
      path: '/sync/push',
      as: 'device',
      body: { events: new Array(501).fill({}) },
    },
    {
      what: 'an imported file with a forged device token and a good sale',
      method: 'post',
      path: '/sync/import',
      as: 'owner',
      body: { deviceToken: 'forged.token.value', events: [saleEvent([productId])] },
    },
    {
      what: 'an import of more than 500 events',
      method: 'post',
      path: '/sync/import',
      as: 'owner',
      body: { deviceToken: 'x', events: new Array(501).fill({}) },
    },
    {
      what: 'an import without its device token',
      method: 'post',
      path: '/sync/import',
      as: 'owner',
      body: { events: [saleEvent([productId])] },
    },
    {
      what: 'an import by a register',
      method: 'post',
      path: '/sync/import',
      as: 'device',
      body: { deviceToken: 'x', events: [saleEvent([productId])] },
    },
    { what: 'a pull limit of 2^53', method: 'get', path: `/sync/pull?limit=${TOO_BIG}`, as: 'device' },
    {
      what: 'a pull cursor that is not a number',
      method: 'get',
      path: '/sync/pull?cursor=abc',
      as: 'device',
    },
  ];
}

async function counts(t: TestApp): Promise<Record<string, number>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const row = await t.db.knex(table).count({ n: '*' }).first();
      return [table, Number(row!.n)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

for (const dialect of testDialects()) {
  describe(`bad input to every route [${dialect}]`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let tokens: Record<BadRequest['as'], string>;
    let device: ActiveDevice;
    let productId: string;
    before(async () => {
      t = await testApp(dialect);
      const tenant = await bootstrapTenant(t);
      device = await activateFirstDevice(t, tenant);
      productId = (await createProduct(t, tenant.ownerToken)).id;
      tokens = { owner: tenant.ownerToken, device: device.token, superadmin: await superadminToken(t) };
    });
    after(() => t.close());

    it('answers each bad request 4xx in the error shape and writes no row', async () => {
      const before = await counts(t);
      for (const bad of badRequests(productId)) {
        const req = t.http[bad.method](bad.path).set(...bearer(tokens[bad.as]));
        const res = await (bad.body === undefined ? req : req.send(bad.body as object));
        const label = `${bad.method.toUpperCase()} ${bad.path} with ${bad.what}`;
        assert.ok(
          res.status >= 400 && res.status < 500,
          `${label}: ${res.status} ${JSON.stringify(res.body)}`,
        );
        assert.equal(typeof res.body.error?.code, 'string', label);
        assert.deepEqual(await counts(t), before, `${label} wrote rows`);
      }
      const row = await t.db.knex('devices').where({ id: device.id }).first();
      assert.equal(row.unsent_events, null, 'the refused outbox report is not recorded either');
    });
  });
}
