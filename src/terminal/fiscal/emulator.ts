import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fdsRoutes, type FdsRoute } from './fds-routes.js';
import {
  checkUrl,
  itemsTotal,
  parseFiscalTime,
  type FiscalResultInfo,
  type JsonReceipt,
} from './json-receipt.js';

/**
 * A FiscalDriveService stand-in with the FM's rules, for tests, the bench and installers without an FM:
 * Z-report open/close (no empty close, 29 999 operations per Z), receipt sequence, 12-digit signs, the unsent
 * limit on a settable clock, remote lock, refunds against this FM's receipts and sales, idempotent
 * RegisterTXID, an answer dropped after registering, latency.
 */
export interface EmulatorOptions {
  factoryId?: string;
  terminalId?: string;
  /** Hours the oldest unsent receipt may wait before the FM blocks (48 by the specification). */
  blockAfterHours?: number;
  latencyMs?: number;
  memory?: number;
  /** The FM's clock; tests move it. */
  now?: number;
  /** The PC is online: the tax server acknowledges each receipt at once, nothing stays unsent. */
  online?: boolean;
}

interface Registered {
  result: FiscalResultInfo & { QRCodeURL: string };
  receipt: JsonReceipt;
  total: number;
  refunded: number;
}

export const MAX_Z_OPERATIONS = 29_999;

class Refusal extends Error {
  constructor(
    readonly errorCode: string,
    readonly status = 400,
  ) {
    super(errorCode);
  }
}

/** Receipt `Time` (Tashkent, `YYYY-MM-DD HH:MM:SS`; a `T` is refused) → epoch ms. */
function receiptTime(value: string): number {
  const ms = parseFiscalTime(value);
  if (Number.isNaN(ms)) throw new Refusal('WRONG_TIME_FORMAT');
  return ms;
}

export class FiscalEmulator {
  readonly factoryId: string;
  readonly terminalId: string;
  blockAfterHours: number;
  latencyMs: number;
  locked = false;
  zOpen = false;
  online: boolean;
  clock: number;
  /** Calls per operation, so tests see what the register really sent. */
  readonly calls: Record<string, number> = {};
  readonly receipts: Registered[] = [];
  private memoryLeft: number;
  private zOperations = 0;
  private zCounters = { cash: 0, card: 0, refundCash: 0, refundCard: 0, vat: 0, refundVat: 0 };
  private lastOperationAt = 0;
  private unsent: number[] = [];
  private txids = new Map<string, { receipt: JsonReceipt; registered?: Registered }>();
  private dropReplies = 0;
  /** Awaited before each call is handled: tests hold a call there (to kill the register mid-call). */
  onRequest: ((route: FdsRoute) => Promise<void> | void) | null = null;
  private server: Server | null = null;

  constructor(options: EmulatorOptions = {}) {
    this.factoryId = options.factoryId ?? 'EMU00000-0000-0000-0000-000000000001';
    this.terminalId = options.terminalId ?? 'ZZ000000000001';
    this.blockAfterHours = options.blockAfterHours ?? 48;
    this.latencyMs = options.latencyMs ?? 0;
    this.memoryLeft = options.memory ?? 100_000;
    this.clock = options.now ?? Date.now();
    this.online = options.online ?? false;
  }

  /** Moves the FM's clock (a weekend offline is `advance(60 * 3600_000)`). */
  advance(ms: number): void {
    this.clock += ms;
  }

  /** The tax server acknowledged everything: the unsent list empties. */
  sendAll(): void {
    this.unsent = [];
  }

  /** The next `n` RegisterTXID calls register the receipt and then drop the connection without answering. */
  dropNextReplies(n = 1): void {
    this.dropReplies = n;
  }

