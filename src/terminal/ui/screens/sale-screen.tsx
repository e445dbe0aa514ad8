import { useCallback, useState } from 'react';
import { Box } from 'ink';
import { AppError } from '../../../common/errors.js';
import { formatMoney } from '../../../common/money.js';
import type { Cashier } from '../../register/cashier.js';
import { settingsOf, type RegisterContext } from '../../register/context.js';
import { closeFiscalShift, fiscaliseDocument, readFiscalConfig } from '../../fiscal/service.js';
import { printRefund, printSale, refundReceiptLines } from '../../register/printing.js';
import { assertNothingParked, parkedSales } from '../../register/parking.js';
import { findSale, refundOptions, type RefundOption } from '../../register/refunds.js';
import { searchCatalog } from '../../register/selling.js';
import { closeShift, currentShift, moveCash, reportOfShift } from '../../register/shift.js';
import { cartTotals } from '../../sale/cart.js';
import { commandFor, type Scope } from '../keys.js';
import { reportLines, timeLabel } from '../format.js';
import { typedMoney, typedReason } from '../input.js';
import { useKeys } from '../hooks/use-keys.js';
import { useSyncState } from '../hooks/use-sync-state.js';
import { moneyChars, reduceField } from '../state/text-field.js';
import { receiptWidth, saleReceiptOnScreen, useSaleSession } from '../hooks/use-sale-session.js';
import { InputError, say, type UiKey } from '../text.js';
import { bodyRows, useErrorText, useUi } from '../ui-context.js';
import { CartView } from '../components/cart-view.js';
import { ListDialog } from '../components/list-dialog.js';
import { PayDialog } from '../components/pay-dialog.js';
import { PromptDialog } from '../components/prompt-dialog.js';
import { RefundDialog } from '../components/refund-dialog.js';
import { ScreenFrame } from '../components/screen-frame.js';
import { SearchDialog } from '../components/search-dialog.js';
import { TextField } from '../components/text-field.js';
import { TextView } from '../components/text-view.js';

type PromptPurpose =
  | 'qty'
  | 'void'
  | 'cancel'
  | 'lineDiscount'
  | 'cartDiscount'
  | 'cashAmount'
  | 'cashReason'
  | 'countedCash'
  | 'refundNo'
  | 'reprint';

type Dialog =
  | { kind: 'search' }
  | { kind: 'pay' }
  | { kind: 'parked' }
  | { kind: 'prompt'; purpose: PromptPurpose; amount?: number }
  | { kind: 'refundLines'; receiptNo: string; lines: RefundOption[] }
  | { kind: 'view'; title: string; lines: string[]; afterClose?: 'logout' };

const dialogScopes: Record<Dialog['kind'], readonly Scope[]> = {
  search: ['list', 'dialog'],
  pay: ['pay', 'dialog'],
  parked: ['list', 'dialog'],
  prompt: ['dialog'],
  refundLines: ['list', 'dialog'],
  view: ['view'],
};

export interface SaleScreenProps {
  ctx: RegisterContext;
  cashier: Cashier;
  /** After a sale, refund, cash move or shift close: refresh the status bar and nudge the sync. */
  onCommitted(): void;
  onLogout(): void;
}

