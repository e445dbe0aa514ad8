import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../src/common/ids.js';
import { hashSecret } from '../src/node/secret-hash.js';
import { openRegister, closeRegister } from '../src/terminal/register/context.js';
import { searchCatalog } from '../src/terminal/register/selling.js';
import { openStore } from '../src/terminal/store/connection.js';
import { applyChange } from '../src/terminal/store/queries/catalog.js';
import { ftsText } from '../src/terminal/store/search-text.js';
import { replaceIdentity } from '../src/terminal/store/queries/identity.js';
import { saveCursor } from '../src/terminal/store/queries/sync.js';
import { percentile, timeEach, type Bench } from './harness.js';

const ROOT = join(import.meta.dirname, '..');
const words = [
  'olma',
  'non',
  'sut',
  'choy',
  'shakar',
  'guruch',
  'yog',
  'tuxum',
  'pishloq',
  'kolbasa',
  'suv',
  'sharbat',
];

/** A register with `count` products written the way a pull would leave them (table rows, barcode index, FTS). */
export async function registerWithCatalog(count: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posapp-bench-ui-'));
  const db = openStore(dataDir, { create: true });
  const deviceId = newId();
  replaceIdentity(db, {
    serverUrl: 'http://127.0.0.1:9',
    deviceId,
    deviceName: 'POS-01',
    deviceToken: 'token',
    tenantId: newId(),
    tenantName: 'Bench',
    storeName: 'Bench store',
    storeId: newId(),
    currency: 'UZS',
    activatedAt: new Date().toISOString(),
  });
  saveCursor(db, 1, deviceId);
  applyChange(db, {
    entity: 'cashier',
    op: 'upsert',
    id: newId(),
    data: { name: 'Bench', pinHash: await hashSecret('1234', 10), active: true },
  });
  const product = db.prepare(
    "INSERT INTO products (id, sku, name, price, unit, vat_rate, active) VALUES (?, ?, ?, ?, 'pcs', 1200, 1)",
  );
  const barcode = db.prepare('INSERT INTO barcodes (barcode, product_id) VALUES (?, ?)');
  const search = db.prepare('INSERT INTO product_search (rowid, name_key) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = newId();
      const name = `${words[i % words.length]} ${words[(i * 7) % words.length]} ${i}`;
      const rowid = product.run(id, `SKU${i}`, name, 100_000 + (i % 1000) * 100).lastInsertRowid;
      barcode.run(String(2_000_000_000_000 + i), id);
      search.run(rowid, ftsText(name));
    }
  })();
  db.close();
  return dataDir;
}

/** Peak resident memory so far of a running process, from /proc (Linux); null elsewhere. */
function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Starts the built `pos` (no TTY: Ink still draws the first screen) and reads the startup time it logs, and its
 * peak memory once the PIN screen is up. A terminal tells its size; without one Ink would run `tput` on every
 * layout, so COLUMNS and LINES stand in for it.
 */
async function startUi(dataDir: string): Promise<{ ms: number; rssMb: number | null }> {
  const log = join(dataDir, 'pos.log');
  rmSync(log, { force: true });
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'pos.js'), '--data-dir', dataDir], {
    env: { ...process.env, COLUMNS: '100', LINES: '30' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const match = existsSync(log) ? /"readyMs":(\d+)/.exec(readFileSync(log, 'utf8')) : null;
      if (match) return { ms: Number(match[1]), rssMb: peakRssMb(child.pid!) };
      if (Date.now() > deadline) throw new Error('pos never logged "ui ready"');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill();
  }
}

export const registerUiStart: Bench = async ({ quick, log }) => {
  const count = quick ? 100_000 : 1_000_000;
  log(`writing a register catalog of ${count} products`);
  const dataDir = await registerWithCatalog(count);
  const emptyDir = await registerWithCatalog(0);
  try {
    const runs = quick ? 3 : 7;
    const starts: number[] = [];
    const emptyStarts: number[] = [];
    const rss: number[] = [];
    // Alternating, so a busy moment of the machine weighs on both alike.
    for (let i = 0; i < runs; i++) {
      const full = await startUi(dataDir);
      starts.push(full.ms);
      if (full.rssMb !== null) rss.push(full.rssMb);
      emptyStarts.push((await startUi(emptyDir)).ms);
    }
    // The floor: Node starting and stopping with nothing to do.
    const bare = timeEach(runs, () => {
      spawnSync(process.execPath, ['-e', '0']);
    });
    const help = timeEach(runs, () => {
      spawnSync(process.execPath, [join(ROOT, 'bin', 'pos.js'), '--help']);
    });
    const ctx = openRegister(dataDir);
    const searches = timeEach(50, (i) => searchCatalog(ctx, words[i % words.length]!.slice(0, 2 + (i % 3))));
    closeRegister(ctx);
    const label = `${count / 1000}k products`;
    return [
      {
        name: 'register-ui',
        metric: `cold start to PIN screen, median of ${runs}, ${label}`,
        value: percentile(starts, 50),
        unit: 'ms',
        target: '≤ 400 ms',
        pass: percentile(starts, 50) <= 400,
        baseline: percentile(bare, 50),
        notes: `baseline node -e 0; min ${Math.min(...starts)} ms, max ${Math.max(...starts)} ms; empty catalog ${percentile(emptyStarts, 50)} ms; COLUMNS/LINES set, no TTY`,
      },
      {
        name: 'register-ui',
        metric: `ratio ${label}/empty catalog (median)`,
        value: percentile(starts, 50) / percentile(emptyStarts, 50),
        unit: '×',
        target: '≤ 1.1',
        pass: percentile(starts, 50) / percentile(emptyStarts, 50) <= 1.1,
      },
      ...(rss.length > 0
        ? [
            {
              name: 'register-ui',
              metric: `peak RSS at the PIN screen, median, ${label}`,
              value: percentile(rss, 50),
              unit: 'MB',
              target: '≤ 120 MB',
              pass: percentile(rss, 50) <= 120,
              notes: '/proc VmHWM',
            },
          ]
        : []),
      {
        name: 'register-ui',
        metric: `pos --help wall time, median of ${runs}`,
        value: percentile(help, 50),
        unit: 'ms',
        target: '≤ 400 ms',
        pass: percentile(help, 50) <= 400,
      },
      {
        name: 'register-ui',
        metric: `name search as typed, p95, ${label}`,
        value: percentile(searches, 95),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: percentile(searches, 95) <= 50,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
};
