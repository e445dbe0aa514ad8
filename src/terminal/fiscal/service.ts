import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import {
  fiscalStatusSchema,
  type FiscalStatus as ReportedFiscalStatus,
  type SaleCompletedData,
  type SaleRefundedData,
} from '../../common/protocol/sync.js';
import type { RegisterContext } from '../register/context.js';
import type { StoreDb } from '../store/connection.js';
import {
  deleteFiscalConfig,
  getFiscalDocument,
  insertFiscalDocument,
  lastFiscalDateTime,
  markFiscalDone,
  markFiscalFailed,
  markFiscalSending,
  markFiscalUnknown,
  readFiscalConfigRow,
  saveFiscalStatus,
  setFiscalZOpen,
  waitingFiscalDocuments,
  waitingFiscalSummary,
  writeFiscalConfig,
  type FiscalConfigRow,
  type FiscalDocumentRow,
} from '../store/queries/fiscal.js';
import type { FiscalAdapter, FiscalStatus, FiscalXReport } from './adapter.js';
import { countdown, DEFAULT_BLOCK_AFTER_HOURS, type Countdown } from './countdown.js';
import { fdsAdapter } from './fds.js';
import {
  buildJsonReceipt,
  fiscalTime,
  parseFiscalTime,
  type FiscalResultInfo,
  type JsonReceipt,
} from './json-receipt.js';
import { refundFiscalLines, saleFiscalLines } from './lines.js';
import { preflight } from './preflight.js';

export type FiscalConfig = FiscalConfigRow;

export const fdsSettings = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  // The FM's FactoryID: 36 characters in the programmer's guide.
  factoryId: z.string().trim().min(1).max(64),
  posAuth: z.string().max(191).nullable().default(null),
  blockAfterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(DEFAULT_BLOCK_AFTER_HOURS),
});
export type FdsSettings = z.input<typeof fdsSettings>;

export function readFiscalConfig(ctx: { db: StoreDb }): FiscalConfig | null {
  return readFiscalConfigRow(ctx.db);
}

/** `pos fiscal set fds`: from now on every sale and refund of this register goes to the FM. */
export function setFiscalFds(ctx: RegisterContext, settings: FdsSettings): FiscalConfig {
  const parsed = fdsSettings.parse(settings);
  writeFiscalConfig(ctx.db, parsed);
  return readFiscalConfigRow(ctx.db)!;
}

/** `pos fiscal off`: receipts say they are not fiscal. Documents still waiting keep their state. */
export function turnFiscalOff(ctx: RegisterContext): void {
  deleteFiscalConfig(ctx.db);
}

function requireConfig(ctx: { db: StoreDb }): FiscalConfig {
  const config = readFiscalConfigRow(ctx.db);
  if (!config) throw new AppError('FISCAL_NOT_CONFIGURED');
  return config;
}

export function adapterOf(config: FiscalConfig): FiscalAdapter {
  return fdsAdapter({ url: config.url, factoryId: config.factoryId, posAuth: config.posAuth });
}

