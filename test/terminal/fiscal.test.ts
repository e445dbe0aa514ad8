import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src/common/errors.js';
import type { JsonReceipt } from '../../src/terminal/fiscal/json-receipt.js';
import {
  closeFiscalShift,
  fiscalDocument,
  fiscaliseDocument,
  fiscalStatus,
  retryFiscal,
} from '../../src/terminal/fiscal/service.js';
import { closeRegister, openRegister } from '../../src/terminal/register/context.js';
import { printSale, saleReceiptLines, savePrinterConfig } from '../../src/terminal/register/printing.js';
import { refundSale } from '../../src/terminal/register/refunds.js';
import { checkout, scanIntoCart } from '../../src/terminal/register/selling.js';
import { emptyCart, type CartState } from '../../src/terminal/sale/cart.js';
import { Database } from '../../src/node/sqlite-driver.js';
import { storePath } from '../../src/terminal/store/connection.js';
import { ROOT } from '../helpers/cli.js';
import { fiscalRegister, type FiscalRegister } from '../helpers/fiscal.js';

function code(error: unknown): string | undefined {
  return error instanceof AppError ? error.code : undefined;
}

const HOUR = 3600_000;

describe('fiscal receipts through the FM emulator', () => {
  let r: FiscalRegister;
  beforeEach(async () => {
    r = await fiscalRegister({ blockAfterHours: 24 });
  });
  afterEach(async () => {
    if (r.ctx.db.open) closeRegister(r.ctx);
    await r.emulator.close();
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  function cartOf(...items: string[]): CartState {
    let cart = emptyCart;
    for (const item of items) cart = scanIntoCart(r.ctx, cart, item).state;
    return cart;
  }

  function fiscalEvents(): unknown[] {
    return (
      r.ctx.db.prepare("SELECT data FROM outbox WHERE type = 'sale.fiscalised'").pluck().all() as string[]
    ).map((data) => JSON.parse(data));
  }

  function sell(items: string[], markingCodes: string[] = []) {
    return checkout(r.ctx, {
      cart: cartOf(...items),
      tenders: [{ method: 'cash', tendered: 100_000_000 }],
      cashier: r.cashier,
      markingCodes,
    });
  }

  it('commits the sale as pending, then the FM signs it: sequence, 12-digit sign, check URL, stored values', async () => {
    const sale = sell([`2*${r.barcodes.milk}`, r.barcodes.bread]);
    assert.equal(sale.fiscal, true);
    assert.equal(fiscalDocument(r.ctx, sale.saleId)?.state, 'pending');

    const doc = await fiscaliseDocument(r.ctx, sale.saleId);
    assert.equal(doc.state, 'fiscalised');
    assert.equal(doc.terminalId, r.emulator.terminalId);
    assert.equal(doc.receiptSeq, 1);
    assert.match(doc.fiscalSign ?? '', /^\d{12}$/);
    assert.match(doc.dateTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(
      doc.qrUrl,
      `https://ofd.soliq.uz/check?t=${doc.terminalId}&r=1&c=${doc.dateTime!.replace(/\D/g, '')}&s=${doc.fiscalSign}`,
    );
    // What the FM holds is the stored sale, line by line: Price before discounts, VAT inside it, in tiyin.
    const held = r.emulator.receipts[0]!.receipt;
    assert.equal(held.Operation, 0);
    assert.deepEqual(
      held.Items.map((i) => [
        i.Name,
        i.SPIC,
        i.PackageCode,
        i.Amount,
        i.Price,
        i.Discount,
        i.VATPercent,
        i.VAT,
      ]),
      [
        ['Sut 1 l', '10711001001000000', '1495086', 2000, 2_500_000, 0, 12, 267_857],
        ['Non patir', '10711001001000000', '1495086', 1000, 500_000, 0, 12, 53_571],
      ],
    );
    assert.equal(held.ReceivedCash, sale.data.total);
    assert.equal(held.ReceivedCard, 0);
    assert.equal(r.emulator.calls.getTxid, 1);
    // The result goes to the server once, with the sync.
    assert.deepEqual(fiscalEvents(), [
      {
        saleId: sale.saleId,
        terminalId: doc.terminalId,
        receiptSeq: 1,
        dateTime: doc.dateTime,
        fiscalSign: doc.fiscalSign,
        qrUrl: doc.qrUrl,
      },
    ]);
  });

  it('a lost answer is recovered by repeating RegisterTXID: one receipt, not two', async () => {
    const sale = sell([r.barcodes.milk]);
    r.emulator.dropNextReplies(1);
    await assert.rejects(fiscaliseDocument(r.ctx, sale.saleId), (e) =>
      ['FISCAL_UNREACHABLE', 'FISCAL_NO_ANSWER'].includes(code(e) ?? ''),
    );
    const lost = fiscalDocument(r.ctx, sale.saleId)!;
    assert.equal(lost.state, 'unknown');
    assert.ok(lost.txid);
    assert.equal(r.emulator.receipts.length, 1, 'the FM did register it');

    const { done, failed } = await retryFiscal(r.ctx);
    assert.equal(failed, null);
    assert.equal(done.length, 1);
    const recovered = fiscalDocument(r.ctx, sale.saleId)!;
    assert.equal(recovered.state, 'recovered');
    assert.equal(recovered.fiscalSign, r.emulator.receipts[0]!.result.FiscalSign);
    assert.equal(r.emulator.receipts.length, 1);
    assert.equal(r.emulator.calls.getTxid, 1);
    assert.equal(r.emulator.calls.registerTxid, 2);
    await retryFiscal(r.ctx);
    assert.equal(fiscalEvents().length, 1);
  });

  it('a register killed between GetTXID and RegisterTXID finishes the same TXID after restart', async () => {
    const sale = sell([r.barcodes.bread]);
    closeRegister(r.ctx);
    let arrived!: () => void;
    const registerArrived = new Promise<void>((resolve) => (arrived = resolve));
    // Hold RegisterTXID until the register process is dead: it never gets an answer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    r.emulator.onRequest = async (route) => {
      if (route !== 'registerTxid') return;
      arrived();
      await held;
    };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'fiscal-child.ts'), r.dataDir, sale.saleId],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise((resolve) => child.once('close', resolve));
    await registerArrived;
    child.kill('SIGKILL');
    await exited;
    r.emulator.onRequest = null;
    release();

    const file = new Database(storePath(r.dataDir), { readonly: true });
    const row = file
      .prepare('SELECT state, txid FROM fiscal_documents WHERE doc_id = ?')
      .get(sale.saleId) as {
      state: string;
      txid: string | null;
    };
    file.close();
    assert.equal(row.state, 'sending');
    assert.ok(row.txid, 'the TXID was stored before RegisterTXID was called');

    r.ctx = openRegister(r.dataDir);
    await retryFiscal(r.ctx);
    const doc = fiscalDocument(r.ctx, sale.saleId)!;
    assert.equal(doc.state, 'recovered');
    assert.equal(doc.txid, row.txid);
    assert.equal(r.emulator.calls.getTxid, 1);
    assert.equal(r.emulator.receipts.length, 1);
  });

  it('a day of sales offline reaches the block: warnings at half and three quarters, then the FM refuses', async () => {
    const now = () => r.emulator.clock;
    const first = sell([r.barcodes.bread]);
    await fiscaliseDocument(r.ctx, first.saleId);
    assert.equal((await fiscalStatus(r.ctx, now())).countdown.level, 'ok');

    r.emulator.advance(12 * HOUR);
    const half = await fiscalStatus(r.ctx, now());
    assert.equal(half.countdown.level, 'half');
    assert.equal(half.countdown.leftMs, 12 * HOUR);
    assert.equal(half.fm?.unsent, 1);

    r.emulator.advance(6 * HOUR);
    assert.equal((await fiscalStatus(r.ctx, now())).countdown.level, 'threeQuarters');

    r.emulator.advance(6 * HOUR);
    const blocked = await fiscalStatus(r.ctx, now());
    assert.equal(blocked.countdown.level, 'blocked');
    assert.equal(blocked.countdown.leftMs, 0);

    // The sale is kept; the cashier is told to send the receipts.
    const late = sell([r.barcodes.milk]);
    await assert.rejects(fiscaliseDocument(r.ctx, late.saleId), (e) => code(e) === 'FISCAL_UNSENT_LIMIT');
    const failed = fiscalDocument(r.ctx, late.saleId)!;
    assert.equal(failed.state, 'failed');
    assert.equal(failed.reason, 'FISCAL_UNSENT_LIMIT');
    assert.equal(r.emulator.receipts.length, 1);

    r.emulator.sendAll();
    const { failed: none } = await retryFiscal(r.ctx);
    assert.equal(none, null);
    assert.equal(fiscalDocument(r.ctx, late.saleId)?.state, 'fiscalised');
    assert.equal(r.emulator.receipts.length, 2);
  });

  it('refuses a marked item without its code before storing the sale; with the code, Label carries it', async () => {
    assert.throws(
      () => sell([r.marked.barcode]),
      (e) => code(e) === 'FISCAL_MARKING_CODE_MISSING',
    );
    const rows = r.ctx.db.prepare('SELECT COUNT(*) FROM sales').pluck().get();
    assert.equal(rows, 0);

    const codes = [r.markingCode('AAA111'), r.markingCode('BBB222')];
    const sale = sell([`2*${r.marked.barcode}`], codes);
    await fiscaliseDocument(r.ctx, sale.saleId);
    const held = r.emulator.receipts[0]!.receipt;
    assert.deepEqual(
      held.Items.map((i) => [i.Label, i.Amount, i.Price]),
      [
        [codes[0], 1000, 2_500_000],
        [codes[1], 1000, 2_500_000],
      ],
    );
  });

  it('a refund goes through the same FM quoting the original: RefundInfo, Operation 1, the units returned', async () => {
    const sale = sell([`3*${r.barcodes.milk}`]);
    const original = await fiscaliseDocument(r.ctx, sale.saleId);
    const refund = refundSale(r.ctx, {
      receiptNo: sale.receiptNo,
      selection: { lines: [{ lineIndex: 0, qty: 1000 }] },
      cashier: r.cashier,
    });
    assert.equal(refund.fiscal, true);
    const doc = await fiscaliseDocument(r.ctx, refund.refundId);
    assert.equal(doc.state, 'fiscalised');
    assert.equal(doc.receiptSeq, 2);
    const held = r.emulator.receipts[1]!.receipt as JsonReceipt;
    assert.equal(held.Operation, 1);
    assert.deepEqual(held.RefundInfo, {
      TerminalID: original.terminalId,
      ReceiptSeq: original.receiptSeq,
      DateTime: original.dateTime,
      FiscalSign: original.fiscalSign,
    });
    assert.equal(held.Items[0]!.Price, 1_250_000);
    assert.equal(held.ReceivedCash, refund.data.total);
  });

  it('refuses a refund of a sale the FM has not signed yet', async () => {
    const sale = sell([r.barcodes.milk]);
    assert.throws(
      () => refundSale(r.ctx, { receiptNo: sale.receiptNo, selection: { whole: true }, cashier: r.cashier }),
      (e) => code(e) === 'FISCAL_ORIGINAL_NOT_FISCALISED',
    );
  });

  it('an unplugged FM keeps the sale and says what to do; a locked FM refuses with its own message', async () => {
    const sale = sell([r.barcodes.milk]);
    r.emulator.locked = true;
    await assert.rejects(fiscaliseDocument(r.ctx, sale.saleId), (e) => code(e) === 'FISCAL_LOCKED');
    assert.equal(fiscalDocument(r.ctx, sale.saleId)?.reason, 'FISCAL_LOCKED');
    r.emulator.locked = false;
    await r.emulator.close();
    await assert.rejects(fiscaliseDocument(r.ctx, sale.saleId), (e) => {
      assert.equal(code(e), 'FISCAL_UNREACHABLE');
      assert.match((e as AppError).localized('en'), /plugged in/);
      return true;
    });
    assert.equal(fiscalDocument(r.ctx, sale.saleId)?.state, 'failed');
    const kept = r.ctx.db.prepare('SELECT COUNT(*) FROM sales').pluck().get();
    assert.equal(kept, 1);
  });

  it('closes the FM shift with the Z-report; an empty Z stays open', async () => {
    const emptyClose = await closeFiscalShift(r.ctx);
    assert.equal(emptyClose.closed, false);
    assert.equal(r.emulator.zOpen, true);
    const sale = sell([r.barcodes.milk]);
    await fiscaliseDocument(r.ctx, sale.saleId);
    const closed = await closeFiscalShift(r.ctx);
    assert.equal(closed.closed, true);
    assert.equal(closed.x.receipts, 1);
    assert.equal(closed.x.sales, sale.data.total);
    assert.equal(r.emulator.zOpen, false);
    assert.throws(
      () => sell([r.barcodes.milk]),
      (e) => code(e) === 'FISCAL_SHIFT_NOT_OPEN',
    );
  });

  it('prints the receipt with the FM number, sequence, sign and the check URL as an ESC/POS QR code', async () => {
    const file = join(r.dataDir, 'printer.bin');
    savePrinterConfig(r.ctx, { target: file, width: 48, codePage: 'cp866', drawerPin: null });
    const sale = sell([r.barcodes.milk]);
    const doc = await fiscaliseDocument(r.ctx, sale.saleId);
    assert.equal(await printSale(r.ctx, sale), true);
    const bytes = readFileSync(file);
    const url = Buffer.from(doc.qrUrl!, 'ascii');
    // GS ( k pL pH 49 80 48 <data>: the printer stores the URL as a QR symbol, then GS ( k … 49 81 48 prints it.
    const store = Buffer.concat([
      Buffer.from([0x1d, 0x28, 0x6b, (url.length + 3) & 0xff, (url.length + 3) >> 8, 0x31, 0x50, 0x30]),
      url,
    ]);
    assert.ok(bytes.includes(store));
    assert.ok(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30])));
    const text = saleReceiptLines(r.ctx, sale, 48).join('\n');
    assert.match(text, new RegExp(`FM №\\s+${doc.terminalId}`));
    assert.match(text, new RegExp(`Fiskal belgi\\s+${doc.fiscalSign}`));
  });

  it('a register without fiscalisation commits no fiscal document and its receipt says it is not fiscal', async () => {
    const { turnFiscalOff } = await import('../../src/terminal/fiscal/service.js');
    turnFiscalOff(r.ctx);
    const sale = sell([r.barcodes.milk]);
    assert.equal(sale.fiscal, false);
    assert.equal(fiscalDocument(r.ctx, sale.saleId), null);
    assert.match(saleReceiptLines(r.ctx, sale, 48).join('\n'), /FISKAL CHEK EMAS/);
  });
});
