import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import { machine, round, type Bench, type BenchResult } from './harness.js';
import { catalogImport } from './catalog-import.js';
import { fiscal } from './fiscal.js';
import { idleRounds } from './idle-rounds.js';
import { keyLatency } from './key-latency.js';
import { limitRace } from './limit-race.js';
import { panelSearch } from './panel-search.js';
import { pull } from './pull.js';
import { load } from './load.js';
import { push } from './push.js';
import { registersPush } from './registers-push.js';
import { registerUiStart } from './register-ui-start.js';
import { registerYear } from './register-year.js';
import { reportsHistory } from './reports-history.js';
import { saleCommit } from './sale-commit.js';
import { scan } from './scan.js';
import { search } from './search.js';
import { start } from './start.js';
import { tokens } from './tokens.js';

const benches: Record<string, Bench> = {
  scan,
  search,
  'sale-commit': saleCommit,
  start,
  push,
  pull,
  load,
  'limit-race': limitRace,
  'register-ui': registerUiStart,
  'panel-search': panelSearch,
  fiscal,
  'idle-rounds': idleRounds,
  'registers-push': registersPush,
  import: catalogImport,
  'reports-history': reportsHistory,
  'register-year': registerYear,
  'key-latency': keyLatency,
  tokens,
};

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const only = argv.filter((arg) => !arg.startsWith('--'));
  const selected = only.length > 0 ? only : Object.keys(benches);
  const results: BenchResult[] = [];
  const ctx = { quick, log: (message: string) => console.error(`· ${message}`) };
  for (const name of selected) {
    const bench = benches[name];
    if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    console.error(`running ${name}${quick ? ' (quick)' : ''}…`);
    results.push(...(await bench(ctx)));
  }
  const table = new Table({
    head: ['benchmark', 'measure', 'figure', 'target', 'baseline', 'ratio', 'result', 'notes'],
    style: process.stdout.isTTY ? {} : { head: [], border: [] },
  });
  for (const r of results) {
    const ratio = r.baseline ? `${round(r.value / r.baseline, 2)}×` : '';
    table.push([
      r.name,
      r.metric,
      `${round(r.value, 3)} ${r.unit}`,
      r.target,
      r.baseline === undefined ? '' : `${round(r.baseline, 3)} ${r.unit}`,
      ratio,
      r.pass ? 'pass' : 'FAIL',
      r.notes ?? '',
    ]);
  }
  const host = machine();
  console.log(`Machine: ${host}${quick ? ' (quick mode: smaller sizes)' : ''}`);
  console.log(table.toString());
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, quick ? 'latest-quick.json' : 'latest.json');
  writeFileSync(
    file,
    JSON.stringify({ machine: host, quick, at: new Date().toISOString(), results }, null, 2) + '\n',
  );
  console.log(`Results written to ${file}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
