import { useEffect, useState } from 'react';
import { useSyncState } from '../hooks/use-sync-state.js';
import { Box, Text } from 'ink';
import { formatMoney, type Money } from '../../../common/money.js';
import { paymentStatus, type PaymentStatus, type Tender } from '../../sale/payment.js';
import { commandFor } from '../keys.js';
import { spread } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import {
  addTender,
  initialPay,
  kindsOf,
  nextKind,
  nextMethod,
  payStatus,
  typedTender,
  type PayState,
} from '../state/pay.js';
import { moneyChars, reduceField } from '../state/text-field.js';
import { say } from '../text.js';
import { useErrorText, useUi } from '../ui-context.js';
import { DialogBox } from './dialog-box.js';
import { TextField } from './text-field.js';

export interface PayDialogProps {
  total: Money;
  cashRounding: number;
  /** Commits the sale; throws (UNDERPAID, OVERPAID…) to keep the dialog open with the tenders entered. */
  onPay(tenders: readonly Tender[]): void;
  onCancel(): void;
  /** Tenders entered before a crash, restored with the sale. */
  initialTenders?: readonly Tender[];
  /** Each change of the tenders entered, so they are kept on disk with the open sale. */
  onTenders?(tenders: readonly Tender[]): void;
}

function tenderLabel(lang: Parameters<typeof say>[0], tender: Tender): string {
  switch (tender.method) {
    case 'cash':
      return `${say(lang, 'ui.pay.cash')}  ${formatMoney(tender.tendered)}`;
    case 'card':
      return `${say(lang, 'ui.pay.card')} ${tender.cardType}  ${formatMoney(tender.amount)}${tender.reference ? `  #${tender.reference}` : ''}`;
    case 'qr':
      return `${say(lang, 'ui.pay.qr')} ${tender.provider}  ${formatMoney(tender.amount)}${tender.reference ? `  #${tender.reference}` : ''}`;
  }
}

/**
 * Cash (tendered → change), card (type + terminal reference), QR (provider + reference), split across them.
 * Enter adds what is typed (empty = the rest); once the tenders cover what is due the sale is paid.
 */
export function PayDialog({
  total,
  cashRounding,
  onPay,
  onCancel,
  initialTenders = [],
  onTenders,
}: PayDialogProps) {
  const { lang, columns } = useUi();
  const describe = useErrorText();
  const [state, setState, currentState] = useSyncState<PayState>({ ...initialPay, tenders: initialTenders });
  useEffect(() => onTenders?.(state.tenders), [state.tenders, onTenders]);
  const [error, setError] = useState<string | null>(null);
  const status = payStatus(total, state, cashRounding);
  // What the screen shows: cash being typed counts already, so the change due is read before Enter.
  const shown = withTypedCash(total, state, status, cashRounding);

  const tryPay = (tenders: readonly Tender[], next: PayState) => {
    try {
      onPay(tenders);
    } catch (e) {
      setState(next);
      setError(describe(e));
    }
  };

  useKeys((key) => {
    const state = currentState();
    const status = payStatus(total, state, cashRounding);
    const command = commandFor(key, ['pay', 'dialog']);
    setError(null);
    try {
      switch (command) {
        case 'dialog.cancel':
          return onCancel();
        case 'pay.method':
          return setState(nextMethod(state));
        case 'pay.type':
          return setState(nextKind(state, key.name === 'left' ? -1 : 1));
        case 'pay.removeTender':
          return setState({ ...state, tenders: state.tenders.slice(0, -1) });
        case 'pay.confirm': {
          // Pays with what is entered; a short payment is refused by checkout with what is still due.
          const typed = state.amount.trim() ? [typedTender(state, status.remaining)] : [];
          return tryPay([...state.tenders, ...typed], state);
        }
        case 'pay.add': {
          if (state.method !== 'cash' && state.field === 'amount')
            return setState({ ...state, field: 'reference' });
          const next = addTender(state, typedTender(state, status.remaining));
          if (payStatus(total, next, cashRounding).remaining === 0) {
            return tryPay(next.tenders, next);
          }
          return setState(next);
        }
      }
      if (state.field === 'reference') setState({ ...state, reference: reduceField(state.reference, key) });
      else
        setState({ ...state, amount: reduceField(state.amount, key, { accept: moneyChars, maxLength: 16 }) });
    } catch (e) {
      setError(describe(e));
    }
  });

  const inner = columns - 4;
  const kinds = kindsOf(state.method);
  const methodRow = (['cash', 'card', 'qr'] as const).map((m) => (
    <Text key={m} inverse={m === state.method}>
      {` ${say(lang, `ui.pay.${m}`)} `}
    </Text>
  ));
  return (
    <DialogBox title={say(lang, 'ui.pay.title')} error={error}>
      <Text wrap="truncate">{spread(say(lang, 'ui.pay.total'), formatMoney(total), inner)}</Text>
      {status.rounding !== 0 ? (
        <Text wrap="truncate">
          {spread(say(lang, 'ui.pay.rounding'), formatMoney(status.rounding), inner)}
        </Text>
      ) : null}
      <Text bold wrap="truncate">
        {spread(say(lang, 'ui.pay.due'), formatMoney(status.due), inner)}
      </Text>
      {state.tenders.map((tender, i) => (
        <Text key={i} wrap="truncate">
          {`  ${tenderLabel(lang, tender)}`}
        </Text>
      ))}
      <Text wrap="truncate">{spread(say(lang, 'ui.pay.paid'), formatMoney(shown.paid), inner)}</Text>
      <Text color={shown.remaining > 0 ? 'yellow' : undefined} wrap="truncate">
        {spread(say(lang, 'ui.pay.remaining'), formatMoney(shown.remaining), inner)}
      </Text>
      <Text color="green" bold wrap="truncate">
        {spread(say(lang, 'ui.pay.change'), formatMoney(shown.change), inner)}
      </Text>
      <Box>
        {methodRow}
        {kinds.length > 0 ? (
          <Text>
            {'  '}
            {kinds.map((kind, i) => (i === state.kind ? `[${kind}]` : ` ${kind} `)).join(' ')}
          </Text>
        ) : null}
      </Box>
      <TextField
        label={say(lang, 'ui.pay.amount')}
        value={state.amount}
        active={state.field === 'amount'}
        columns={inner}
      />
      {state.method !== 'cash' ? (
        <TextField
          label={say(lang, 'ui.pay.reference')}
          value={state.reference}
          active={state.field === 'reference'}
          columns={inner}
        />
      ) : null}
    </DialogBox>
  );
}

/** The status with the cash amount in the field counted as tendered; a half-typed or invalid amount counts nothing. */
function withTypedCash(
  total: Money,
  state: PayState,
  status: PaymentStatus,
  cashRounding: number,
): PaymentStatus {
  if (state.method !== 'cash' || !state.amount.trim()) return status;
  try {
    return paymentStatus(total, [...state.tenders, typedTender(state, status.remaining)], cashRounding);
  } catch {
    return status;
  }
}
