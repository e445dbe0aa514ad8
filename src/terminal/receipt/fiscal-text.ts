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
 * The foot of a receipt that has no fiscal sign: a register without fiscalisation says the receipt is not fiscal,
 * one still waiting for its FM says so. A signed receipt shows the FM's block in its text and the QR on paper.
 */
export function fiscalFooter(
  fiscal: { mark: FiscalMark } | { pending: true } | null,
  lang: Lang,
  width: number,
): string[] {
  const t = (key: string) => messageFor(lang, key);
  const centred = (text: string) => ' '.repeat(Math.max(0, Math.floor((width - text.length) / 2))) + text;
  if (fiscal === null) return [centred(t('receipt.notFiscal'))];
  if ('pending' in fiscal) return [centred(t('receipt.fiscalPending'))];
  // The signed block itself (FM, sequence, time, sign, URL) is the receipt text's (ReceiptContext.fiscal).
  return [];
}
