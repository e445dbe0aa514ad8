import { cpus, totalmem } from 'node:os';

export interface BenchResult {
  name: string;
  /** What was measured, e.g. "p99 1M products". */
  metric: string;
  value: number;
  unit: string;
  /** Target as text and the check that decides pass/fail. */
  target: string;
  pass: boolean;
  /** The raw limit measured in the same run (bare driver), same unit. */
  baseline?: number;
  notes?: string;
}

export interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

export type Bench = (ctx: BenchContext) => Promise<BenchResult[]>;

export function percentile(sortedOrUnsorted: number[], p: number): number {
  const sorted = [...sortedOrUnsorted].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Times `fn` `n` times; returns per-call milliseconds. */
export function timeEach(n: number, fn: (i: number) => void): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    out[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return out;
}

export async function timeEachAsync(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    out[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return out;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

/** Deterministic generator so every run measures the same data: the demo catalog's own PRNG. */
export { seededRandom as seeded } from '../src/server/demo/catalog-generator.js';

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
