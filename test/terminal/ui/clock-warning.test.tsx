import assert from 'node:assert/strict';
import { saveClockOffset } from '../../../src/terminal/store/queries/sync.js';
import { clockSegment } from '../../../src/terminal/ui/components/status-bar.js';
import { registerPerTest, startSelling } from '../../helpers/ink.js';

const MINUTE = 60_000;

describe('register UI: a wrong clock in the status bar', () => {
  const r = registerPerTest();

  it('warns the cashier when the last sync found the clock 30 h behind', async () => {
    saveClockOffset(r.ctx.db, 30 * 60 * MINUTE);
    const app = await startSelling(r);
    const frame = await app.waitFor('Soat 30 soat 0 daq orqada');
    assert.match(frame, /Oflayn/, 'beside the sync state, on an 80-column screen');
  });

  it('says nothing while the clock is within two minutes', async () => {
    saveClockOffset(r.ctx.db, -90_000);
    const app = await startSelling(r);
    assert.doesNotMatch(app.frame(), /Soat .* (orqada|oldinda)/);
  });

  it('says behind or ahead, in minutes under an hour, in the cashier’s language', () => {
    assert.equal(clockSegment('uz', -5 * MINUTE), 'Soat 5 daq oldinda');
    assert.equal(clockSegment('ru', 5 * MINUTE), 'Часы отстают на 5 мин');
    assert.equal(clockSegment('en', -(48 * 60 + 7) * MINUTE), 'Clock 48 h 7 min ahead');
    assert.equal(clockSegment('en', 2 * MINUTE), null);
    assert.equal(clockSegment('en', null), null);
  });
});