export function SaleScreen({ ctx, cashier, onCommitted, onLogout }: SaleScreenProps) {
  const { lang, columns, rows } = useUi();
  const describe = useErrorText();
  const session = useSaleSession({ ctx, cashier, onCommitted });
  const { state } = session;
  const [scan, setScan, currentScan] = useSyncState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const body = bodyRows(rows);
  const info = (text: string) => session.notify({ kind: 'info', text });
  const close = () => setDialog(null);
  const search = useCallback((text: string) => searchCatalog(ctx, text, 50), [ctx]);
  const selectedName = state.cart.lines[state.selected]?.product.name ?? '';
  const busy = state.cart.lines.length > 0;

  /** Prints after the sale or refund is committed; a printer problem is shown, the sale stays done. */
  const print = (job: () => Promise<boolean>) => {
    job().catch((error: unknown) => session.notify({ kind: 'error', text: describe(error) }));
  };

  /**
   * After the commit the FM signs the sale or refund; the receipt prints only with its sign, and the receipt on
   * screen is redrawn with it. A refusal or an unplugged FM is shown with what to do; the sale stays done.
   */
  const fiscaliseThenPrint = (
    doc: { id: string; fiscal: boolean },
    job: () => Promise<boolean>,
    redraw: { title: string; lines: () => string[] },
  ) => {
    if (!doc.fiscal) return print(job);
    fiscaliseDocument(ctx, doc.id)
      .then(() => {
        setDialog((open) =>
          open?.kind === 'view' && open.title === redraw.title ? { ...open, lines: redraw.lines() } : open,
        );
        print(job);
      })
      .catch((error: unknown) => session.notify({ kind: 'error', text: describe(error) }));
  };

  const run = (action: () => void) => {
    try {
      action();
    } catch (error) {
      session.notify({ kind: 'error', text: describe(error) });
    }
  };
  /** Line commands need a line; an empty cart says what to do first. */
  const openForLine = (purpose: PromptPurpose) =>
    run(() => {
      if (state.selected < 0) throw new AppError('EMPTY_CART');
      setDialog({ kind: 'prompt', purpose });
    });

  useKeys(
    (key) => {
      const command = commandFor(key, ['sale']);
      session.notify(null);
      switch (command) {
        case 'scan.submit': {
          const typed = currentScan();
          if (!typed.trim()) return;
          setScan('');
          return run(() => session.scan(typed));
        }
        case 'line.up':
          return session.select(-1);
        case 'line.down':
          return session.select(1);
        case 'sale.search':
          return setDialog({ kind: 'search' });
        case 'line.qty':
          return openForLine('qty');
        case 'line.void':
          return openForLine('void');
        case 'line.discount':
          return openForLine('lineDiscount');
        case 'cart.discount':
          return openForLine('cartDiscount');
        case 'sale.cancel':
          return openForLine('cancel');
        case 'sale.pay':
          return run(() => {
            if (state.cart.lines.length === 0) throw new AppError('EMPTY_CART');
            setDialog({ kind: 'pay' });
          });
        case 'sale.park':
          return run(() => {
            session.park();
            info(say(lang, 'ui.sale.parkedDone'));
          });
        case 'sale.resume':
          return run(() => {
            // Read from disk: another pos on this data dir may have parked or resumed sales meanwhile.
            session.refreshParked();
            if (parkedSales(ctx).length === 0) throw new InputError('ui.error.noParked');
            if (state.cart.lines.length > 0) throw new InputError('ui.error.finishFirst');
            setDialog({ kind: 'parked' });
          });
        case 'sale.refund':
          return setDialog({ kind: 'prompt', purpose: 'refundNo' });
        case 'cash.move':
          return setDialog({ kind: 'prompt', purpose: 'cashAmount' });
        case 'report.x':
          return run(() => {
            const shift = currentShift(ctx);
            if (!shift) throw new AppError('SHIFT_NOT_OPEN');
            const lines = reportLines(reportOfShift(ctx, shift.id), lang, receiptWidth(columns));
            setDialog({ kind: 'view', title: say(lang, 'ui.dialog.xReport'), lines });
          });
        case 'shift.close':
          return run(() => {
            if (busy) throw new InputError('ui.error.finishFirst');
            // Asked before the cash is counted; closeShift checks it again.
            assertNothingParked(ctx);
            setDialog({ kind: 'prompt', purpose: 'countedCash' });
          });
        case 'receipt.reprint':
          return setDialog({ kind: 'prompt', purpose: 'reprint' });
        case 'session.logout':
          return run(() => {
            // The open cart lives in memory; parked sales are on disk and wait for whoever logs in next.
            if (busy) throw new InputError('ui.error.finishFirst');
            onLogout();
          });
      }
      setScan((s) => reduceField(s, key));
    },
    { isActive: dialog === null },
  );

  const prompt = (purpose: PromptPurpose, amount?: number) => {
    const p = (
      titleKey: UiKey,
      label: string,
      submit: (value: string) => void,
      money = false,
      initial?: string,
    ) => (
      <PromptDialog
        key={purpose}
        initial={initial}
        title={say(lang, titleKey, { name: selectedName, amount: formatMoney(amount ?? 0) })}
        label={label}
        field={money ? { accept: moneyChars, maxLength: 16 } : undefined}
        onSubmit={submit}
        onCancel={close}
      />
    );
    switch (purpose) {
      case 'reprint':
        // The last receipt of this session is offered; any earlier one can be typed instead.
        return p(
          'ui.dialog.reprint',
          say(lang, 'ui.field.receiptNo'),
          (v) => {
            const sale = findSale(ctx, v);
            setDialog({
              kind: 'view',
              title: say(lang, 'ui.dialog.receipt', { receiptNo: sale.receiptNo }),
              lines: saleReceiptOnScreen(ctx, sale, columns),
            });
            print(() => printSale(ctx, sale));
          },
          false,
          state.lastSale?.receiptNo ?? '',
        );
      case 'qty':
        return p('ui.dialog.qty', say(lang, 'ui.key.qty'), (v) => (session.setQty(v), close()));
      case 'void':
        return p('ui.dialog.voidReason', say(lang, 'ui.field.reason'), (v) => {
          const name = session.voidLine(v);
          close();
          info(say(lang, 'ui.sale.voided', { name }));
        });
      case 'cancel':
        return p('ui.dialog.cancelReason', say(lang, 'ui.field.reason'), (v) => {
          session.cancelSale(v);
          close();
          info(say(lang, 'ui.sale.cancelled'));
        });
      case 'lineDiscount':
        return p(
          'ui.dialog.lineDiscount',
          say(lang, 'ui.key.lineDiscount'),
          (v) => (session.discountLine(v), close()),
        );
      case 'cartDiscount':
        return p(
          'ui.dialog.cartDiscount',
          say(lang, 'ui.key.cartDiscount'),
          (v) => (session.discountCart(v), close()),
        );
      case 'cashAmount':
        return p(
          'ui.dialog.cashAmount',
          say(lang, 'ui.pay.amount'),
          (v) => {
            const value = typedMoney(v, { allowNegative: true });
            if (value === 0) throw new InputError('ui.error.money', { text: v });
            setDialog({ kind: 'prompt', purpose: 'cashReason', amount: value });
          },
          true,
        );
      case 'cashReason':
        return p('ui.dialog.cashReason', say(lang, 'ui.field.reason'), (v) => {
          moveCash(ctx, amount ?? 0, typedReason(v));
          onCommitted();
          close();
          info(say(lang, 'ui.sale.cashMoved', { amount: formatMoney(amount ?? 0) }));
        });
      case 'countedCash':
        return p(
          'ui.dialog.countedCash',
          say(lang, 'ui.report.counted'),
          (v) => {
            const report = closeShift(ctx, typedMoney(v));
            onCommitted();
            // The Z-report through the FM; a refusal is shown (the FM keeps its shift until it can close).
            if (readFiscalConfig(ctx))
              closeFiscalShift(ctx).catch((error: unknown) =>
                session.notify({ kind: 'error', text: describe(error) }),
              );
            setDialog({
              kind: 'view',
              title: say(lang, 'ui.dialog.zReport'),
              lines: reportLines(report, lang, receiptWidth(columns)),
              afterClose: 'logout',
            });
          },
          true,
        );
      case 'refundNo':
        return p('ui.dialog.refundNo', say(lang, 'ui.field.receiptNo'), (v) => {
          const options = refundOptions(ctx, v);
          setDialog({ kind: 'refundLines', receiptNo: options.sale.receiptNo, lines: options.lines });
        });
    }
  };

  const renderDialog = (d: Dialog) => {
    switch (d.kind) {
      case 'search':
        return (
          <SearchDialog
            rows={body}
            search={search}
            onChoose={(hit) => {
              session.addProduct(hit);
              close();
            }}
            onCancel={close}
          />
        );
      case 'pay': {
        const total = cartTotals(state.cart).total;
        return (
          <PayDialog
            total={total}
            cashRounding={settingsOf(ctx).cashRounding}
            onPay={(tenders) => {
              const sale = session.pay(tenders);
              const change =
                sale.data.change > 0
                  ? ` · ${say(lang, 'ui.pay.change')}: ${formatMoney(sale.data.change)}`
                  : '';
              info(say(lang, 'ui.sale.paid', { receiptNo: sale.receiptNo }) + change);
              const title = say(lang, 'ui.dialog.paid', { receiptNo: sale.receiptNo });
              const lines = () => saleReceiptOnScreen(ctx, sale, columns);
              setDialog({ kind: 'view', title, lines: lines() });
              fiscaliseThenPrint({ id: sale.saleId, fiscal: sale.fiscal }, () => printSale(ctx, sale), {
                title,
                lines,
              });
            }}
            onCancel={close}
          />
        );
      }
      case 'parked':
        return (
          <ListDialog
            rows={body}
            title={say(lang, 'ui.dialog.parked')}
            items={state.parked.map(
              (p) =>
                // The first names tell the cashier whose basket it is.
                `${say(lang, 'ui.dialog.parkedItem', {
                  time: timeLabel(p.parkedAt, new Date()),
                  count: p.cart.lines.length,
                  total: formatMoney(cartTotals(p.cart).total),
                })}  ${p.cart.lines.map((l) => l.product.name).join(', ')}`,
            )}
            onChoose={(index) => {
              const parked = state.parked[index];
              if (!parked) throw new InputError('ui.error.noParked');
              session.resume(parked.id);
              close();
              info(say(lang, 'ui.sale.resumed'));
            }}
            onCancel={close}
          />
        );
      case 'refundLines':
        return (
          <RefundDialog
            rows={body}
            receiptNo={d.receiptNo}
            lines={d.lines}
            onRefund={(selection) => {
              const { refund, lines } = session.refund(d.receiptNo, selection, columns);
              const title = say(lang, 'ui.dialog.refunded', { refundNo: refund.refundNo });
              setDialog({ kind: 'view', title, lines });
              fiscaliseThenPrint(
                { id: refund.refundId, fiscal: refund.fiscal },
                () => printRefund(ctx, refund, refund.sale.data),
                {
                  title,
                  lines: () => refundReceiptLines(ctx, refund, refund.sale.data, receiptWidth(columns)),
                },
              );
            }}
            onCancel={close}
          />
        );
      case 'view':
        return (
          <TextView
            title={d.title}
            lines={d.lines}
            rows={body}
            onClose={() => (d.afterClose === 'logout' ? onLogout() : close())}
          />
        );
      case 'prompt':
        return prompt(d.purpose, d.amount);
    }
  };

  return (
    <ScreenFrame scopes={dialog ? dialogScopes[dialog.kind] : ['sale']} notice={state.notice}>
      {dialog ? (
        renderDialog(dialog)
      ) : (
        <Box flexDirection="column">
          <TextField label={say(lang, 'ui.sale.scan')} value={scan} columns={columns} />
          <CartView
            cart={state.cart}
            selected={state.selected}
            rows={body - 1}
            parked={state.parked.length}
          />
        </Box>
      )}
    </ScreenFrame>
  );
}