/** One fiscal call at a time per register store: two GetTXID for one document would make two receipts. */
const inFlight = new WeakMap<StoreDb, Promise<unknown>>();
function serially<T>(db: StoreDb, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(db) ?? Promise.resolve();
  const next = previous.then(work, work);
  inFlight.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

function lastOperationIso(db: StoreDb): string | null {
  const last = lastFiscalDateTime(db);
  const ms = last === null ? Number.NaN : parseFiscalTime(last);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Builds and checks the fiscal receipt of a sale about to be committed; null when this register does not
 * fiscalise. Throws the preflight's message (MXIK, package code, marking codes, sum rule, FM shift, clock)
 * before the sale is stored, so the cashier fixes it with the customer still there.
 */
export function fiscalReceiptOfSale(
  ctx: RegisterContext,
  data: SaleCompletedData,
  markingCodes: readonly string[] = [],
  now = Date.now(),
): JsonReceipt | null {
  const config = readFiscalConfigRow(ctx.db);
  if (!config) return null;
  const lines = saleFiscalLines(ctx.db, data, markingCodes);
  const receipt = buildJsonReceipt({
    operation: 'sale',
    at: now,
    lines,
    payments: data.payments,
    change: data.change,
  });
  preflight({ receipt, lines, zOpen: config.zOpen, lastOperationAt: lastOperationIso(ctx.db), now });
  return receipt;
}

/** The fiscal result of a sale or refund, as the FM signed it; null until it is known. */
export interface FiscalOutcome extends FiscalResultInfo {
  QRCodeURL: string;
}

export function resultOf(doc: FiscalDocumentRow | null): FiscalOutcome | null {
  if (!doc || (doc.state !== 'fiscalised' && doc.state !== 'recovered')) return null;
  return {
    TerminalID: doc.terminalId!,
    ReceiptSeq: doc.receiptSeq!,
    DateTime: doc.dateTime!,
    FiscalSign: doc.fiscalSign!,
    QRCodeURL: doc.qrUrl!,
  };
}

export function fiscalDocument(ctx: { db: StoreDb }, docId: string): FiscalDocumentRow | null {
  return getFiscalDocument(ctx.db, docId);
}

/** The fiscal result of the sale a refund takes back, as the refund quotes it. */
export interface OriginalFiscal {
  terminalId: string;
  receiptSeq: number;
  dateTime: string;
  fiscalSign: string;
  qrUrl: string;
}

/** The fiscal result of a sale of this register, from its own fiscal document; null until it is signed. */
export function localOriginalFiscal(ctx: { db: StoreDb }, saleId: string): OriginalFiscal | null {
  const result = resultOf(getFiscalDocument(ctx.db, saleId));
  return result
    ? {
        terminalId: result.TerminalID,
        receiptSeq: result.ReceiptSeq,
        dateTime: result.DateTime,
        fiscalSign: result.FiscalSign,
        qrUrl: result.QRCodeURL,
      }
    : null;
}

/**
 * A refund's receipt, quoting the original's fiscal result (`RefundInfo`); null when this register does not
 * fiscalise. An original without a fiscal result cannot be refunded fiscally yet. `fiscal` is the original's
 * result when the sale was made on another register (looked up on the server); absent, this register's own
 * document of the sale is read.
 */
export function fiscalReceiptOfRefund(
  ctx: RegisterContext,
  refund: SaleRefundedData,
  sale: {
    id: string;
    receiptNo: string;
    data: SaleCompletedData;
    fiscal?: OriginalFiscal | null;
    /** The register that made the sale, when it was another one. */
    register?: string | null;
    /** The sale's refunds before this one (any register's): their units' marking codes are not quoted again. */
    earlier?: readonly SaleRefundedData[];
  },
  now = Date.now(),
): JsonReceipt | null {
  const config = readFiscalConfigRow(ctx.db);
  if (!config) return null;
  // Only the selling register holds the original receipt; another one has none (its document ids differ).
  const originalDoc = getFiscalDocument(ctx.db, sale.id);
  const original = sale.fiscal === undefined ? localOriginalFiscal(ctx, sale.id) : sale.fiscal;
  if (!original)
    throw new AppError('FISCAL_ORIGINAL_NOT_FISCALISED', { params: { receiptNo: sale.receiptNo } });
  // Marking codes of the units going back: from the original receipt, else from the sale as the server has it.
  const lines = refundFiscalLines(
    ctx.db,
    refund,
    sale.data,
    (originalDoc?.receipt as JsonReceipt) ?? null,
    sale.earlier,
  );
  const unknown = sale.register
    ? lines.find((l) => l.markingRequired && l.markingCodes.length < Math.floor(l.qty / 1000))
    : undefined;
  // A register older than the codes in the sync sent none: the cashier is sent where the receipt is.
  if (unknown)
    throw new AppError('FISCAL_REFUND_MARKING_UNKNOWN', {
      params: { name: unknown.name, register: sale.register! },
    });
  const receipt = buildJsonReceipt({
    operation: 'refund',
    at: now,
    lines,
    payments: refund.payments,
    change: 0,
    refundOf: {
      TerminalID: original.terminalId,
      ReceiptSeq: original.receiptSeq,
      DateTime: original.dateTime,
      FiscalSign: original.fiscalSign,
    },
  });
  preflight({ receipt, lines, zOpen: config.zOpen, lastOperationAt: lastOperationIso(ctx.db), now });
  return receipt;
}

/**
 * The terminal id of the FM plugged into this register now, asked of the FM (FMs move between PCs); its last
 * answer when it does not answer; the FM's error when it never answered. Null when this register does not
 * fiscalise.
 */
export async function currentTerminalId(ctx: { db: StoreDb }): Promise<string | null> {
  if (!readFiscalConfigRow(ctx.db)) return null;
  const overview = await fiscalStatus(ctx);
  const terminalId = overview.fm?.terminalId ?? lastFiscalStatus(ctx)?.terminalId;
  if (terminalId) return terminalId;
  throw overview.error ?? new AppError('FISCAL_UNREACHABLE', { params: { url: overview.config.url } });
}

/** Inside the sale's (or refund's) transaction: the document waits as `pending` from the same commit. */
export function queueFiscalDocument(
  db: StoreDb,
  input: { docId: string; kind: 'sale' | 'refund'; receipt: JsonReceipt },
): void {
  insertFiscalDocument(db, { ...input, at: new Date().toISOString() });
}

/** Failures after which the FM may have registered the receipt: only RegisterTXID again can tell. */
const answerLost = new Set(['FISCAL_NO_ANSWER', 'FISCAL_UNREACHABLE']);

async function runDocument(ctx: { db: StoreDb }, docId: string): Promise<FiscalDocumentRow> {
  const config = requireConfig(ctx);
  const doc = getFiscalDocument(ctx.db, docId);
  if (!doc) throw new AppError('SALE_NOT_FOUND', { params: { receiptNo: docId } });
  if (doc.state === 'fiscalised' || doc.state === 'recovered') return doc;
  const adapter = adapterOf(config);
  const now = () => new Date().toISOString();
  let receipt = doc.receipt as JsonReceipt;
  let txid = doc.txid;
  // `sending` found here means the register stopped (crash, power cut) while RegisterTXID was on its way.
  const recovering = txid !== null && (doc.state === 'sending' || doc.state === 'unknown');
  if (txid === null) {
    // Stamped now, never backdated, and a second after the last receipt: the FM refuses anything sooner. A
    // refund is also after the sale it quotes, which an FM moved from another register may have just signed.
    const times = [lastFiscalDateTime(ctx.db), receipt.RefundInfo?.DateTime ?? null]
      .map((t) => (t === null ? Number.NaN : parseFiscalTime(t)))
      .filter((ms) => !Number.isNaN(ms));
    const at = Math.max(Date.now(), ...times.map((ms) => ms + 1000));
    receipt = { ...receipt, Time: fiscalTime(at) };
    try {
      txid = await adapter.begin(receipt);
    } catch (error) {
      markFiscalFailed(ctx.db, docId, error instanceof AppError ? error.code : 'FISCAL_REFUSED', now());
      throw error;
    }
    // Durable before the call that makes the receipt: a retry repeats RegisterTXID with this TXID.
    markFiscalSending(ctx.db, docId, txid, receipt, now());
  }
  try {
    const result = await (recovering ? adapter.recover(txid, receipt) : adapter.register(txid, receipt));
    markFiscalDone(
      ctx.db,
      docId,
      recovering ? 'recovered' : 'fiscalised',
      {
        terminalId: result.TerminalID,
        receiptSeq: result.ReceiptSeq,
        dateTime: result.DateTime,
        fiscalSign: result.FiscalSign,
        qrUrl: result.QRCodeURL,
      },
      now(),
    );
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'FISCAL_NO_ANSWER';
    if (answerLost.has(code)) markFiscalUnknown(ctx.db, docId, code, now());
    else markFiscalFailed(ctx.db, docId, code, now());
    throw error;
  }
  return getFiscalDocument(ctx.db, docId)!;
}

/**
 * Sends one document to the FM, or finishes an attempt that was cut short. The state is written at every
 * step; on failure the document keeps its state and reason and the error (with what the cashier must do) is
 * thrown. Never makes a second receipt for one document.
 */
export function fiscaliseDocument(ctx: { db: StoreDb }, docId: string): Promise<FiscalDocumentRow> {
  return serially(ctx.db, () => runDocument(ctx, docId));
}

/** Every document still without a result, oldest first; stops at the first failure (the FM keeps order). */
export async function retryFiscal(ctx: {
  db: StoreDb;
}): Promise<{ done: FiscalDocumentRow[]; failed: { docId: string; error: AppError } | null }> {
  const done: FiscalDocumentRow[] = [];
  for (const doc of waitingFiscalDocuments(ctx.db)) {
    try {
      done.push(await fiscaliseDocument(ctx, doc.docId));
    } catch (error) {
      if (error instanceof AppError) return { done, failed: { docId: doc.docId, error } };
      throw error;
    }
  }
  return { done, failed: null };
}

export interface FiscalOverview {
  config: FiscalConfig;
  /** The FM's own answer; null when it could not be reached (then `error`). */
  fm: FiscalStatus | null;
  error: AppError | null;
  /** Sales and refunds on this register still without a fiscal result. */
  waiting: number;
  countdown: Countdown;
}

/** `pos fiscal status` and the status bar: asks the FM, keeps its answer for `device.status`. */
export async function fiscalStatus(ctx: { db: StoreDb }, now = Date.now()): Promise<FiscalOverview> {
  const config = requireConfig(ctx);
  const { waiting } = waitingFiscalSummary(ctx.db);
  let fm: FiscalStatus | null = null;
  let error: AppError | null = null;
  try {
    fm = await serially(ctx.db, () => adapterOf(config).status());
    saveFiscalStatus(ctx.db, fm, new Date(now).toISOString());
    setFiscalZOpen(ctx.db, fm.zOpen);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    error = e;
  }
  const known = fm ?? (config.lastStatus as FiscalStatus | null);
  return {
    config: readFiscalConfigRow(ctx.db)!,
    fm,
    error,
    waiting,
    countdown: countdown(known?.oldestUnsentAt ?? null, now, config.blockAfterHours),
  };
}

/**
 * The FM's last answer kept in `pos.sqlite`, as `device.status` reports it, with the limit this register was set
 * to (`--block-after`) so the owner's countdown is this register's; undefined when there is none.
 */
export function lastFiscalStatus(ctx: { db: StoreDb }): ReportedFiscalStatus | undefined {
  const config = readFiscalConfigRow(ctx.db);
  const parsed = fiscalStatusSchema.safeParse(config?.lastStatus);
  return parsed.success && config ? { ...parsed.data, blockAfterHours: config.blockAfterHours } : undefined;
}

/** What the status bar shows of the FM: its countdown from the last answer, and whether it is locked. */
export interface FiscalBar {
  countdown: Countdown;
  locked: boolean;
}

/** From the stored answer only (no call to the FM): cheap enough for every redraw; null when not fiscalising. */
export function fiscalBar(ctx: { db: StoreDb }, now = Date.now()): FiscalBar | null {
  const config = readFiscalConfigRow(ctx.db);
  if (!config) return null;
  const status = lastFiscalStatus(ctx);
  return {
    countdown: countdown(status?.oldestUnsentAt ?? null, now, config.blockAfterHours),
    locked: status?.locked ?? false,
  };
}

/** The FM shift opens with the register's shift; one left open (an empty Z cannot close) is taken over. */
export async function openFiscalShift(ctx: { db: StoreDb }): Promise<void> {
  const config = requireConfig(ctx);
  const adapter = adapterOf(config);
  await serially(ctx.db, async () => {
    const status = await adapter.status();
    if (!status.zOpen) await adapter.openShift();
    setFiscalZOpen(ctx.db, true);
  });
}

/**
 * The Z-report through the FM when the register's shift closes. A Z with no receipt cannot be closed (the FM
 * refuses), so it stays open for the next shift; answers whether the FM's Z was closed.
 */
export async function closeFiscalShift(ctx: { db: StoreDb }): Promise<{ closed: boolean; x: FiscalXReport }> {
  const config = requireConfig(ctx);
  const adapter = adapterOf(config);
  // Sales of this shift still waiting belong in this Z: one more try before it closes.
  await retryFiscal(ctx);
  return serially(ctx.db, async () => {
    const x = await adapter.xReport();
    if (x.receipts === 0) return { closed: false, x };
    await adapter.closeShift();
    setFiscalZOpen(ctx.db, false);
    return { closed: true, x };
  });
}

export async function fiscalXReport(ctx: { db: StoreDb }): Promise<FiscalXReport> {
  const config = requireConfig(ctx);
  return serially(ctx.db, () => adapterOf(config).xReport());
}
