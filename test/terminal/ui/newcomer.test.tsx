import assert from 'node:assert/strict';
import { App } from '../../../src/terminal/ui/app.js';
import { createSyncMonitor } from '../../../src/terminal/ui/sync-monitor.js';
import { draw, keys, registerPerTest, startApp } from '../../helpers/ink.js';

describe('a newcomer at the register', () => {
  const r = registerPerTest();

  it('shows the demo PIN and the panel address on the PIN screen, only in demo mode', async () => {
    const demo = await startApp(r, { demo: { pin: '1111', panelUrl: 'http://127.0.0.1:8080/admin/' } });
    await demo.waitFor('Demo: kassir PIN 1111 · boshqaruv paneli http://127.0.0.1:8080/admin/');
    demo.unmount();
    const app = await startApp(r);
    assert.ok(!app.frame().includes('Demo'));
  });

  it('asks for a larger window below 80×24, keeps the sale and ignores keys until it is larger', async () => {
    const monitor = createSyncMonitor(r.ctx, { background: false });
    const props = { ctx: r.ctx, monitor, onQuit: () => {} };
    const view = await draw(<App {...props} size={{ columns: 80, rows: 24 }} />);
    await view.waitFor('PIN');
    await view.send(r.pin, keys.enter);
    await view.waitFor('Smena ochish');
    await view.send('0', keys.enter);
    await view.waitFor('JAMI');
    await view.send(`${r.barcodes.milk}\r`);
    await view.waitFor('Sut 1 l');

    await view.rerender(<App {...props} size={{ columns: 60, rows: 20 }} />);
    await view.waitFor('Oynani kattalashtiring');
    assert.match(view.frame(), /kamida 80×24 belgi kerak, hozir 60×20/);
    assert.ok(!view.frame().includes('Sut 1 l'));
    await view.send(`${r.barcodes.bread}\r`);

    await view.rerender(<App {...props} size={{ columns: 80, rows: 24 }} />);
    await view.waitFor('Sut 1 l');
    assert.ok(!view.frame().includes('Non patir'), 'keys typed while hidden are dropped');
    assert.match(view.frame(), /JAMI\s+12 500 so‘m/);
    view.unmount();
  });
});

describe('wrong PINs', () => {
  const r = registerPerTest();

  it('five wrong PINs lock the PIN screen, even for the right PIN, and each is recorded', async () => {
    const app = await startApp(r);
    for (let i = 1; i <= 4; i++) {
      await app.send('0000', keys.enter);
      await app.waitFor('PIN noto‘g‘ri.');
      await app.waitFor((f) => !f.includes('Tekshirilmoqda'));
    }
    await app.send('0000', keys.enter);
    await app.waitFor('Juda ko‘p noto‘g‘ri PIN. 60 soniyadan keyin urinib ko‘ring.');
    await app.send(r.pin, keys.enter);
    // Refused at once, without checking the PIN: the screen stays on the PIN field.
    await app.waitFor((f) => !f.includes('Tekshirilmoqda'));
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
