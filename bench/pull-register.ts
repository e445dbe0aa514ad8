/**
 * Child process of the pull benchmark: the register's side alone, so its RSS is not mixed with the server's.
 * Usage: node --import tsx bench/pull-register.ts <dataDir> <pageSize>; prints one JSON line.
 */
import { closeRegister, openRegister } from '../src/terminal/register/context.js';
import { syncOnce } from '../src/terminal/sync/round.js';

export interface PullRun {
  seconds: number;
  pulled: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

async function run(dataDir: string, pageSize: number): Promise<PullRun> {
  const ctx = openRegister(dataDir);
  try {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 10);
    const started = performance.now();
    const report = await syncOnce(ctx.db, ctx.identity, {
      pullPage: pageSize,
      timeoutMs: 60_000,
      onProgress: sample,
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    sample();
    return { seconds, pulled: report.pulled, rssBeforeMb: rssBefore / 2 ** 20, rssPeakMb: peak / 2 ** 20 };
  } finally {
    closeRegister(ctx);
  }
}

const [dataDir, page] = process.argv.slice(2);
if (dataDir) {
  run(dataDir, Number(page ?? 1000)).then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
