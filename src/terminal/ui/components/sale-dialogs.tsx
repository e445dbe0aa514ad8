import { useCallback } from 'react';
import { formatMoney } from '../../../common/money.js';
import { AppError } from '../../../common/errors.js';
import { needsApproval, supervisorByPin, type ActAtStake } from '../../register/approval.js';
import type { Cashier } from '../../register/cashier.js';
import { settingsOf, type RegisterContext } from '../../register/context.js';
import { closeFiscalShift, fiscaliseDocument, readFiscalConfig } from '../../fiscal/service.js';
import { printRefund, printSale, printShiftReport, refundReceiptLines } from '../../register/printing.js';
import { quickKeys } from '../../register/quick-keys.js';
import {
  findSale,
  localOriginal,
  previewRefund,
  refundOptions,
  type RefundOriginal,
} from '../../register/refunds.js';
import { lookUpOriginal } from '../../register/remote-sale.js';
import { searchCatalog } from '../../register/selling.js';
import { assertDrawerHolds, closeShift, requireOpenShift } from '../../register/shift.js';
import { cartTotals } from '../../sale/cart.js';
import { reportLines, timeLabel } from '../format.js';
import { typedMoney, typedReason } from '../input.js';
import {
  receiptWidth,
  saleReceiptOnScreen,
  type Approval,
  type SaleSession,
} from '../hooks/use-sale-session.js';
import { cancelReasons, voidReasons } from '../state/reasons.js';
import type { PromptPurpose, SaleDialog } from '../state/sale-dialog.js';
import { moneyChars } from '../state/text-field.js';
import { InputError, say, type UiKey } from '../text.js';
import { bodyRows, useErrorText, useUi } from '../ui-context.js';
import { ApproveDialog } from './approve-dialog.js';
import { ListDialog } from './list-dialog.js';
import { PayDialog } from './pay-dialog.js';
import { PromptDialog } from './prompt-dialog.js';
import { QuickKeysDialog } from './quick-keys-dialog.js';
import { RefundConfirmDialog } from './refund-confirm-dialog.js';
import { RefundDialog } from './refund-dialog.js';
import { SearchDialog } from './search-dialog.js';
import { TextView } from './text-view.js';

export interface SaleDialogViewProps {
  dialog: SaleDialog;
  ctx: RegisterContext;
  session: SaleSession;
  /** Replaces the open dialog (a prompt leading to the next one, a receipt after paying), or updates it. */
  open(dialog: SaleDialog | ((current: SaleDialog | null) => SaleDialog | null)): void;
  close(): void;
  /** After a sale, refund, cash move or shift close: refresh the status bar and nudge the sync. */
  onCommitted(): void;
  onLogout(): void;
  onQuit(): void;
}

