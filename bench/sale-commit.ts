import { Database } from '../src/node/sqlite-driver.js';
import { closeRegister, openRegister } from '../src/terminal/register/context.js';
import { checkout, scanIntoCart } from '../src/terminal/register/selling.js';
import { openShift } from '../src/terminal/register/shift.js';
import { cartTotals, emptyCart, type CartState } from '../src/terminal/sale/cart.js';
import { storePath } from '../src/terminal/store/connection.js';
import { percentile, round, timeEach, type Bench } from './harness.js';
import { benchRegister, catalogSize, sizeLabel } from './register-catalog.js';

/** checkout of a 3-line cash sale (sale + outbox event, synchronous=FULL) against a bare one-row INSERT transaction. */
export const saleCommit: Bench = async (ctx) => {
  const count = catalogSize(ctx.quick);
  const register = await benchRegister(count);
  const n = ctx.quick ? 500 : 2_000;

  const bare = new Database(storePath(register.dataDir));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.pragma('busy_timeout = 5000');
  bare.pragma('foreign_keys = ON');
  bare.exec(
    'CREATE TABLE IF NOT EXISTS bench_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL, data TEXT NOT NULL)',
  );
  const insert = bare.prepare('INSERT INTO bench_probe (at, data) VALUES (?, ?)');
  const one = bare.transaction((i: number) => insert.run(new Date().toISOString(), `{"i":${i}}`));
  timeEach(50, (i) => one(i));
  const baseline = timeEach(n, (i) => {
    one(i);
  });
  bare.close();

  const register_ = openRegister(register.dataDir);
  try {
    const cashier = { id: register.cashierId, name: 'Dilnoza' };
    openShift(register_, cashier, 0);
    let cart: CartState = emptyCart;
    for (const code of register.barcodes.slice(0, 3)) cart = scanIntoCart(register_, cart, code).state;
    const tenders = [{ method: 'cash' as const, tendered: cartTotals(cart).total }];
    timeEach(20, () => checkout(register_, { cart, tenders, cashier }));
    const times = timeEach(n, () => {
      checkout(register_, { cart, tenders, cashier });
    });
    const p99 = percentile(times, 99);
    return [
      {
        name: 'sale-commit',
        metric: `p99 checkout 3 lines, cash, ${sizeLabel(count)}`,
        value: p99,
        unit: 'ms',
        target: '≤ 5 ms',
        pass: p99 <= 5,
        baseline: percentile(baseline, 99),
        notes: `p50 ${round(percentile(times, 50), 3)} ms (bare ${round(percentile(baseline, 50), 3)} ms); ${n} sales`,
      },
    ];
  } finally {
    closeRegister(register_);
  }
};
