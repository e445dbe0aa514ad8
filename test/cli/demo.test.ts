import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasValidCheckDigit } from '../../src/common/barcode.js';
import { assertBuilt, childEnv, ROOT, runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/http.js';

/** Runs `posapp demo --no-ui` until it says the server is running; returns its output and a stop function. */
async function startDemo(
  dir: string,
  port: number,
): Promise<{ output: string; stop(): Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'posapp.js'), 'demo', '--data-dir', dir, '--port', String(port), '--no-ui'],
    {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Ctrl+C')) {
    if (child.exitCode !== null) throw new Error(`demo exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`demo did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    output,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

async function ownerGet(url: string, path: string): Promise<unknown> {
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@demo.posapp.uz', password: 'demo-owner-2026' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}

describe('posapp demo', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'posapp-demo-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a demo shop with a realistic catalog, a cashier and an activated, synced POS-01', async () => {
    const port = await freePort();
    const demo = await startDemo(dir, port);
    try {
      assert.match(demo.output, /Demo do‘kon tayyor/);
      assert.match(demo.output, new RegExp(`http://127.0.0.1:${port}/admin/`));
      assert.match(demo.output, /PIN 1234/);
      const url = `http://127.0.0.1:${port}`;
      const page = (await ownerGet(url, '/products?limit=500')) as {
        products: Array<{ barcodes: string[]; price: number }>;
      };
      assert.ok(page.products.length >= 200, `${page.products.length} products`);
      for (const product of page.products) {
        assert.ok(product.price > 0 && product.price % 100 === 0, 'whole so‘m prices');
        assert.ok(
          product.barcodes.some((code) => code.length === 13 && hasValidCheckDigit(code)),
          product.barcodes.join(','),
        );
      }
      const status = await runCli('pos', ['--data-dir', join(dir, 'register'), '--json', 'status']);
      const body = JSON.parse(status.stdout);
      assert.equal(body.device.name, 'POS-01');
      assert.equal(body.connection, 'online');
      const login = await runCli('pos', ['--data-dir', join(dir, 'register'), 'login', '--pin', '1234']);
      assert.equal(login.code, 0, login.stderr);
    } finally {
      assert.equal(await demo.stop(), 0);
    }
  });

  it('reuses the demo shop on the second run, nothing doubled', async () => {
    const port = await freePort();
    const demo = await startDemo(dir, port);
    try {
      assert.match(demo.output, /qayta ishga tushdi/);
      const url = `http://127.0.0.1:${port}`;
      const page = (await ownerGet(url, '/products?limit=500')) as { products: unknown[] };
      assert.equal(page.products.length, 240);
      const devices = (await ownerGet(url, '/devices')) as { used: number };
      assert.equal(devices.used, 1);
      const status = await runCli('pos', ['--data-dir', join(dir, 'register'), '--json', 'status']);
      assert.equal(JSON.parse(status.stdout).server, url, 'the register follows the server to its new port');
    } finally {
      await demo.stop();
    }
  });
});
