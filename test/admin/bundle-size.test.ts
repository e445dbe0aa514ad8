import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const DIST = new URL('../../dist/admin/', import.meta.url);
const MANIFEST = new URL('.vite/manifest.json', DIST);
const BUDGET = 300 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, Chunk>;

/** A screen's cost on a cold load: the entry, the screen's lazy chunk, and every chunk they import statically. */
function firstLoad(manifest: Manifest, screen: string): { files: string[]; js: number; css: number } {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  assert.ok(entry, 'no entry in the manifest');
  assert.ok(manifest[screen], `no chunk for ${screen}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]!.imports ?? []) visit(next);
  };
  visit(entry);
  visit(screen);
  const files = [...seen].flatMap((key) => [manifest[key]!.file, ...(manifest[key]!.css ?? [])]);
  const gz = (file: string) => gzipSync(readFileSync(new URL(file, DIST))).length;
  const unique = [...new Set(files)];
  return {
    files: unique,
    js: unique.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0),
    css: unique.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('admin panel bundle', function () {
  before(function () {
    if (!existsSync(MANIFEST)) throw new Error('dist/admin is not built: run `npm run build` first');
  });

  for (const screen of [
    'login/login-screen.tsx',
    'registers/registers-screen.tsx',
    'people/people-screen.tsx',
    'tenants/tenants-screen.tsx',
    'catalog/catalog-screen.tsx',
    'stock/stock-screen.tsx',
    'settings/settings-screen.tsx',
  ]) {
    it(`loads ${screen} with under 300 KB of gzipped JS`, function () {
      const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
      const load = firstLoad(manifest, screen);
      console.log(
        `      ${screen}: JS ${kb(load.js)} + CSS ${kb(load.css)} gzipped (${load.files.length} files)`,
      );
      assert.ok(load.js < BUDGET, `${screen} loads ${kb(load.js)} of gzipped JS`);
    });
  }

  // The charts and the calendar are the heaviest code of the panel; only the Reports screen pays for them.
  it('keeps the chart library and the date picker out of every other screen', function () {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const reports = firstLoad(manifest, 'reports/reports-screen.tsx');
    console.log(
      `      reports/reports-screen.tsx: JS ${kb(reports.js)} gzipped (${reports.files.length} files)`,
    );
    const heavy = (file: string) =>
      /recharts-bar|DatePickerInput/.test(readFileSync(new URL(file, DIST), 'utf8'));
    assert.ok(reports.files.some(heavy), 'the reports screen has the charts');
    for (const screen of [
      'login/login-screen.tsx',
      'registers/registers-screen.tsx',
      'catalog/catalog-screen.tsx',
      'stock/stock-screen.tsx',
      'people/people-screen.tsx',
    ]) {
      const load = firstLoad(manifest, screen);
      const found = load.files.filter((file) => file.endsWith('.js') && heavy(file));
      assert.deepEqual(found, [], `${screen} loads chart or calendar code`);
    }
  });
});
