import { Database } from '../src/node/sqlite-driver.js';
import { closeRegister, openRegister } from '../src/terminal/register/context.js';
import { scanIntoCart } from '../src/terminal/register/selling.js';
import { emptyCart } from '../src/terminal/sale/cart.js';
import { storePath } from '../src/terminal/store/connection.js';
import { percentile, round, seeded, timeEach, type Bench } from './harness.js';
import { benchRegister, catalogSize, sizeLabel } from './register-catalog.js';

/** Barcode lookup + add-to-cart for random existing barcodes, against a bare prepared SELECT on the same file. */
export const scan: Bench = async (ctx) => {
  const count = catalogSize(ctx.quick);
  const register = await benchRegister(count);
  ctx.log(`scan: ${sizeLabel(count)} products built in ${round(register.buildSeconds, 1)} s`);
  const n = ctx.quick ? 20_000 : 100_000;
  const random = seeded(7);
  const codes = Array.from(
    { length: n },
    () => register.barcodes[Math.floor(random() * register.barcodes.length)]!,
  );
  const warm = 1000;

  const bare = new Database(storePath(register.dataDir), { readonly: true });
  const select = bare.prepare('SELECT product_id FROM barcodes WHERE barcode = ?');
  timeEach(warm, (i) => select.get(codes[i]));
  const baseline = timeEach(n, (i) => {
    if (!select.get(codes[i])) throw new Error(`barcode ${codes[i]} not found`);
  });
  bare.close();

  const register_ = openRegister(register.dataDir);
  try {
    timeEach(warm, (i) => scanIntoCart(register_, emptyCart, codes[i]!));
    const times = timeEach(n, (i) => {
      scanIntoCart(register_, emptyCart, codes[i]!);
    });
    const p99 = percentile(times, 99);
    const p50 = percentile(times, 50);
    return [
      {
        name: 'scan',
        metric: `p99 scanIntoCart, ${sizeLabel(count)} products`,
        value: p99,
        unit: 'ms',
        target: '≤ 1 ms',
        pass: p99 <= 1,
        baseline: percentile(baseline, 99),
        notes: `p50 ${round(p50, 3)} ms (bare ${round(percentile(baseline, 50), 3)} ms); ${n} random scans`,
      },
    ];
  } finally {
    closeRegister(register_);
  }
};
