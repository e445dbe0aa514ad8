import { useCallback, useMemo } from 'react';
import { QTY_SCALE } from '../../../common/quantity.js';
import type { Cashier } from '../../register/cashier.js';
import type { RegisterContext } from '../../register/context.js';
import { refundReceiptLines, saleReceiptLines } from '../../register/printing.js';
import { parkCart, parkedSales, resumeParked } from '../../register/parking.js';
import { refundSale, type RefundOriginal } from '../../register/refunds.js';
import { quickKeyProduct } from '../../register/quick-keys.js';
import { moveCash } from '../../register/shift.js';
import {
  cashierPolicy,
  checkout,
  recordAudit,
  scanIntoCart,
  snapshotOf,
  type CompletedSale,
  type SearchHit,
} from '../../register/selling.js';
import { AppError } from '../../../common/errors.js';
import { checkCartLimits } from '../../sale/limits.js';
import {
  cartTotals,
  emptyCart,
  reduceCart,
  type CartAction,
  type CartAuditEntry,
  type CartState,
} from '../../sale/cart.js';
import type { Tender } from '../../sale/payment.js';
import type { RefundMethod, RefundSelection } from '../../sale/refund.js';
import type { SaleCompletedData } from '../../../common/protocol/sync.js';
import { typedDiscount, typedQuantity, typedReason } from '../input.js';
import { InputError } from '../text.js';
import { useSyncState } from './use-sync-state.js';
import { formatMoney } from '../../../common/money.js';
import { recordAct, type ApprovalAct } from '../../register/audit.js';
import { recordApproval } from '../../register/approval.js';
import { interruptedSale, keepOpenSale, type OpenSale } from '../../register/open-sale.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import {
  initialSession,
  reduceSession,
  type Notice,
  type SessionAction,
  type SessionState,
} from '../state/sale-session.js';

/** A supervisor let this act through (their PIN was checked by the approve dialog). */
export interface Approval {
  act: ApprovalAct;
  approvedBy: Cashier;
}

export interface SaleSessionDeps {
  ctx: RegisterContext;
  cashier: Cashier;
  /** Called after anything that adds to the outbox, so the status bar and the sync catch up. */
  onCommitted(): void;
}

/** Receipt width on screen: as wide as an 80 mm roll prints, narrower on a small terminal. */
export function receiptWidth(columns: number): number {
  return Math.max(24, Math.min(48, columns - 4));
}

/**
 * The cashier's actions on the sale screen: each calls the register layer and stores its result; an error
 * is thrown to the caller (dialogs show it and stay open) and leaves the sale as it was.
 */
