import { messageFor, type Lang } from '../../common/i18n/index.js';

/** The FM's answer as a receipt shows it. */
export interface FiscalMark {
  terminalId: string;
  receiptSeq: number;
  dateTime: string;
  fiscalSign: string;
  qrUrl: string;
}

/**
 * The fiscal part at the foot of a receipt: FM number, receipt sequence, time and fiscal sign (the QR code of
 * the check URL follows on paper); a receipt of a register without fiscalisation says it is not fiscal.
 */
export function fiscalFooter(
  fiscal: { mark: FiscalMark } | { pending: true } | null,
  lang: Lang,
  width: number,
): string[] {
  const t = (key: string) => messageFor(lang, key);
  const pair = (left: string, right: string) =>
    left + ' '.repeat(Math.max(1, width - left.length - right.length)) + right;
  const centred = (text: string) => ' '.repeat(Math.max(0, Math.floor((width - text.length) / 2))) + text;
  if (fiscal === null) return [centred(t('receipt.notFiscal'))];
  if ('pending' in fiscal) return [centred(t('receipt.fiscalPending'))];
  const { mark } = fiscal;
  return [
    pair(t('receipt.fmNumber'), mark.terminalId),
    pair(t('receipt.fiscalSeq'), String(mark.receiptSeq)),
    pair(t('receipt.fiscalTime'), mark.dateTime),
    pair(t('receipt.fiscalSign'), mark.fiscalSign),
  ];
}