  oldestUnsentAt(): number | null {
    return this.unsent[0] ?? null;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private blocked(): boolean {
    const oldest = this.oldestUnsentAt();
    return oldest !== null && this.clock - oldest >= this.blockAfterHours * 3600_000;
  }

  private guard(): void {
    if (this.locked) throw new Refusal('LOCKED', 423);
    if (this.blocked()) throw new Refusal('SEND_ALL_RECEIPTS_FIRST', 409);
  }

  private info() {
    return {
      AppletVersion: '0400-emulator',
      TerminalID: this.terminalId,
      Locked: this.locked,
      POSLocked: false,
      MemoryInfo: {
        FreeRecordCount: this.memoryLeft,
        UnsentReceiptsCount: this.unsent.length,
        FirstUnsentReceiptTime: this.unsent[0] === undefined ? null : new Date(this.unsent[0]).toISOString(),
        ZReportOpen: this.zOpen,
      },
    };
  }

  private register(txid: string): Registered {
    const entry = this.txids.get(txid);
    if (!entry) throw new Refusal('TXID_NOT_FOUND', 404);
    // The same TXID again answers the first result: no second receipt.
    if (entry.registered) return entry.registered;
    this.guard();
    if (this.memoryLeft <= 0) throw new Refusal('MEMORY_FULL', 409);
    if (!this.zOpen) throw new Refusal('ZREPORT_IS_NOT_OPEN', 409);
    if (this.zOperations >= MAX_Z_OPERATIONS) throw new Refusal('ZREPORT_IS_FULL', 409);
    const receipt = entry.receipt;
    const at = receiptTime(receipt.Time);
    if (at < this.lastOperationAt + 1000) throw new Refusal('WRONG_TIME');
    if (at > this.clock + 2 * 24 * 3600_000) throw new Refusal('WRONG_TIME');
    for (const item of receipt.Items) {
      if (!/^\d{17}$/.test(item.SPIC)) throw new Refusal('WRONG_SPIC');
      if (item.Label.length > 63) throw new Refusal('WRONG_LABEL');
      if (item.Price - item.Discount - item.Other < 0) throw new Refusal('WRONG_SUM');
    }
    const total = itemsTotal(receipt);
    const paid = receipt.ReceivedCash + receipt.ReceivedCard;
    if (paid < total || paid - total > 10_000) throw new Refusal('WRONG_SUM');
    const vat = receipt.Items.reduce((sum, item) => sum + item.VAT, 0);
    if (receipt.Operation === 1) {
      const info = receipt.RefundInfo;
      const original = info
        ? this.receipts.find(
            (r) =>
              r.receipt.Operation === 0 &&
              r.result.TerminalID === info.TerminalID &&
              r.result.ReceiptSeq === info.ReceiptSeq &&
              r.result.DateTime === info.DateTime &&
              r.result.FiscalSign === info.FiscalSign,
          )
        : undefined;
      if (!original) throw new Refusal('WRONG_REFUND_INFO');
      const sales = this.receipts.reduce(
        (sum, r) => sum + (r.receipt.Operation === 0 ? r.total : -r.total),
        0,
      );
      if (total > sales || total > original.total - original.refunded)
        throw new Refusal('NOT_ENOUGH_SUM_FOR_REFUND', 409);
      original.refunded += total;
    }
    const seq = this.receipts.length + 1;
    const dateTime = receipt.Time;
    const sign = (
      BigInt(
        '0x' +
          createHash('sha256')
            .update(`${this.terminalId}|${seq}|${dateTime}|${total}`)
            .digest('hex')
            .slice(0, 15),
      ) %
      10n ** 12n
    )
      .toString()
      .padStart(12, '0');
    const info = { TerminalID: this.terminalId, ReceiptSeq: seq, DateTime: dateTime, FiscalSign: sign };
    const registered: Registered = {
      result: { ...info, QRCodeURL: checkUrl(info) },
      receipt,
      total,
      refunded: 0,
    };
    entry.registered = registered;
    this.receipts.push(registered);
    this.memoryLeft -= 1;
    this.zOperations += 1;
    this.lastOperationAt = at;
    if (!this.online) this.unsent.push(this.clock);
    const cash = receipt.ReceivedCash;
    const card = receipt.ReceivedCard;
    if (receipt.Operation === 0) {
      this.zCounters.cash += cash;
      this.zCounters.card += card;
      this.zCounters.vat += vat;
    } else {
      this.zCounters.refundCash += cash;
      this.zCounters.refundCard += card;
      this.zCounters.refundVat += vat;
    }
    return registered;
  }

  private operation(route: FdsRoute, body: unknown): { reply: unknown; drop?: boolean } {
    switch (route) {
      case 'info':
      case 'memory':
        return { reply: this.info() };
      case 'zOpen':
        this.guard();
        if (this.zOpen) throw new Refusal('ZREPORT_IS_ALREADY_OPEN', 409);
        this.zOpen = true;
        this.zOperations = 0;
        this.zCounters = { cash: 0, card: 0, refundCash: 0, refundCard: 0, vat: 0, refundVat: 0 };
        return { reply: 'OK' };
      case 'zClose':
        this.guard();
        if (!this.zOpen) throw new Refusal('ZREPORT_IS_NOT_OPEN', 409);
        if (this.zOperations === 0) throw new Refusal('ZREPORT_IS_EMPTY', 409);
        this.zOpen = false;
        return { reply: 'OK' };
      case 'zInfo':
        return {
          reply: {
            ReceiptsCount: this.zOperations,
            TotalSaleCash: this.zCounters.cash,
            TotalSaleCard: this.zCounters.card,
            TotalRefundCash: this.zCounters.refundCash,
            TotalRefundCard: this.zCounters.refundCard,
            TotalSaleVAT: this.zCounters.vat,
            TotalRefundVAT: this.zCounters.refundVat,
          },
        };
      case 'getTxid': {
        const receipt = body as JsonReceipt;
        if (!receipt || !Array.isArray(receipt.Items) || receipt.Items.length === 0)
          throw new Refusal('WRONG_RECEIPT');
        receiptTime(receipt.Time);
        const txid = randomUUID();
        this.txids.set(txid, { receipt });
        return { reply: { TXID: txid } };
      }
      case 'registerTxid': {
        const { TXID } = (body ?? {}) as { TXID?: string };
        const registered = this.register(String(TXID));
        const drop = this.dropReplies > 0;
        if (drop) this.dropReplies -= 1;
        return { reply: registered.result, drop };
      }
      case 'sync':
        this.sendAll();
        return { reply: 'OK' };
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = '/FiscalDrive/';
    const factory = `/${encodeURIComponent(this.factoryId)}`;
    const route = (Object.keys(fdsRoutes) as FdsRoute[]).find(
      (name) => path === `${prefix}${fdsRoutes[name].op}${factory}` && req.method === fdsRoutes[name].method,
    );
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (!route) return send(404, { ErrorCode: 'FISCAL_DRIVE_NOT_FOUND' });
    this.calls[route] = (this.calls[route] ?? 0) + 1;
    await this.onRequest?.(route);
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      const { reply, drop } = this.operation(route, text ? JSON.parse(text) : undefined);
      // The receipt is registered; the answer never reaches the register.
      if (drop) return void res.socket?.destroy();
      send(200, reply);
    } catch (error) {
      if (error instanceof Refusal) return send(error.status, { ErrorCode: error.errorCode });
      send(400, { ErrorCode: 'WRONG_REQUEST', Message: String(error) });
    }
  }
}
