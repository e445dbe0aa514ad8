// `npm run test:only`'s first run: every test file but the two that watch MariaDB's lock tables (they run after,
// alone), on parallel workers, the longest files first so that none of them starts last and runs on alone.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const base = require('../.mocharc.json');

const RUN_ALONE = ['server/sync-pull.test.ts', 'server/sync-refund-race.test.ts'];

// Measured wall time in a full parallel run, longest first; files not named here follow in path order.
const LONGEST_FIRST = [
  'cli/story-mysql.test.ts',
  'cli/story-sqlite.test.ts',
  'e2e/register-bursts.test.ts',
  'admin/phone.test.ts',
  'admin/panel.test.ts',
  'admin/languages.test.ts',
  'admin/people-reports.test.ts',
  'admin/catalog-stock.test.ts',
  'admin/quick-keys-editor.test.ts',
  'e2e/register-kill.test.ts',
  'e2e/register-sync.test.ts',
  'cli/pos-commands.test.ts',
  'e2e/server-crash.test.ts',
  'cli/pos-approval.test.ts',
  'cli/pos-refund-across.test.ts',
  'server/server-start.test.ts',
  'faults/clock-cli.test.ts',
  'faults/unsent-export.test.ts',
  'admin/settings-stock-filter.test.ts',
  'cli/demo.test.ts',
  'cli/lazy-loading.test.ts',
];

const all = readdirSync(__dirname, { recursive: true })
  .map((file) => String(file).replaceAll('\\', '/'))
  .filter((file) => /\.test\.tsx?$/.test(file) && !RUN_ALONE.includes(file))
  .sort();
const rank = (file) => {
  const index = LONGEST_FIRST.indexOf(file);
  return index === -1 ? LONGEST_FIRST.length : index;
};

module.exports = {
  ...base,
  parallel: true,
  jobs: 4,
  spec: all.sort((a, b) => rank(a) - rank(b)).map((file) => join('test', file)),
};