export function useSaleSession({ ctx, cashier, onCommitted }: SaleSessionDeps) {
  const { lang } = useUi();
  const describe = useErrorText();
  // The sale a crash interrupted comes back as it was; parked sales are on disk too.
  const [initial, restored] = useMemo((): [SessionState, OpenSale | null] => {
    const parked = parkedSales(ctx);
    try {
      const sale = interruptedSale(ctx);
      if (!sale) return [{ ...initialSession, parked }, null];
      const total = formatMoney(cartTotals(sale.cart).total);
      const text = say(lang, 'ui.sale.restored', { count: sale.cart.lines.length, total });
      const notice: Notice = { kind: 'info', text };
      return [
        {
          ...initialSession,
          parked,
          cart: sale.cart,
          selected: sale.cart.lines.length - 1,
          notice,
          paymentStarted: sale.tenders.length > 0,
        },
        sale,
      ];
    } catch (error) {
      // Unreadable (another version wrote it): shown and logged, then dropped so every start does not stop on it.
      const notice: Notice = { kind: 'error', text: describe(error) };
      keepOpenSale(ctx, cashier, emptyCart);
      return [{ ...initialSession, parked, notice }, null];
    }
    // Once per screen: a later render must not restore again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ctx]);
  const [state, setState, current] = useSyncState(initial);
  const dispatch = useCallback(
    (action: SessionAction) => setState((previous) => reduceSession(previous, action)),
    [setState],
  );

  /**
   * Every change of the cart is on disk (with its audit entries, in one transaction) before it is shown. An
   * approved change carries its supervisor in its own entries and in an `approval.given` entry beside them.
   */
  const commitCart = useCallback(
    (
      cart: CartState,
      audit: readonly CartAuditEntry[],
      select?: number,
      approval?: Approval & { amount: number },
      added?: string,
    ) => {
      ctx.db
        .transaction(() => {
          recordAudit(
            ctx,
            cashier,
            approval ? audit.map((entry) => ({ ...entry, approvedBy: approval.approvedBy.id })) : audit,
          );
          if (approval) recordApproval(ctx, cashier, approval);
          keepOpenSale(ctx, cashier, cart);
        })
        .immediate();
      dispatch({ type: 'cart', cart, select, added });
    },
    [ctx, cashier, dispatch],
  );

  const apply = useCallback(
    (action: CartAction, cart: CartState, select?: (next: CartState) => number, approval?: Approval) => {
      // A supervisor's approval lifts the cashier's discount cap: the act is theirs.
      const policy = cashierPolicy(ctx);
      const result = reduceCart(cart, action, approval ? { ...policy, role: 'supervisor' } : policy);
      checkCartLimits(result.state);
      // The money the approved act took off the sale (a voided line, a cancelled cart, a discount).
      const amount = cartTotals(cart).total - cartTotals(result.state).total;
      // Voids, reductions and cancellations are recorded before the screen shows them gone.
      const added = action.type === 'addItem' ? action.product.productId : undefined;
      commitCart(
        result.state,
        result.audit,
        select?.(result.state),
        approval && { ...approval, amount },
        added,
      );
    },
    [ctx, commitCart],
  );

  const selectedLine = (s: SessionState) => {
    const line = s.cart.lines[s.selected];
    if (!line) throw new AppError('EMPTY_CART');
    return line;
  };

  const actions = useMemo(
    () => ({
      notify: (notice: Notice | null) => dispatch({ type: 'notice', notice }),
      select: (delta: number) => dispatch({ type: 'select', delta }),
      scan(typed: string) {
        const s = current();
        const result = scanIntoCart(ctx, s.cart, typed);
        const index = result.state.lines.findLastIndex((l) => l.product.productId === result.product.id);
        commitCart(result.state, result.audit, index, undefined, result.product.id);
      },
      addProduct(hit: SearchHit) {
        const s = current();
        apply({ type: 'addItem', product: snapshotOf(hit), qty: QTY_SCALE }, s.cart, (next) =>
          next.lines.findLastIndex((l) => l.product.productId === hit.id),
        );
      },
      /** A weighed product picked without a code (a quick key), with the weight the cashier typed. */
      addWeighed(productId: string, typed: string) {
        const product = quickKeyProduct(ctx, productId);
        const s = current();
        apply({ type: 'addItem', product: snapshotOf(product), qty: typedQuantity(typed) }, s.cart, (next) =>
          next.lines.findLastIndex((l) => l.product.productId === productId),
        );
      },
      /** `+`: one more of the last line's product (bread, a bag); a weighed one needs its weight typed. */
      repeatLast() {
        const s = current();
        const last = s.cart.lines.at(-1);
        if (!last) throw new AppError('EMPTY_CART');
        if (last.product.unit !== 'pcs')
          throw new AppError('WEIGHT_REQUIRED', { params: { name: last.product.name } });
        apply({ type: 'addItem', product: last.product, qty: QTY_SCALE }, s.cart, (next) =>
          next.lines.findLastIndex((l) => l.product.productId === last.product.productId),
        );
      },
      setQty(typed: string) {
        const s = current();
        selectedLine(s);
        apply({ type: 'setQty', lineIndex: s.selected, qty: typedQuantity(typed) }, s.cart);
      },
      /** The pay dialog opened: from now on a void may need a supervisor. */
      startPayment: () => dispatch({ type: 'paymentStarted' }),
      voidLine(reason: string, approval?: Approval) {
        const s = current();
        const line = selectedLine(s);
        apply(
          { type: 'removeLine', lineIndex: s.selected, reason: typedReason(reason) },
          s.cart,
          undefined,
          approval,
        );
        return line.product.name;
      },
      cancelSale(reason: string, approval?: Approval) {
        const s = current();
        if (s.cart.lines.length === 0) throw new AppError('EMPTY_CART');
        apply({ type: 'clear', reason: typedReason(reason) }, s.cart, undefined, approval);
      },
      discountLine(typed: string, approval?: Approval) {
        const s = current();
        selectedLine(s);
        apply(
          { type: 'lineDiscount', lineIndex: s.selected, discount: typedDiscount(typed) },
          s.cart,
          undefined,
          approval,
        );
      },
      discountCart(typed: string, approval?: Approval) {
        const s = current();
        apply({ type: 'cartDiscount', discount: typedDiscount(typed) }, s.cart, undefined, approval);
      },
      /**
       * Ctrl+Q / Ctrl+C with an open sale: it is parked or cancelled with a reason (audited as a cancel), and the
       * quit itself is recorded, before pos closes.
       */
      quitWithOpenSale(choice: { park: true } | { cancelReason: string; approval?: Approval }) {
        const s = current();
        const detail = { lineCount: s.cart.lines.length, amount: cartTotals(s.cart).total };
        if ('park' in choice) parkCart(ctx, cashier, s.cart);
        else
          apply(
            { type: 'clear', reason: typedReason(choice.cancelReason) },
            s.cart,
            undefined,
            choice.approval,
          );
        recordAct(ctx, cashier.id, {
          kind: 'quit.with.open.sale',
          choice: 'park' in choice ? 'parked' : 'cancelled',
          ...('park' in choice ? {} : { reason: choice.cancelReason.trim() }),
          ...detail,
        });
      },
      /** Returns once the cart is on disk; the screen then starts an empty sale. */
      park() {
        parkCart(ctx, cashier, current().cart);
        dispatch({ type: 'parked', parked: parkedSales(ctx) });
      },
      /** The parked sales as they are now on disk (another pos on this data dir may have changed them). */
      refreshParked() {
        dispatch({ type: 'parkedList', parked: parkedSales(ctx) });
      },
      resume(id: string) {
        const s = current();
        if (s.cart.lines.length > 0) throw new InputError('ui.error.finishFirst');
        try {
          const cart = resumeParked(ctx, cashier, id);
          keepOpenSale(ctx, cashier, cart);
          dispatch({ type: 'resumed', cart, parked: parkedSales(ctx) });
        } catch (error) {
          dispatch({ type: 'parkedList', parked: parkedSales(ctx) });
          throw error;
        }
      },
      /** Tenders entered at the pay dialog are kept with the cart until the sale is paid or the dialog left. */
      keepTenders(tenders: readonly Tender[]) {
        keepOpenSale(ctx, cashier, current().cart, tenders);
      },
      /** Returns only once checkout() has committed the sale and its outbox event. */
      pay(tenders: readonly Tender[]): CompletedSale {
        const s = current();
        const sale = checkout(ctx, { cart: s.cart, tenders, cashier });
        dispatch({ type: 'paid', sale });
        onCommitted();
        return sale;
      },
      /** Cash in (+) or out (−); a cash out a supervisor approved is recorded with it. */
      moveCash(amount: number, reason: string, approval?: Approval) {
        ctx.db
          .transaction(() => {
            moveCash(ctx, amount, reason);
            if (approval) recordApproval(ctx, cashier, { ...approval, amount: -amount, reason });
          })
          .immediate();
        onCommitted();
      },
      refund(
        original: RefundOriginal,
        selection: RefundSelection,
        columns: number,
        approval?: Approval,
        choice: { method?: RefundMethod; reason?: string } = {},
      ) {
        // The approval is written with the refund, or not at all.
        const refund = ctx.db
          .transaction(() => {
            const done = refundSale(ctx, { original, selection, cashier, ...choice });
            if (approval) recordApproval(ctx, cashier, { ...approval, amount: done.data.total });
            return done;
          })
          .immediate();
        onCommitted();
        return { refund, lines: refundReceiptLines(ctx, refund, refund.sale.data, receiptWidth(columns)) };
      },
    }),
    [ctx, cashier, apply, commitCart, onCommitted, current, dispatch],
  );

  return { state, restoredTenders: restored?.tenders ?? [], ...actions };
}

export type SaleSession = ReturnType<typeof useSaleSession>;

/** The customer's receipt as shown on screen, as wide as the printer's paper allows the terminal. */
export function saleReceiptOnScreen(
  ctx: RegisterContext,
  sale: { data: SaleCompletedData; occurredAt: string },
  columns: number,
  copy = false,
): string[] {
  return saleReceiptLines(ctx, sale, receiptWidth(columns), copy);
}
