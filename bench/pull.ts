import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateCatalog } from '../src/server/demo/catalog-generator.js';
import { activateRegister } from '../src/terminal/activation.js';
import { bootstrapTenant } from '../test/helpers/app.js';
import { round, type Bench } from './harness.js';
import type { PullRun } from './pull-register.js';
import { benchServer } from './server.js';

const PAGE = 1000;

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** The generated catalog as an owner's price list: so‘m, VAT in percent, barcodes joined by |. */
export function catalogCsv(count: number): string {
  const lines = ['sku,name,barcode,price,unit,vatRate,mxik'];
  for (const p of generateCatalog(count, 2027)) {
    lines.push(
      [
        csvCell(p.sku),
        csvCell(p.name),
        csvCell(p.barcodes.join('|')),
        String(p.price / 100),
        p.unit,
        String(p.vatRate / 100),
        p.mxik ?? '',
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** A fresh register pulls the whole catalog with syncOnce (in a child process, for its RSS) vs a bare paged select. */
export const pull: Bench = async (ctx) => {
  const count = ctx.quick ? 10_000 : 100_000;
  const s = await benchServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'posapp-bench-pull-'));
  try {
    const tenant = await bootstrapTenant(s.t);
    const importStart = performance.now();
    const res = await fetch(`${s.url}/products/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${tenant.ownerToken}` },
      body: catalogCsv(count),
    });
    const imported = (await res.json()) as { imported?: number; rejected?: unknown[] };
    if (res.status !== 200 || imported.imported !== count)
      throw new Error(`import answered ${res.status}: ${JSON.stringify(imported).slice(0, 300)}`);
    const importSeconds = (performance.now() - importStart) / 1000;
    ctx.log(`pull [${s.dialect}]: ${count} products imported in ${round(importSeconds, 1)} s`);

    await activateRegister({
      dataDir,
      serverUrl: s.url,
      deviceKey: tenant.firstDeviceKey,
      hostname: 'bench',
    });
    // Async: the server in this process must keep serving while the register pulls.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'pull-register.ts'), dataDir, String(PAGE)],
      { maxBuffer: 1 << 20 },
    );
    const run = JSON.parse(stdout.trim().split('\n').pop()!) as PullRun;

    const knex = s.t.db.knex;
    const bareStart = performance.now();
    let after = '';
    let rows = 0;
    for (;;) {
      const page = await knex('products')
        .where({ tenant_id: tenant.tenantId })
        .andWhere('id', '>', after)
        .orderBy('id')
        .limit(PAGE);
      if (page.length === 0) break;
      await knex('product_barcodes')
        .where({ tenant_id: tenant.tenantId })
        .whereIn(
          'product_id',
          page.map((p: { id: string }) => p.id),
        );
      rows += page.length;
      after = page[page.length - 1].id;
    }
    const bareSeconds = (performance.now() - bareStart) / 1000;
    const growth = run.rssPeakMb - run.rssBeforeMb;
    const complete = run.pulled >= count && rows === count;
    return [
      {
        name: `pull [${s.dialect}]`,
        metric: `seconds, ${count} products, pages of ${PAGE}`,
        value: run.seconds,
        unit: 's',
        target: '≤ 10 s',
        pass: run.seconds <= 10 && complete,
        baseline: bareSeconds,
        notes: `${run.pulled} changes pulled; bare paged select ${rows} rows; CSV import ${round(importSeconds, 1)} s`,
      },
      {
        name: `pull [${s.dialect}]`,
        metric: `peak RSS growth during pull, ${count}`,
        value: growth,
        unit: 'MB',
        target: '≤ 50 MB',
        pass: growth <= 50,
        notes: `register process ${round(run.rssBeforeMb, 1)} → ${round(run.rssPeakMb, 1)} MB`,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await s.close();
  }
};