/** The dialog open over the sale screen; each submits through the session or the register and then closes. */
export function SaleDialogView({
  dialog,
  ctx,
  session,
  open,
  close,
  onCommitted,
  onLogout,
  onQuit,
}: SaleDialogViewProps) {
  const { lang, columns, rows } = useUi();
  const describe = useErrorText();
  const body = bodyRows(rows);
  const { state } = session;
  const info = (text: string) => session.notify({ kind: 'info', text });
  const search = useCallback((text: string) => searchCatalog(ctx, text, 50), [ctx]);
  const selectedName = state.cart.lines[state.selected]?.product.name ?? '';

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
        open((current) =>
          current?.kind === 'view' && current.title === redraw.title
            ? { ...current, lines: redraw.lines() }
            : current,
        );
        print(job);
      })
      .catch((error: unknown) => session.notify({ kind: 'error', text: describe(error) }));
  };

  /**
   * Runs an act now, or after a supervisor's PIN when the store's approvals name it. `run` gets the approval to
   * record with the act.
   */
  const withApproval = (stake: ActAtStake, run: (approval?: Approval) => void) => {
    if (!needsApproval(ctx, stake)) return run();
    open({ kind: 'approve', ...stake, run: (approvedBy: Cashier) => run({ act: stake.act, approvedBy }) });
  };

  /** A discount above the cashier's cap goes to a supervisor when the store allows it that way. */
  const discountOrApproval = (give: (approval?: Approval) => void) => {
    try {
      give();
      close();
    } catch (error) {
      const overLimit = error instanceof AppError && error.code === 'DISCOUNT_OVER_LIMIT';
      if (!overLimit || !needsApproval(ctx, { act: 'discountAboveLimit' })) throw error;
      open({
        kind: 'approve',
        act: 'discountAboveLimit',
        run: (approvedBy: Cashier) => {
          give({ act: 'discountAboveLimit', approvedBy });
          close();
        },
      });
    }
  };

  const cartTotal = cartTotals(state.cart).total;
  const approvedNote = (approval?: Approval) =>
    approval ? ` · ${say(lang, 'ui.sale.approvedBy', { name: approval.approvedBy.name })}` : '';

  const prompt = (
    purpose: PromptPurpose,
    amount?: number,
    code = '',
    name = selectedName,
    productId?: string,
  ) => {
    const p = (
      titleKey: UiKey,
      label: string,
      submit: (value: string) => void,
      money = false,
      initial?: string,
      presets?: readonly UiKey[],
    ) => (
      <PromptDialog
        key={purpose}
        initial={initial}
        presets={presets?.map((preset) => say(lang, preset))}
        title={say(lang, titleKey, { name, amount: formatMoney(amount ?? 0) })}
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
            open({
              kind: 'view',
              title: say(lang, 'ui.dialog.receipt', { receiptNo: sale.receiptNo }),
              // A reprint is a copy (NUSXA / КОПИЯ / COPY).
              lines: saleReceiptOnScreen(ctx, sale, columns, true),
            });
            print(() => printSale(ctx, sale, true));
          },
          false,
          state.lastSale?.receiptNo ?? '',
        );
      case 'qty':
        return p('ui.dialog.qty', say(lang, 'ui.key.qty'), (v) => (session.setQty(v), close()));
      case 'void':
        return p(
          'ui.dialog.voidReason',
          say(lang, 'ui.field.reason'),
          (v) => {
            typedReason(v);
            const stake: ActAtStake = {
              act: 'voidAfterPayment',
              amount: cartTotals(state.cart).lines[state.selected]?.total ?? 0,
            };
            const run = (approval?: Approval) => {
              const name = session.voidLine(v, approval);
              close();
              info(say(lang, 'ui.sale.voided', { name }) + approvedNote(approval));
            };
            // Only once the pay dialog was opened: a line voided while the customer pays is the classic skim.
            if (state.paymentStarted) withApproval(stake, run);
            else run();
          },
          false,
          undefined,
          voidReasons,
        );
      case 'cancel':
        return p(
          'ui.dialog.cancelReason',
          say(lang, 'ui.field.reason'),
          (v) => {
            typedReason(v);
            withApproval({ act: 'cancelAbove', amount: cartTotal }, (approval) => {
              session.cancelSale(v, approval);
              close();
              info(say(lang, 'ui.sale.cancelled') + approvedNote(approval));
            });
          },
          false,
          undefined,
          cancelReasons,
        );
      case 'lineDiscount':
        return p('ui.dialog.lineDiscount', say(lang, 'ui.key.lineDiscount'), (v) =>
          discountOrApproval((approval) => session.discountLine(v, approval)),
        );
      case 'cartDiscount':
        return p('ui.dialog.cartDiscount', say(lang, 'ui.key.cartDiscount'), (v) =>
          discountOrApproval((approval) => session.discountCart(v, approval)),
        );
      case 'cashAmount':
        return p(
          'ui.dialog.cashAmount',
          say(lang, 'ui.pay.amount'),
          (v) => {
            const value = typedMoney(v, { allowNegative: true });
            if (value === 0) throw new InputError('ui.error.money', { text: v });
            open({ kind: 'prompt', purpose: 'cashReason', amount: value });
          },
          true,
        );
      case 'cashReason':
        return p('ui.dialog.cashReason', say(lang, 'ui.field.reason'), (v) => {
          const reason = typedReason(v);
          const moved = amount ?? 0;
          const run = (approval?: Approval) => {
            session.moveCash(moved, reason, approval);
            close();
            info(say(lang, 'ui.sale.cashMoved', { amount: formatMoney(moved) }) + approvedNote(approval));
          };
          if (moved < 0) withApproval({ act: 'cashOut', amount: -moved }, run);
          else run();
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
            open({
              kind: 'report',
              title: say(lang, 'ui.dialog.zReport'),
              lines: reportLines(report, lang, receiptWidth(columns)),
              report,
              afterClose: 'logout',
            });
          },
          true,
        );
      case 'weight':
        return p('ui.dialog.weight', say(lang, 'ui.field.weight'), (v) => {
          if (productId) session.addWeighed(productId, v);
          else session.scan(`${v.trim()}*${code}`);
          close();
        });
      case 'quitReason':
        return p(
          'ui.dialog.quitReason',
          say(lang, 'ui.field.reason'),
          (v) => {
            typedReason(v);
            withApproval({ act: 'cancelAbove', amount: cartTotal }, (approval) => {
              session.quitWithOpenSale({ cancelReason: v, approval });
              onQuit();
            });
          },
          false,
          undefined,
          cancelReasons,
        );
      case 'refundNo':
        return p('ui.dialog.refundNo', say(lang, 'ui.field.receiptNo'), (v) => {
          const show = (original: RefundOriginal) => {
            const options = refundOptions(ctx, original);
            open({ kind: 'refundLines', receiptNo: options.sale.receiptNo, original, lines: options.lines });
          };
          const local = localOriginal(ctx, v);
          if (local) return show(local);
          // Not a sale of this register: the store's server is asked (online only), the prompt stays meanwhile.
          info(say(lang, 'ui.refund.lookingUp', { receiptNo: v.trim().toUpperCase() }));
          lookUpOriginal(ctx, v)
            .then((original) => {
              if (original.register)
                info(
                  say(lang, 'ui.refund.fromRegister', {
                    receiptNo: original.sale.receiptNo,
                    register: original.register,
                  }),
                );
              show(original);
            })
            .catch((error: unknown) => session.notify({ kind: 'error', text: describe(error) }));
        });
    }
  };

  switch (dialog.kind) {
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
    case 'pay':
      return (
        <PayDialog
          total={cartTotals(state.cart).total}
          cashRounding={settingsOf(ctx).cashRounding}
          initialTenders={session.restoredTenders}
          onTenders={session.keepTenders}
          onPay={(tenders) => {
            const sale = session.pay(tenders);
            const change =
              sale.data.change > 0
                ? ` · ${say(lang, 'ui.pay.change')}: ${formatMoney(sale.data.change)}`
                : '';
            info(say(lang, 'ui.sale.paid', { receiptNo: sale.receiptNo }) + change);
            const title = say(lang, 'ui.dialog.paid', { receiptNo: sale.receiptNo });
            const lines = () => saleReceiptOnScreen(ctx, sale, columns);
            open({ kind: 'view', title, lines: lines() });
            fiscaliseThenPrint({ id: sale.saleId, fiscal: sale.fiscal }, () => printSale(ctx, sale), {
              title,
              lines,
            });
          }}
          onCancel={() => {
            // Tenders not taken are not kept: the pay dialog starts empty next time.
            session.keepTenders([]);
            close();
          }}
        />
      );
    case 'quickKeys':
      return (
        <QuickKeysDialog
          grid={quickKeys(ctx)}
          onChoose={(product) => {
            // A weighed product asks for its weight, as its own code scanned alone does.
            if (product.unit !== 'pcs')
              return open({ kind: 'prompt', purpose: 'weight', productId: product.id, name: product.name });
            session.addProduct({ ...product, stock: null });
            close();
          }}
          onCancel={close}
        />
      );
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
    case 'quit': {
      const totals = cartTotals(state.cart);
      return (
        <ListDialog
          rows={body}
          digits
          title={say(lang, 'ui.dialog.quit', {
            count: state.cart.lines.length,
            total: formatMoney(totals.total),
          })}
          items={[say(lang, 'ui.quit.park'), say(lang, 'ui.quit.cancel')].map(
            (item, i) => `${i + 1}  ${item}`,
          )}
          onChoose={(index) => {
            if (index === 1) return open({ kind: 'prompt', purpose: 'quitReason' });
            session.quitWithOpenSale({ park: true });
            onQuit();
          }}
          onCancel={close}
        />
      );
    }
    case 'refundLines':
      return (
        <RefundDialog
          rows={body}
          receiptNo={dialog.receiptNo}
          lines={dialog.lines}
          onRefund={(selection) => {
            // More than is left is refused here, before the confirmation.
            previewRefund(ctx, { original: dialog.original, selection, method: 'original' });
            open({
              kind: 'refundConfirm',
              receiptNo: dialog.receiptNo,
              original: dialog.original,
              selection,
            });
          }}
          onCancel={close}
        />
      );
    case 'refundConfirm':
      return (
        <RefundConfirmDialog
          rows={body}
          receiptNo={dialog.receiptNo}
          preview={(method) =>
            previewRefund(ctx, { original: dialog.original, selection: dialog.selection, method })
          }
          onConfirm={({ method, reason }) => {
            const why = typedReason(reason);
            const { data } = previewRefund(ctx, {
              original: dialog.original,
              selection: dialog.selection,
              method,
            });
            // The drawer is checked before a supervisor is called over; the commit checks it again.
            const cash = data.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0);
            if (cash > 0) assertDrawerHolds(ctx, requireOpenShift(ctx).id, cash);
            withApproval({ act: 'refund', amount: data.total }, (approval) => {
              const { refund, lines } = session.refund(dialog.original, dialog.selection, columns, approval, {
                method,
                reason: why,
              });
              const title = say(lang, 'ui.dialog.refunded', { refundNo: refund.refundNo });
              open({ kind: 'view', title, lines });
              fiscaliseThenPrint(
                { id: refund.refundId, fiscal: refund.fiscal },
                () => printRefund(ctx, refund, refund.sale.data),
                {
                  title,
                  lines: () => refundReceiptLines(ctx, refund, refund.sale.data, receiptWidth(columns)),
                },
              );
            });
          }}
          onCancel={close}
        />
      );
    case 'report':
      return (
        <TextView
          title={dialog.title}
          lines={dialog.lines}
          rows={body}
          onClose={() => (dialog.afterClose === 'logout' ? onLogout() : close())}
          onPrint={() =>
            printShiftReport(ctx, dialog.report)
              .then((printed) =>
                session.notify(
                  printed
                    ? { kind: 'info', text: say(lang, 'ui.report.printed') }
                    : { kind: 'error', text: say(lang, 'ui.report.noPrinter') },
                ),
              )
              .catch((error: unknown) => session.notify({ kind: 'error', text: describe(error) }))
          }
        />
      );
    case 'view':
      return (
        <TextView
          title={dialog.title}
          lines={dialog.lines}
          rows={body}
          onClose={() => (dialog.afterClose === 'logout' ? onLogout() : close())}
        />
      );
    case 'prompt':
      return prompt(dialog.purpose, dialog.amount, dialog.code, dialog.name, dialog.productId);
    case 'approve':
      return (
        <ApproveDialog
          title={say(lang, 'ui.dialog.approve', {
            act: say(lang, `ui.approval.${dialog.act}`),
            amount: dialog.amount ? ` · ${formatMoney(dialog.amount)}` : '',
          })}
          check={(pin) => supervisorByPin(ctx, pin)}
          onApproved={dialog.run}
          onCancel={close}
        />
      );
  }
}
