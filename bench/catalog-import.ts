import { ean13 } from '../src/common/barcode.js';
import { bearer, bootstrapTenant } from '../test/helpers/app.js';
import { activateFirstDevice, pullAll } from '../test/helpers/sync.js';
import { round, type Bench } from './harness.js';
import { benchServer } from './server.js';

/**
 * The owner imports a price list of new products, then the same file again; the register then pulls the changes.
 * The unit suite checks the same with a file one line longer than an import chunk.
 */
export const catalogImport: Bench = async (ctx) => {
  const n = ctx.quick ? 2_000 : 5_000;
  const s = await benchServer();
  try {
    const shop = await bootstrapTenant(s.t);
    const device = await activateFirstDevice(s.t, shop);
    const lines = ['sku,name,barcode,price,unit,vatRate,mxik'];
    for (let i = 0; i < n; i++)
      lines.push(
        `BULK-${i},Mahsulot ${i},${ean13(`47810${String(i).padStart(7, '0')}`)},${1000 + i},pcs,12,`,
      );
    const csv = lines.join('\n');
    const importFile = async () => {
      const started = performance.now();
      const res = await s.t.http
        .post('/products/import')
        .set(...bearer(shop.ownerToken))
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      return { ms: performance.now() - started, body: res.body as { imported: number; unchanged: number } };
    };
    const first = await importFile();
    const pullStarted = performance.now();
    const pulled = await pullAll(s.t, device, '0', 1000);
    const pullMs = performance.now() - pullStarted;
    const again = await importFile();
    const after = await pullAll(s.t, device, pulled.cursor, 1000);
    const products = pulled.changes.filter((c) => c.entity === 'product').length;
    const ok =
      first.body.imported === n && again.body.unchanged === n && products === n && after.changes.length === 0;
    ctx.log(`import [${s.dialect}]: ${n} lines in ${round(first.ms, 0)} ms, again ${round(again.ms, 0)} ms`);
    return [
      {
        name: `import [${s.dialect}]`,
        metric: `${n}-line CSV of new products`,
        value: first.ms,
        unit: 'ms',
        target: 'all imported; again: all unchanged, nothing to pull',
        pass: ok,
        notes: `same file again ${round(again.ms, 0)} ms; register pulled ${products} products in ${round(pullMs, 0)} ms`,
      },
    ];
  } finally {
    await s.close();
  }
};
