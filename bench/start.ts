import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { percentile, round, type Bench, type BenchResult } from './harness.js';
import { benchRegister, catalogSize, sizeLabel } from './register-catalog.js';

const root = join(import.meta.dirname, '..');
const TIME = '/usr/bin/time';

interface Run {
  ms: number;
  rssMb: number | null;
}

function run(args: string[]): Run {
  const measured = existsSync(TIME);
  const start = process.hrtime.bigint();
  const child = measured
    ? spawnSync(TIME, ['-f', 'maxrss=%M', process.execPath, ...args], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const kb = /maxrss=(\d+)/.exec(child.stderr ?? '')?.[1];
  return { ms, rssMb: kb ? Number(kb) / 1024 : null };
}

function median(values: number[]): number {
  return percentile(values, 50);
}

/** Cold start of `pos status` (opens the store, a real command) on the big catalog and on an empty one. */
export const start: Bench = async (ctx) => {
  if (!existsSync(join(root, 'dist', 'cli', 'pos.js')))
    throw new Error('dist/ is missing: run npm run build first');
  const count = catalogSize(ctx.quick);
  const big = await benchRegister(count);
  const empty = await benchRegister(0);
  const n = ctx.quick ? 5 : 15;
  const status = (dir: string) => ['bin/pos.js', 'status', '--data-dir', dir];
  run(status(empty.dataDir));
  const runs = { node: [] as Run[], big: [] as Run[], empty: [] as Run[] };
  for (let i = 0; i < n; i++) {
    runs.node.push(run(['-e', '0']));
    runs.empty.push(run(status(empty.dataDir)));
    runs.big.push(run(status(big.dataDir)));
  }
  const ms = (list: Run[]) => median(list.map((r) => r.ms));
  const rss = (list: Run[]) => {
    const values = list.map((r) => r.rssMb).filter((v): v is number => v !== null);
    return values.length > 0 ? Math.max(...values) : null;
  };
  const bigMs = ms(runs.big);
  const emptyMs = ms(runs.empty);
  const nodeMs = ms(runs.node);
  const ratio = bigMs / emptyMs;
  const peak = Math.max(rss(runs.big) ?? NaN, rss(runs.empty) ?? NaN);
  const label = sizeLabel(count);
  const results: BenchResult[] = [
    {
      name: 'start',
      metric: `median pos status, ${label} products`,
      value: bigMs,
      unit: 'ms',
      target: '≤ 400 ms',
      pass: bigMs <= 400,
      baseline: nodeMs,
      notes: `baseline node -e 0; empty store ${round(emptyMs, 1)} ms; ${n} runs each; pos status, not the Ink UI`,
    },
    {
      name: 'start',
      metric: `ratio ${label}/empty (median)`,
      value: ratio,
      unit: '×',
      target: '≤ 1.1',
      pass: ratio <= 1.1,
    },
  ];
  results.push(
    Number.isNaN(peak)
      ? {
          name: 'start',
          metric: 'peak RSS pos status',
          value: NaN,
          unit: 'MB',
          target: '≤ 120 MB',
          pass: false,
          notes: 'not measured: /usr/bin/time missing',
        }
      : {
          name: 'start',
          metric: `peak RSS pos status, ${label}`,
          value: peak,
          unit: 'MB',
          target: '≤ 120 MB',
          pass: peak <= 120,
          baseline: rss(runs.node) ?? undefined,
          notes: `empty store ${round(rss(runs.empty) ?? NaN, 1)} MB; /usr/bin/time %M`,
        },
  );
  return results;
};
