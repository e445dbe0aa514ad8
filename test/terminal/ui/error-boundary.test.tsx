import assert from 'node:assert/strict';
import { Text } from 'ink';
import { ErrorBoundary } from '../../../src/terminal/ui/components/error-boundary.js';
import { draw, keys, registerPerTest, startApp } from '../../helpers/ink.js';

describe('errors inside the register UI', () => {
  it('reports an error while drawing and draws the screen again', async () => {
    const reported: unknown[] = [];
    // Fails until the error has been reported (React may try a failing render twice before reporting it).
    let broken = true;
    function Flaky() {
      if (broken) throw new Error('drawing failed');
      return <Text>screen is back</Text>;
    }
    const app = await draw(
      <ErrorBoundary
        onError={(e) => {
          reported.push(e);
          broken = false;
        }}
        fallback={<Text>gave up</Text>}
      >
        <Flaky />
      </ErrorBoundary>,
    );
    await app.waitFor('screen is back');
    assert.equal((reported[0] as Error).message, 'drawing failed');
    app.unmount();
  });

  it('stops redrawing a screen that fails every time and shows the fallback', async () => {
    const reported: unknown[] = [];
    function Broken(): never {
      throw new Error('always');
    }
    const app = await draw(
      <ErrorBoundary onError={(e) => reported.push(e)} fallback={<Text>gave up</Text>}>
        <Broken />
      </ErrorBoundary>,
    );
    await app.waitFor('gave up');
    assert.equal(reported.length, 4);
    app.unmount();
  });

  describe('in the running register', () => {
    const r = registerPerTest();

    it('shows and logs an open sale it cannot read, and keeps selling', async () => {
      r.ctx.db
        .prepare('INSERT INTO open_sale (id, saved_at, cashier_id, data) VALUES (1, ?, NULL, ?)')
        .run(new Date().toISOString(), JSON.stringify({ cart: { lines: 'broken' }, tenders: [] }));
      const app = await startApp(r);
      await app.send(r.pin, keys.enter);
      await app.waitFor('Smena ochish');
      await app.send('0', keys.enter);
      await app.waitFor('Kutilmagan xato, tafsilotlar pos.log faylida');
      assert.equal(app.errors.length, 1);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor((f) => /JAMI\s+12 500 so‘m/.test(f));
    });
  });
});
