import assert from 'node:assert/strict';
import { AppError } from '../../../src/common/errors.js';
import { scanIntoCart } from '../../../src/terminal/register/selling.js';
import { openShift } from '../../../src/terminal/register/shift.js';
import { emptyCart, type CartState } from '../../../src/terminal/sale/cart.js';
import type { SaleSession } from '../../../src/terminal/ui/hooks/use-sale-session.js';
import { commands, type CommandDef } from '../../../src/terminal/ui/keys.js';
import { saleCommands, type SaleCommandEnv } from '../../../src/terminal/ui/screens/sale-commands.js';
import type { SaleDialog } from '../../../src/terminal/ui/state/sale-dialog.js';
import { initialSession } from '../../../src/terminal/ui/state/sale-session.js';
import { offlineRegisterPerTest } from '../../helpers/register.js';

const withCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe('sale screen commands', () => {
  const r = offlineRegisterPerTest();

  /** The commands' view of the screen: the session's state and the dialog they open. */
  function screen(cart: CartState) {
    const opened: SaleDialog[] = [];
    let loggedOut = false;
    let quit = false;
    const session = {
      state: { ...initialSession, cart, selected: cart.lines.length - 1 },
      notify: () => {},
      refreshParked: () => {},
      startPayment: () => {},
    } as unknown as SaleSession;
    const env: SaleCommandEnv = {
      ctx: r.ctx,
      lang: 'uz',
      columns: 80,
      session,
      open: (dialog) => opened.push(dialog),
      submitScan: () => {},
      onLogout: () => (loggedOut = true),
      onQuit: () => (quit = true),
    };
    return { env, opened, loggedOut: () => loggedOut, quit: () => quit };
  }

  it('has a handler for every key bound in the sale scope', () => {
    const bound = Object.entries(commands as Record<string, CommandDef>)
      .filter(([, def]) => def.scope === 'sale')
      .map(([name]) => name)
      .sort();
    assert.deepEqual(Object.keys(saleCommands).sort(), bound);
  });

  it('opens the pay, void and cancel dialogs only for a cart with lines', () => {
    const empty = screen(emptyCart);
    for (const command of ['sale.pay', 'line.void', 'sale.cancel', 'line.qty'] as const) {
      assert.throws(() => saleCommands[command](empty.env), withCode('EMPTY_CART'));
    }
    assert.deepEqual(empty.opened, []);
    const full = screen(scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state);
    saleCommands['sale.pay'](full.env);
    saleCommands['line.void'](full.env);
    saleCommands['sale.cancel'](full.env);
    assert.deepEqual(full.opened, [
      { kind: 'pay' },
      { kind: 'prompt', purpose: 'void' },
      { kind: 'prompt', purpose: 'cancel' },
    ]);
  });

  it('logs out only with an empty cart and shows the X-report of the open shift', () => {
    const busy = screen(scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state);
    assert.throws(() => saleCommands['session.logout'](busy.env), withCode('SALE_IN_PROGRESS'));
    assert.equal(busy.loggedOut(), false);
    const idle = screen(emptyCart);
    assert.throws(() => saleCommands['report.x'](idle.env), withCode('SHIFT_NOT_OPEN'));
    openShift(r.ctx, { id: r.cashierId, name: 'Dilnoza' }, 10_000_000);
    saleCommands['report.x'](idle.env);
    assert.equal(idle.opened[0]?.kind, 'report');
    saleCommands['session.logout'](idle.env);
    assert.equal(idle.loggedOut(), true);
  });

  it('quits at once with an empty cart and asks to park or cancel an open sale', () => {
    const busy = screen(scanIntoCart(r.ctx, emptyCart, r.barcodes.milk).state);
    saleCommands['sale.quit'](busy.env);
    assert.deepEqual(busy.opened, [{ kind: 'quit' }]);
    assert.equal(busy.quit(), false);
    const idle = screen(emptyCart);
    saleCommands['sale.quit'](idle.env);
    assert.equal(idle.quit(), true);
  });
});
