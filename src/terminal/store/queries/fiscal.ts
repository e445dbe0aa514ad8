import { newId } from '../../../common/ids.js';
import type { StoreDb } from '../connection.js';
import { enqueue } from './sales.js';
import { stmt } from './statements.js';

export type FiscalState = 'pending' | 'sending' | 'fiscalised' | 'failed' | 'unknown' | 'recovered';

export interface FiscalConfigRow {
  adapter: 'fds';
  url: string;
  factoryId: string;
  posAuth: string | null;
  blockAfterHours: number;
  zOpen: boolean;
  lastStatus: unknown;
  lastStatusAt: string | null;
}

export function readFiscalConfigRow(db: StoreDb): FiscalConfigRow | null {
  const row = stmt(db, 'SELECT * FROM fiscal_config WHERE id = 1').get() as
    | {
        adapter: 'fds';
        url: string;
        factory_id: string;
        pos_auth: string | null;
        block_after_hours: number;
        z_open: number;
        last_status: string | null;
        last_status_at: string | null;
      }
    | undefined;
  return row
    ? {
        adapter: row.adapter,
        url: row.url,
        factoryId: row.factory_id,
        posAuth: row.pos_auth,
        blockAfterHours: row.block_after_hours,
        zOpen: row.z_open === 1,
        lastStatus: row.last_status === null ? null : JSON.parse(row.last_status),
        lastStatusAt: row.last_status_at,
      }
    : null;
}

export function writeFiscalConfig(
  db: StoreDb,
  config: { url: string; factoryId: string; posAuth: string | null; blockAfterHours: number },
): void {
  stmt(
    db,
    `INSERT INTO fiscal_config (id, adapter, url, factory_id, pos_auth, block_after_hours) VALUES (1, 'fds', ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET adapter = excluded.adapter, url = excluded.url, factory_id = excluded.factory_id,
       pos_auth = excluded.pos_auth, block_after_hours = excluded.block_after_hours`,
  ).run(config.url, config.factoryId, config.posAuth, config.blockAfterHours);
}

export function deleteFiscalConfig(db: StoreDb): void {
  stmt(db, 'DELETE FROM fiscal_config WHERE id = 1').run();
}

export function setFiscalZOpen(db: StoreDb, open: boolean): void {
  stmt(db, 'UPDATE fiscal_config SET z_open = ? WHERE id = 1').run(open ? 1 : 0);
}

export function saveFiscalStatus(db: StoreDb, status: unknown, at: string): void {
  stmt(db, 'UPDATE fiscal_config SET last_status = ?, last_status_at = ? WHERE id = 1').run(
    JSON.stringify(status),
    at,
  );
}

