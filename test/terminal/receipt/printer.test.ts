import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src/common/errors.js';
import { encodeText, escPosDocument } from '../../../src/terminal/receipt/escpos.js';
import {
  parsePrinterTarget,
  refundReceiptBytes,
  saleReceiptBytes,
  sendToPrinter,
  testPage,
  testPageLines,
} from '../../../src/terminal/receipt/printer.js';
import { renderSaleReceipt } from '../../../src/terminal/receipt/text.js';
import { computeRefund } from '../../../src/terminal/sale/refund.js';
import { shiftId } from '../sale/fixtures.js';
import { context, sampleSale } from './fixtures.js';

/** A stand-in for a network printer: collects everything one connection sends. */
async function fakePrinter(): Promise<{ server: Server; port: number; received: Promise<Buffer> }> {
  let deliver: (data: Buffer) => void = () => undefined;
  const received = new Promise<Buffer>((resolve) => (deliver = resolve));
  const server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => deliver(Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { server, port: address.port, received };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

function indexOf(haystack: Buffer, needle: number[] | Buffer): number {
  return haystack.indexOf(Buffer.from(needle));
}

describe('printer', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posapp-printer-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads tcp:// and path targets', () => {
    assert.deepEqual(parsePrinterTarget('tcp://192.168.1.50'), {
      kind: 'tcp',
      host: '192.168.1.50',
      port: 9100,
    });
    assert.deepEqual(parsePrinterTarget('tcp://printer.local:9101'), {
      kind: 'tcp',
      host: 'printer.local',
      port: 9101,
    });
    assert.deepEqual(parsePrinterTarget('/dev/usb/lp0'), { kind: 'device', path: '/dev/usb/lp0' });
  });

  it('prints a Russian receipt over TCP: initialise, code page, CP866 text, cut and drawer kick', async () => {
    const printer = await fakePrinter();
    try {
      const lines = renderSaleReceipt(sampleSale(), context(32, 'ru'));
      const bytes = escPosDocument(lines, { codePage: 'cp866', drawer: { pin: 2 } });
      await sendToPrinter(`tcp://127.0.0.1:${printer.port}`, bytes);
      const got = await printer.received;
      assert.deepEqual([...got.subarray(0, 5)], [0x1b, 0x40, 0x1b, 0x74, 17]);
      // ИТОГО in CP866, then the amount.
      assert.ok(indexOf(got, [0x88, 0x92, 0x8e, 0x83, 0x8e]) > 0, 'ИТОГО encoded in CP866');
      const change = lines.find((l) => l.startsWith('Сдача'));
      assert.ok(change && indexOf(got, encodeText(`${change}\n`, 'cp866')) > 0, 'the change line');
      assert.ok(indexOf(got, encodeText('POS-02-000123', 'cp866')) > 0);
      const cut = indexOf(got, [0x1d, 0x56]);
      const kick = indexOf(got, [0x1b, 0x70, 0x00]);
      assert.ok(cut > 0 && kick > cut, 'cut, then the drawer kick');
      assert.equal(got.length, bytes.length);
    } finally {
      printer.server.close();
    }
  });

  it('appends to a device path or file', async () => {
    const file = join(dir, 'lp0');
    await sendToPrinter(file, Buffer.from([0x1b, 0x40]));
    await sendToPrinter({ kind: 'device', path: file }, Buffer.from('ok\n'));
    assert.deepEqual(await readFile(file), Buffer.from([0x1b, 0x40, 0x6f, 0x6b, 0x0a]));
  });

  it('says PRINTER_UNREACHABLE with the target, quickly, when nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    await assert.rejects(
      sendToPrinter(`tcp://127.0.0.1:${port}`, Buffer.from('x'), { timeoutMs: 2000 }),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'PRINTER_UNREACHABLE' &&
        e.localized('uz') === `Printerga ulanib bo‘lmadi: tcp://127.0.0.1:${port}`,
    );
    assert.ok(Date.now() - started < 1500);
    await assert.rejects(
      sendToPrinter('/dev/posapp-no-such-printer', Buffer.from('x')),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'PRINTER_UNREACHABLE' &&
        e.params.target === '/dev/posapp-no-such-printer',
    );
  });

  it('makes a test page with the code page sample and a ruler of the paper width', () => {
    const lines = testPageLines({
      storeName: 'Baraka',
      device: 'POS-02',
      lang: 'ru',
      width: 32,
      now: new Date(0),
    });
    assert.ok(lines.includes('12345678901234567890123456789012'));
    assert.ok(lines.some((l) => l.includes('Проверка принтера')));
    assert.ok(lines.some((l) => l.includes('01.01.1970 05:00')));
    const bytes = testPage({
      storeName: 'Baraka',
      device: 'POS-02',
      lang: 'uz',
      width: 48,
      codePage: 'cp1251',
    });
    assert.deepEqual([...bytes.subarray(0, 5)], [0x1b, 0x40, 0x1b, 0x74, 46]);
    assert.ok(indexOf(bytes, encodeText("O'zbekiston", 'cp1251')) > 0);
  });

  it('opens the drawer for cash sales and cash refunds only', () => {
    const sale = sampleSale();
    const kick = Buffer.from([0x1b, 0x70]);
    assert.ok(saleReceiptBytes(sale, context(32)).includes(kick));
    assert.ok(!saleReceiptBytes(sale, context(32), { drawerPin: null }).includes(kick));
    const card = {
      ...sale,
      payments: [{ method: 'card' as const, amount: sale.total, cardType: 'humo' }],
      change: 0,
    };
    assert.ok(!saleReceiptBytes(card, context(32)).includes(kick));
    const refund = computeRefund(sale, [], { whole: true }, { refundNo: 'POS-02-R000001', saleId: shiftId });
    const bytes = refundReceiptBytes(refund, sale, context(48, 'ru'), { drawerPin: 5 });
    assert.ok(bytes.includes(Buffer.from([0x1b, 0x70, 0x01])));
    assert.ok(bytes.includes(encodeText('ВОЗВРАТ', 'cp866')));
  });
});
