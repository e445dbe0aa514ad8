/**
 * The register's keyboard: raw terminal input → key presses → commands. Ink's useInput reports F-keys as empty
 * input, and a cashier's register lives on F-keys, so the UI parses the key sequences itself (see use-keys.ts).
 * Bindings live here only: the help line is generated from them, and a key changes in one place.
 */

export type KeyName =
  | 'text'
  | 'enter'
  | 'escape'
  | 'backspace'
  | 'delete'
  | 'tab'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | `f${number}`
  | 'ctrl'
  | 'unknown';

export interface KeyPress {
  name: KeyName;
  /** Typed characters for `text`, the letter for `ctrl` (`ctrl` + `r` → `r`). */
  text: string;
  shift: boolean;
}

const csiTilde: Record<string, KeyName> = {
  '1': 'home',
  '2': 'unknown',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

const finalLetter: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

/** Linux console: ESC [ [ A … E are F1–F5. */
const linuxConsole: Record<string, KeyName> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

function key(name: KeyName, text = '', shift = false): KeyPress {
  return { name, text, shift };
}

/** xterm modifier parameter: 2 = shift, 4 = shift+alt, 6 = shift+ctrl, 8 = all three. */
function shifted(modifier: string | undefined): boolean {
  const value = Number(modifier ?? '1') - 1;
  return value > 0 && (value & 1) === 1;
}

function parseEscape(sequence: string): KeyPress {
  if (sequence === '\x1b' || sequence === '\x1b\x1b') return key('escape');
  let start = 0;
  while (sequence[start] === '\x1b') start++;
  const body = sequence.slice(start);
  let match = /^\[\[([A-E])$/.exec(body);
  if (match) return key(linuxConsole[match[1]!] ?? 'unknown');
  match = /^\[(\d+)(?:;(\d+))?~$/.exec(body);
  if (match) return key(csiTilde[match[1]!] ?? 'unknown', '', shifted(match[2]));
  match = /^(?:\[|O)(?:1;(\d+))?([A-Z])$/.exec(body);
  if (match) return key(finalLetter[match[2]!] ?? 'unknown', '', shifted(match[1]));
  return key('unknown');
}

/**
 * One input event from Ink (an escape sequence, or a run of typed characters — a barcode scanner types a whole
 * code and Enter in one chunk) → the key presses in it. Printable characters are merged into `text` presses.
 */
export function parseKeys(raw: string): KeyPress[] {
  if (raw.startsWith('\x1b')) {
    // ESC followed by a plain character is what a terminal reads as Alt+key; the register has no Alt keys, and
    // this is what Esc and then a scanned code look like when they arrive together: two events, not one.
    const rest = raw.slice(1);
    if (rest === '\x1b') return [key('escape'), key('escape')];
    if (rest !== '' && rest[0] !== '[' && rest[0] !== 'O' && rest[0] !== '\x1b')
      return [key('escape'), ...parseKeys(rest)];
    return [parseEscape(raw)];
  }
  const keys: KeyPress[] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push(key('text', text, text.length === 1 && /[A-Z]/.test(text)));
    text = '';
  };
  for (const char of raw) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code !== 0x7f) {
      text += char;
      continue;
    }
    flush();
    if (char === '\r' || char === '\n') keys.push(key('enter'));
    else if (char === '\t') keys.push(key('tab'));
    else if (code === 0x7f || code === 0x08) keys.push(key('backspace'));
    else if (code >= 1 && code <= 26) keys.push(key('ctrl', String.fromCharCode(code + 96)));
  }
  flush();
  return keys;
}

/** A binding: a key name, plus the letter for ctrl keys; `shift` must match when given. */
export interface Binding {
  name: KeyName;
  text?: string;
  shift?: boolean;
}

export type Scope = 'sale' | 'dialog' | 'pay' | 'list' | 'view' | 'login' | 'refund';

export interface CommandDef {
  scope: Scope;
  keys: readonly Binding[];
  /** Shown in the help line as `label` (UI message key); commands without one are not listed. */
  label?: string;
}

const f = (n: number): Binding => ({ name: `f${n}`, shift: false });

export const commands = {
  'sale.search': { scope: 'sale', keys: [f(2)], label: 'ui.key.search' },
  'line.qty': { scope: 'sale', keys: [f(3)], label: 'ui.key.qty' },
  'line.discount': { scope: 'sale', keys: [f(4)], label: 'ui.key.lineDiscount' },
  'cart.discount': { scope: 'sale', keys: [f(5)], label: 'ui.key.cartDiscount' },
  'sale.park': { scope: 'sale', keys: [f(6)], label: 'ui.key.park' },
  'sale.resume': { scope: 'sale', keys: [f(7)], label: 'ui.key.resume' },
  'line.void': { scope: 'sale', keys: [f(8)], label: 'ui.key.void' },
  'sale.cancel': { scope: 'sale', keys: [f(9)], label: 'ui.key.cancel' },
  'sale.pay': { scope: 'sale', keys: [f(12), { name: 'ctrl', text: 'p' }], label: 'ui.key.pay' },
  'sale.refund': { scope: 'sale', keys: [{ name: 'ctrl', text: 'r' }], label: 'ui.key.refund' },
  'cash.move': { scope: 'sale', keys: [{ name: 'ctrl', text: 'k' }], label: 'ui.key.cash' },
  'report.x': { scope: 'sale', keys: [{ name: 'ctrl', text: 'x' }], label: 'ui.key.xReport' },
  'shift.close': { scope: 'sale', keys: [{ name: 'ctrl', text: 'z' }], label: 'ui.key.closeShift' },
  'receipt.reprint': { scope: 'sale', keys: [{ name: 'ctrl', text: 'o' }], label: 'ui.key.reprint' },
  'session.logout': { scope: 'sale', keys: [{ name: 'ctrl', text: 'l' }], label: 'ui.key.logout' },
  'line.repeat': { scope: 'sale', keys: [{ name: 'text', text: '+' }], label: 'ui.key.repeat' },
  'line.up': { scope: 'sale', keys: [{ name: 'up' }] },
  'line.down': { scope: 'sale', keys: [{ name: 'down' }] },
  'scan.submit': { scope: 'sale', keys: [{ name: 'enter' }] },
  'login.submit': { scope: 'login', keys: [{ name: 'enter' }], label: 'ui.key.enter' },
  'app.quit': {
    scope: 'login',
    keys: [
      { name: 'ctrl', text: 'q' },
      { name: 'ctrl', text: 'c' },
    ],
    label: 'ui.key.quit',
  },
  // Not in the help line (it is full): quitting with an open sale asks to park or cancel it first.
  'sale.quit': {
    scope: 'sale',
    keys: [
      { name: 'ctrl', text: 'q' },
      { name: 'ctrl', text: 'c' },
    ],
  },
  'dialog.submit': { scope: 'dialog', keys: [{ name: 'enter' }], label: 'ui.key.ok' },
  'dialog.cancel': { scope: 'dialog', keys: [{ name: 'escape' }], label: 'ui.key.back' },
  'list.up': { scope: 'list', keys: [{ name: 'up' }] },
  'list.down': { scope: 'list', keys: [{ name: 'down' }] },
  'list.pageUp': { scope: 'list', keys: [{ name: 'pageup' }] },
  'list.pageDown': { scope: 'list', keys: [{ name: 'pagedown' }] },
  'list.toggle': { scope: 'list', keys: [{ name: 'text', text: ' ' }], label: 'ui.key.toggle' },
  'list.choose': { scope: 'list', keys: [{ name: 'enter' }], label: 'ui.key.choose' },
  'pay.method': { scope: 'pay', keys: [{ name: 'tab' }], label: 'ui.key.payMethod' },
  'pay.type': { scope: 'pay', keys: [{ name: 'left' }, { name: 'right' }], label: 'ui.key.payType' },
  'pay.add': { scope: 'pay', keys: [{ name: 'enter' }], label: 'ui.key.payAdd' },
  'pay.removeTender': { scope: 'pay', keys: [f(8)], label: 'ui.key.payRemove' },
  'pay.confirm': { scope: 'pay', keys: [f(12), { name: 'ctrl', text: 'p' }], label: 'ui.key.payConfirm' },
  'refund.method': { scope: 'refund', keys: [{ name: 'tab' }], label: 'ui.key.refundMethod' },
  'view.scrollUp': { scope: 'view', keys: [{ name: 'up' }, { name: 'pageup' }] },
  'view.scrollDown': { scope: 'view', keys: [{ name: 'down' }, { name: 'pagedown' }] },
  'view.close': { scope: 'view', keys: [{ name: 'enter' }, { name: 'escape' }], label: 'ui.key.close' },
} as const satisfies Record<string, CommandDef>;

export type Command = keyof typeof commands;

function matches(binding: Binding, press: KeyPress): boolean {
  if (binding.name !== press.name) return false;
  if (binding.text !== undefined && binding.text !== press.text) return false;
  return binding.shift === undefined || binding.shift === press.shift;
}

/** The command of `scopes` (searched in order) bound to this key, if any. */
export function commandFor(press: KeyPress, scopes: readonly Scope[]): Command | null {
  for (const scope of scopes) {
    for (const [name, def] of Object.entries(commands) as [Command, CommandDef][]) {
      if (def.scope === scope && def.keys.some((binding) => matches(binding, press))) return name;
    }
  }
  return null;
}

/** `F12`, `Ctrl+R`, `Esc`, `Enter`, `Tab`, `←/→`: how a binding is printed. */
export function keyLabel(binding: Binding): string {
  switch (binding.name) {
    case 'ctrl':
      return `^${(binding.text ?? '').toUpperCase()}`;
    case 'escape':
      return 'Esc';
    case 'enter':
      return 'Enter';
    case 'tab':
      return 'Tab';
    case 'text':
      return binding.text === ' ' ? 'Space' : (binding.text ?? '');
    case 'left':
      return '←';
    case 'right':
      return '→';
    default:
      return binding.name.toUpperCase();
  }
}

export interface HelpItem {
  keys: string;
  label: string;
}

/** The help line's items for the active scopes; the first binding of each command, or both arrows. */
export function helpItems(scopes: readonly Scope[]): { keys: string; labelKey: string }[] {
  const items: { keys: string; labelKey: string }[] = [];
  for (const scope of scopes) {
    for (const def of Object.values(commands) as CommandDef[]) {
      if (def.scope !== scope || !def.label) continue;
      const first = def.keys[0];
      if (!first) continue;
      const keys =
        first.name === 'left' || first.name === 'right' ? def.keys.map(keyLabel).join('') : keyLabel(first);
      // A key bound in two active scopes (Enter in a list inside a dialog) does what the first scope says.
      if (items.some((item) => item.keys === keys)) continue;
      items.push({ keys, labelKey: def.label });
    }
  }
  return items;
}

/** Packs `KEY label` items into at most `rows` lines of `width` columns; what does not fit is left out. */
export function packHelp(items: readonly HelpItem[], width: number, rows: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const piece = `${item.keys} ${item.label}`;
    const next = line ? `${line}  ${piece}` : piece;
    if ([...next].length <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    if (lines.length === rows) return lines;
    line = [...piece].slice(0, width).join('');
  }
  if (line && lines.length < rows) lines.push(line);
  return lines;
}
