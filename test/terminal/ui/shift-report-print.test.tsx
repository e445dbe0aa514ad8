import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { savePrinterConfig } from '../../../src/terminal/register/printing.js';
import { keys, registerPerTest, startSelling } from '../../helpers/ink.js';

describe('register UI: X and Z reports on the receipt printer', () => {
  const r = registerPerTest();
  const printed = () => join(r.dataDir, 'printer.bin');
  const withPrinter = () =>
    savePrinterConfig(r.ctx, { target: printed(), width: 32, codePage: 'cp866', drawerPin: null });

  it('prints the X-report with Ctrl+P from its view, as ESC/POS at 32 columns', async () => {
    withPrinter();
    const app = await startSelling(r);
    await app.send(`${r.barcodes.milk}\r`);
    await app.send(keys.f12);
    await app.waitFor('To‘lov');
    await app.send(keys.f12);
    await app.send(keys.escape);
    await app.send(keys.ctrl('x'));
    await app.waitFor('X-hisobot');
    assert.match(app.frame(), /\^P Chop etish/);
    // The sale's receipt went to the same printer: only what Ctrl+P adds is the report.
    const before = existsSync(printed()) ? readFileSync(printed()).length : 0;
    await app.send(keys.ctrl('p'));
    await app.waitFor('Hisobot chop etildi.');
    const bytes = readFileSync(printed()).subarray(before);
    assert.deepEqual([...bytes.subarray(0, 2)], [0x1b, 0x40], 'starts with ESC @');
    const text = bytes.toString('latin1');
    assert.match(text, /POS-01/);
    const printable = (line: string) => [...line].filter((c) => c.charCodeAt(0) >= 0x20).length;
    const widest = Math.max(...text.split('\n').map(printable));
    assert.ok(widest <= 40, `lines fit a 32-column printer (widest ${widest} bytes with codes)`);
  });

  it('prints the Z-report after the shift closes; without a printer says how to set one up', async () => {
    const app = await startSelling(r);
    await app.send(keys.ctrl('z'));
    await app.waitFor('Smenani yopish');
    await app.send('100000', keys.enter);
    await app.waitFor('Z-hisobot');
    await app.send(keys.ctrl('p'));
    await app.waitFor('Printer sozlanmagan: pos printer set bilan sozlang.');
    withPrinter();
    await app.send(keys.ctrl('p'));
    await app.waitFor('Hisobot chop etildi.');
    assert.ok(readFileSync(printed()).length > 0);
  });
});
