import { bootstrapTenant } from '../test/helpers/app.js';
import { percentile, round, timeEachAsync, type Bench } from './harness.js';
import { catalogCsv } from './pull.js';
import { benchServer } from './server.js';

/**
 * The panel's product search (`GET /products?search=`) over HTTP for a word no name holds — the worst case:
 * the whole name index is read — against the bare scan itself (`COUNT(*) … LIKE`) on the same database. The
 * panel searches 300 ms after the owner stops typing; an answer within 100 ms more feels immediate.
 */
export const panelSearch: Bench = async (ctx) => {
  const count = ctx.quick ? 10_000 : 100_000;
  const s = await benchServer();
  try {
    const tenant = await bootstrapTenant(s.t);
    const res = await fetch(`${s.url}/products/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${tenant.ownerToken}` },
      body: catalogCsv(count),
    });
    if (res.status !== 200) throw new Error(`import answered ${res.status}`);
    ctx.log(`panel-search [${s.dialect}]: ${count} products imported`);
    const words = ['zafaronli', 'qwxyz', 'afaro', 'tarvuzq'];
    const n = ctx.quick ? 40 : 100;
    const search = async (i: number) => {
      const answer = await fetch(`${s.url}/products?search=${words[i % words.length]}&limit=50`, {
        headers: { authorization: `Bearer ${tenant.ownerToken}` },
      });
      if (answer.status !== 200) throw new Error(`search answered ${answer.status}`);
      await answer.json();
    };
    const scan = async (i: number) => {
      await s.t.db.knex.raw('SELECT COUNT(*) AS n FROM products WHERE tenant_id = ? AND name_key LIKE ?', [
        tenant.tenantId,
        `%${words[i % words.length]}%`,
      ]);
    };
    await timeEachAsync(10, search);
    await timeEachAsync(10, scan);
    const baseline = await timeEachAsync(n, scan);
    const times = await timeEachAsync(n, search);
    const p99 = percentile(times, 99);
    return [
      {
        name: 'panel-search',
        metric: `p99 GET /products?search= without hits, ${count / 1000}k products [${s.dialect}]`,
        value: p99,
        unit: 'ms',
        target: '≤ 100 ms',
        pass: p99 <= 100,
        baseline: percentile(baseline, 99),
        notes: `p50 ${round(percentile(times, 50), 1)} ms; ${n} searches`,
      },
    ];
  } finally {
    await s.close();
  }
};
