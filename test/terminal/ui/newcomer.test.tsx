import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { closeRegister } from '../../../src/terminal/register/context.js';
import { App } from '../../../src/terminal/ui/app.js';
import { createSyncMonitor } from '../../../src/terminal/ui/sync-monitor.js';
import { keys, startApp, type RunningApp } from '../../helpers/ink.js';
import { offlineRegister, type OfflineRegister } from '../../helpers/register.js';

const until = async (test: () => boolean, what: () => string) => {
  const deadline = Date.now() + 5000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`never happened; last frame:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('a newcomer at the register', () => {
  let r: OfflineRegister;
  let app: RunningApp | undefined;
  beforeEach(async () => {
    r = await offlineRegister();
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
    closeRegister(r.ctx);
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('shows the demo PIN and the panel address on the PIN screen, only in demo mode', async () => {
    const monitor = createSyncMonitor(r.ctx, { background: false });
    const demo = render(
      <App
        ctx={r.ctx}
        monitor={monitor}
        onQuit={() => {}}
        size={{ columns: 80, rows: 24 }}
        demo={{ pin: '1111', panelUrl: 'http://127.0.0.1:8080/admin/' }}
      />,
    );
    await until(
      () =>
        (demo.lastFrame() ?? '').includes(
          'Demo: kassir PIN 1111 · boshqaruv paneli http://127.0.0.1:8080/admin/',
        ),
      () => demo.lastFrame() ?? '',
    );
    demo.unmount();
    app = await startApp(r);
    assert.ok(!app.frame().includes('Demo'));
  });

  it('asks for a larger window below 80×24, keeps the sale and ignores keys until it is larger', async () => {
    const monitor = createSyncMonitor(r.ctx, { background: false });
    const props = { ctx: r.ctx, monitor, onQuit: () => {} };
    const view = render(<App {...props} size={{ columns: 80, rows: 24 }} />);
    const frame = () => view.lastFrame() ?? '';
    await until(() => frame().includes('PIN'), frame);
    await new Promise((resolve) => setTimeout(resolve, 30));
    view.stdin.write(r.pin);
    view.stdin.write(keys.enter);
    await until(() => frame().includes('Smena ochish'), frame);
    await new Promise((resolve) => setTimeout(resolve, 30));
    view.stdin.write('0');
    view.stdin.write(keys.enter);
    await until(() => frame().includes('JAMI'), frame);
    await new Promise((resolve) => setTimeout(resolve, 30));
    view.stdin.write(`${r.barcodes.milk}\r`);
    await until(() => frame().includes('Sut 1 l'), frame);

    view.rerender(<App {...props} size={{ columns: 60, rows: 20 }} />);
    await until(() => frame().includes('Oynani kattalashtiring'), frame);
    assert.match(frame(), /kamida 80×24 belgi kerak, hozir 60×20/);
    assert.ok(!frame().includes('Sut 1 l'));
    view.stdin.write(`${r.barcodes.bread}\r`);
    await new Promise((resolve) => setTimeout(resolve, 50));

    view.rerender(<App {...props} size={{ columns: 80, rows: 24 }} />);
    await until(() => frame().includes('Sut 1 l'), frame);
    assert.ok(!frame().includes('Non patir'), 'keys typed while hidden are dropped');
    assert.match(frame(), /JAMI\s+12 500 so‘m/);
    view.unmount();
  });
});

describe('wrong PINs', () => {
  let r: OfflineRegister;
  let app: RunningApp | undefined;
  beforeEach(async () => {
    r = await offlineRegister();
  });
  afterEach(() => {
    app?.unmount();
    closeRegister(r.ctx);
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('five wrong PINs lock the PIN screen, even for the right PIN, and each is recorded', async () => {
    app = await startApp(r);
    for (let i = 1; i <= 4; i++) {
      await app.send('0000', keys.enter);
      await app.waitFor('PIN noto‘g‘ri.');
      await app.waitFor((f) => !f.includes('Tekshirilmoqda'));
    }
    await app.send('0000', keys.enter);
    await app.waitFor('Juda ko‘p noto‘g‘ri PIN. 60 soniyadan keyin urinib ko‘ring.');
    await app.send(r.pin, keys.enter);
    // Refused at once, without checking the PIN: the screen stays on the PIN field.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(app.frame(), /Juda ko‘p noto‘g‘ri PIN\. [56]\d soniyadan/);
    assert.ok(!app.frame().includes('Smena ochish'));
    const rows = r.ctx.db
      .prepare("SELECT data FROM audit_log WHERE action = 'pin.failed' ORDER BY at")
      .pluck()
      .all() as string[];
    assert.deepEqual(
      rows.map((d) => JSON.parse(d) as { attempts: number; locked: boolean }),
      [1, 2, 3, 4, 5].map((attempts) => ({ attempts, locked: attempts === 5 })),
    );
  });
});