export interface FiscalDocumentRow {
  docId: string;
  kind: 'sale' | 'refund';
  state: FiscalState;
  receipt: unknown;
  txid: string | null;
  reason: string | null;
  terminalId: string | null;
  receiptSeq: number | null;
  dateTime: string | null;
  fiscalSign: string | null;
  qrUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DocumentRow {
  doc_id: string;
  kind: 'sale' | 'refund';
  state: FiscalState;
  receipt: string;
  txid: string | null;
  reason: string | null;
  terminal_id: string | null;
  receipt_seq: number | null;
  date_time: string | null;
  fiscal_sign: string | null;
  qr_url: string | null;
  created_at: string;
  updated_at: string;
}

function toDocument(row: DocumentRow): FiscalDocumentRow {
  return {
    docId: row.doc_id,
    kind: row.kind,
    state: row.state,
    receipt: JSON.parse(row.receipt),
    txid: row.txid,
    reason: row.reason,
    terminalId: row.terminal_id,
    receiptSeq: row.receipt_seq,
    dateTime: row.date_time,
    fiscalSign: row.fiscal_sign,
    qrUrl: row.qr_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A new document waits as `pending`; written in the caller's transaction (the sale's or the refund's). */
export function insertFiscalDocument(
  db: StoreDb,
  input: { docId: string; kind: 'sale' | 'refund'; receipt: unknown; at: string },
): void {
  stmt(
    db,
    `INSERT INTO fiscal_documents (doc_id, kind, state, receipt, created_at, updated_at)
     VALUES (?, ?, 'pending', ?, ?, ?)`,
  ).run(input.docId, input.kind, JSON.stringify(input.receipt), input.at, input.at);
}

export function getFiscalDocument(db: StoreDb, docId: string): FiscalDocumentRow | null {
  const row = stmt(db, 'SELECT * FROM fiscal_documents WHERE doc_id = ?').get(docId) as
    DocumentRow | undefined;
  return row ? toDocument(row) : null;
}

/** The TXID and the exact receipt sent with it, durable before RegisterTXID is called. */
export function markFiscalSending(
  db: StoreDb,
  docId: string,
  txid: string,
  receipt: unknown,
  at: string,
): void {
  stmt(
    db,
    `UPDATE fiscal_documents SET state = 'sending', txid = ?, receipt = ?, reason = NULL, updated_at = ?
     WHERE doc_id = ?`,
  ).run(txid, JSON.stringify(receipt), at, docId);
}

export function markFiscalDone(
  db: StoreDb,
  docId: string,
  state: 'fiscalised' | 'recovered',
  result: { terminalId: string; receiptSeq: number; dateTime: string; fiscalSign: string; qrUrl: string },
  at: string,
): void {
  // The result and its `sale.fiscalised` event for the server in one transaction: only the step that moves a
  // document to done writes the event, so the server gets each result exactly once.
  db.transaction(() => {
    const changed = stmt(
      db,
      `UPDATE fiscal_documents SET state = ?, reason = NULL, terminal_id = ?, receipt_seq = ?, date_time = ?,
         fiscal_sign = ?, qr_url = ?, updated_at = ?
       WHERE doc_id = ? AND state NOT IN ('fiscalised', 'recovered')`,
    ).run(
      state,
      result.terminalId,
      result.receiptSeq,
      result.dateTime,
      result.fiscalSign,
      result.qrUrl,
      at,
      docId,
    );
    if (changed.changes !== 1) return;
    const kind = stmt(db, 'SELECT kind FROM fiscal_documents WHERE doc_id = ?').pluck().get(docId) as string;
    enqueue(db, newId(), 'sale.fiscalised', at, {
      ...(kind === 'sale' ? { saleId: docId } : { refundId: docId }),
      terminalId: result.terminalId,
      receiptSeq: result.receiptSeq,
      dateTime: result.dateTime,
      fiscalSign: result.fiscalSign,
      qrUrl: result.qrUrl,
    });
  }).immediate();
}

/** `failed` forgets the TXID: nothing was registered, so a retry stamps the receipt anew. */
export function markFiscalFailed(db: StoreDb, docId: string, reason: string, at: string): void {
  stmt(
    db,
    `UPDATE fiscal_documents SET state = 'failed', txid = NULL, reason = ?, updated_at = ? WHERE doc_id = ?`,
  ).run(reason, at, docId);
}

export function markFiscalUnknown(db: StoreDb, docId: string, reason: string, at: string): void {
  stmt(db, `UPDATE fiscal_documents SET state = 'unknown', reason = ?, updated_at = ? WHERE doc_id = ?`).run(
    reason,
    at,
    docId,
  );
}

/** Documents still without a fiscal result, oldest first. */
export function waitingFiscalDocuments(db: StoreDb): FiscalDocumentRow[] {
  return (
    stmt(
      db,
      `SELECT * FROM fiscal_documents WHERE state NOT IN ('fiscalised', 'recovered') ORDER BY created_at, doc_id`,
    ).all() as DocumentRow[]
  ).map(toDocument);
}

export function waitingFiscalSummary(db: StoreDb): { waiting: number; oldestAt: string | null } {
  const row = stmt(
    db,
    `SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM fiscal_documents
     WHERE state NOT IN ('fiscalised', 'recovered')`,
  ).get() as { waiting: number; oldest: string | null };
  return { waiting: row.waiting, oldestAt: row.oldest };
}

/** The `DateTime` of the last receipt this register had signed (Tashkent time, as the FM wrote it). */
export function lastFiscalDateTime(db: StoreDb): string | null {
  return (stmt(db, 'SELECT MAX(date_time) FROM fiscal_documents').pluck().get() as string | null) ?? null;
}

/** What the FM needs of a product that the sale line does not carry. */
export function productFiscalData(
  db: StoreDb,
  productId: string,
): {
  unit: string;
  packageCode: string | null;
  markingRequired: boolean;
  mxik: string | null;
  barcodes: string[];
} | null {
  const row = stmt(db, 'SELECT unit, package_code, marking_required, mxik FROM products WHERE id = ?').get(
    productId,
  ) as
    { unit: string; package_code: string | null; marking_required: number; mxik: string | null } | undefined;
  if (!row) return null;
  const barcodes = stmt(db, 'SELECT barcode FROM barcodes WHERE product_id = ? ORDER BY barcode')
    .pluck()
    .all(productId) as string[];
  return {
    unit: row.unit,
    packageCode: row.package_code,
    markingRequired: row.marking_required === 1,
    mxik: row.mxik,
    barcodes,
  };
}
