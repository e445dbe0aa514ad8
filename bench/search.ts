import { Database } from '../src/node/sqlite-driver.js';
import { closeRegister, openRegister } from '../src/terminal/register/context.js';
import { searchCatalog } from '../src/terminal/register/selling.js';
import { storePath } from '../src/terminal/store/connection.js';
import { ftsQuery } from '../src/terminal/store/search-text.js';
import { percentile, round, seeded, timeEach, type Bench } from './harness.js';
import { benchRegister, catalogSize, sizeLabel } from './register-catalog.js';

/** As-you-type prefixes (1–4 letters of real names), searchCatalog against a bare FTS5 MATCH on the same file. */
export const search: Bench = async (ctx) => {
  const count = catalogSize(ctx.quick);
  const register = await benchRegister(count);
  const n = ctx.quick ? 2_000 : 1_000;
  const random = seeded(11);
  const typed = Array.from({ length: n }, () => {
    const name = register.names[Math.floor(random() * register.names.length)]!;
    return name.slice(0, 1 + Math.floor(random() * 4)).trim() || name.slice(0, 1);
  });
  const queries = typed.map((t) => ftsQuery(t) ?? '"a"*');

  const bare = new Database(storePath(register.dataDir), { readonly: true });
  const match = bare.prepare('SELECT rowid FROM product_search WHERE product_search MATCH ? LIMIT 20');
  timeEach(200, (i) => match.all(queries[i]));
  const baseline = timeEach(n, (i) => {
    match.all(queries[i]);
  });
  bare.close();

  const register_ = openRegister(register.dataDir);
  try {
    timeEach(200, (i) => searchCatalog(register_, typed[i]!));
    let empty = 0;
    const times = timeEach(n, (i) => {
      if (searchCatalog(register_, typed[i]!).length === 0) empty++;
    });
    const p99 = percentile(times, 99);
    return [
      {
        name: 'search',
        metric: `p99 searchCatalog 1–4 letters, ${sizeLabel(count)}`,
        value: p99,
        unit: 'ms',
        target: '≤ 10 ms',
        pass: p99 <= 10,
        baseline: percentile(baseline, 99),
        notes: `p50 ${round(percentile(times, 50), 3)} ms; ${n} prefixes, ${empty} without hits`,
      },
    ];
  } finally {
    closeRegister(register_);
  }
};
