import assert from 'node:assert/strict';
import { commandFor, helpItems, packHelp, parseKeys } from '../../../src/terminal/ui/keys.js';

describe('register keys', () => {
  it('splits a scanner chunk into the typed code and Enter', () => {
    assert.deepEqual(parseKeys('4780000000014\r'), [
      { name: 'text', text: '4780000000014', shift: false },
      { name: 'enter', text: '', shift: false },
    ]);
  });

  it('reads Esc and a code that arrive together (Alt+key to a terminal) as Esc, the code and Enter', () => {
    assert.deepEqual(
      parseKeys('\x1b4780000000014\r').map((k) => k.name + k.text),
      ['escape', 'text4780000000014', 'enter'],
    );
    assert.deepEqual(
      parseKeys('\x1b\x1b').map((k) => k.name),
      ['escape', 'escape'],
    );
  });

  it('reads F-keys as xterm, rxvt and the Linux console send them, and Shift with them', () => {
    assert.equal(parseKeys('\x1bOQ')[0]!.name, 'f2');
    assert.equal(parseKeys('\x1b[24~')[0]!.name, 'f12');
    assert.equal(parseKeys('\x1b[[B')[0]!.name, 'f2');
    assert.equal(parseKeys('\x1b[11~')[0]!.name, 'f1');
    assert.deepEqual(parseKeys('\x1b[1;2S')[0], { name: 'f4', text: '', shift: true });
    assert.equal(parseKeys('\x1b')[0]!.name, 'escape');
    assert.equal(parseKeys('\x1b[A')[0]!.name, 'up');
    assert.equal(parseKeys('\x7f')[0]!.name, 'backspace');
    assert.deepEqual(parseKeys('\x12')[0], { name: 'ctrl', text: 'r', shift: false });
  });

  it('maps keys to commands of the active scopes only, the first scope winning', () => {
    const [f12] = parseKeys('\x1b[24~');
    assert.equal(commandFor(f12!, ['sale']), 'sale.pay');
    assert.equal(commandFor(f12!, ['pay', 'dialog']), 'pay.confirm');
    const [enter] = parseKeys('\r');
    assert.equal(commandFor(enter!, ['list', 'dialog']), 'list.choose');
    assert.equal(commandFor(enter!, ['dialog']), 'dialog.submit');
    assert.equal(commandFor(parseKeys('x')[0]!, ['sale']), null);
  });

  it('generates the help line from the bindings and packs it into the width', () => {
    const items = helpItems(['sale']).map((item) => ({ keys: item.keys, label: item.labelKey }));
    assert.equal(items[0]!.keys, 'F2');
    assert.ok(items.some((item) => item.keys === '^R' && item.label === 'ui.key.refund'));
    const lines = packHelp(items, 40, 2);
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(line.length <= 40, line);
    assert.deepEqual(
      helpItems(['list', 'dialog']).map((item) => item.keys),
      ['Space', 'Enter', 'Esc'],
      'Enter is listed once, for what it does',
    );
  });
});
