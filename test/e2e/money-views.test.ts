import assert from 'node:assert/strict';
import { salesCsv } from '../../src/admin/reports/tables.js';
import { newId } from '../../src/common/ids.js';
import type { SaleCompletedData, SaleRefundedData, SyncEvent } from '../../src/common/protocol/sync.js';
import { escPosDocument } from '../../src/terminal/receipt/escpos.js';
import { renderShiftReport } from '../../src/terminal/receipt/shift-text.js';
import { renderRefundReceipt, renderSaleReceipt } from '../../src/terminal/receipt/text.js';
import {
  emptyCart,
  reduceCart,
  type CartAction,
  type ProductSnapshot,
} from '../../src/terminal/sale/cart.js';
import { completeSale, type Tender } from '../../src/terminal/sale/payment.js';
import { computeRefund, type RefundSelection } from '../../src/terminal/sale/refund.js';
import { shiftReport, type ShiftEvent } from '../../src/terminal/sale/shift-report.js';
import { activatedLongAgo, bearer, bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { push } from '../helpers/sync.js';

const ROUNDING = 10_000;
const owner = { role: 'owner', maxCashierDiscount: 0 } as const;

/** cp866 back to text: ASCII as is, the Cyrillic ranges and № the encoder uses. */
function decodeEscPos(bytes: Uint8Array): string[] {
  // ESC @ and ESC t n lead; ESC d n and GS V m close.
  const body = Array.from(bytes.subarray(5));
  const end = body.lastIndexOf(0x1b);
  const chars = body.slice(0, end).map((b) => {
    if (b < 0x80) return String.fromCharCode(b);
    if (b >= 0x80 && b <= 0xaf) return String.fromCharCode(0x0410 + (b - 0x80));
    if (b >= 0xe0 && b <= 0xef) return String.fromCharCode(0x0440 + (b - 0xe0));
    if (b === 0xfc) return '№';
    return '?';
  });
  return chars.join('').split('\n').slice(0, -1);
}

/** The printer's code page has no Uzbek apostrophes: the encoder prints them as '. */
const asPrinted = (line: string) => line.replace(/[‘’ʻʼ]/g, "'");

for (const dialect of testDialects()) {
  describe(`one day on a register and on the server: the same money everywhere [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('gives the receipts, X, Z and reports sales by day/register/cashier/product the same VAT, net and payments', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      const ownerAuth = bearer(tenant.ownerToken);
      const act = await t.http
        .post('/devices/activate')
        .send({ deviceKey: tenant.firstDeviceKey })
        .expect(200);
      const device = { id: act.body.device.id as string, token: act.body.deviceToken as string };
      await activatedLongAgo(t, tenant.tenantId);
      const cashier = await t.http
        .post('/users')
        .set(...ownerAuth)
        .send({ role: 'cashier', name: 'Dilnoza', pin: '4321' })
        .expect(201);
      const cashierId = cashier.body.user.id as string;
      const products: ProductSnapshot[] = [];
      for (const [i, price, vatRate, unit] of [
        [1, 1_234_500, 1200, 'pcs'],
        [2, 987_650, 0, 'pcs'],
        [3, 1_850_000, 1200, 'kg'],
        [4, 333_300, 1500, 'pcs'],
      ] as const) {
        const res = await t.http
          .post('/products')
          .set(...ownerAuth)
          .send({ sku: `M-${i}`, name: `Mahsulot ${i}`, price, vatRate, unit, barcodes: [] })
          .expect(201);
        products.push({
          productId: res.body.product.id,
          name: `Mahsulot ${i}`,
          unitPrice: price,
          vatRate,
          unit,
        });
      }
      const [a, b, c, d] = products as [ProductSnapshot, ProductSnapshot, ProductSnapshot, ProductSnapshot];

      const shiftId = newId();
      const events: SyncEvent[] = [];
      const at = () => new Date(Date.now() - 3_600_000 + events.length * 1000).toISOString();
      events.push({
        id: newId(),
        type: 'shift.opened',
        occurredAt: at(),
        data: { shiftId, cashierId, openingCash: 10_000_000 },
      });
      const sales: Array<{ id: string; occurredAt: string; data: SaleCompletedData }> = [];
      const sell = (actions: CartAction[], tenders: Tender[]) => {
        const cart = actions.reduce((s, action) => reduceCart(s, action, owner).state, emptyCart);
        const data = completeSale(cart, tenders, {
          receiptNo: `POS-01-${String(sales.length + 1).padStart(6, '0')}`,
          shiftId,
          cashierId,
          cashRounding: ROUNDING,
        });
        const sale = { id: newId(), occurredAt: at(), data };
        sales.push(sale);
        events.push({ id: sale.id, type: 'sale.completed', occurredAt: sale.occurredAt, data });
        return sale;
      };
      const refunds: SaleRefundedData[] = [];
      const refund = (sale: (typeof sales)[number], selection: RefundSelection) => {
        const previous = refunds.filter((r) => r.saleId === sale.id);
        const data = computeRefund(
          sale.data,
          previous,
          selection,
          {
            refundNo: `POS-01-R${String(refunds.length + 1).padStart(6, '0')}`,
            saleId: sale.id,
            shiftId,
            cashierId,
          },
          ROUNDING,
        );
        refunds.push(data);
        events.push({ id: newId(), type: 'sale.refunded', occurredAt: at(), data });
        return data;
      };

      // Cash with a line and a sale discount; card + cash; QR; weighed goods in cash; card only.
      const s1 = sell(
        [
          { type: 'addItem', product: a, qty: 3000 },
          { type: 'addItem', product: b, qty: 1000 },
          { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 500 } },
          { type: 'cartDiscount', discount: { amount: 123_45 } },
        ],
        [{ method: 'cash', tendered: 5_000_000 }],
      );
      const s2 = sell(
        [
          { type: 'addItem', product: c, qty: 1235 },
          { type: 'addItem', product: d, qty: 2000 },
        ],
        [
          { method: 'card', amount: 2_000_000, cardType: 'humo', reference: 'RRN-7' },
          { method: 'cash', tendered: 1_000_000 },
        ],
      );
      sell(
        [{ type: 'addItem', product: d, qty: 3000 }],
        [{ method: 'qr', amount: 999_900, provider: 'payme' }],
      );
      const s4 = sell([{ type: 'addItem', product: c, qty: 777 }], [{ method: 'cash', tendered: 1_500_000 }]);
      sell(
        [
          { type: 'addItem', product: a, qty: 1000 },
          { type: 'addItem', product: b, qty: 2000 },
        ],
        [{ method: 'card', amount: 3_209_800, cardType: 'uzcard' }],
      );
      const r1 = refund(s1, { lines: [{ lineIndex: 0, qty: 1000 }] });
      refund(s2, { lines: [{ lineIndex: 0, qty: 500 }] });
      refund(s4, { whole: true });
      events.push({ id: newId(), type: 'shift.closed', occurredAt: at(), data: { shiftId, countedCash: 0 } });

      // The change of the split sale is whole coins: the cash part was rounded down, the card part exact.
      assert.equal(s2.data.change % ROUNDING, 0);

      // Register: each receipt's VAT lines, and the Z-report.
      const z = shiftReport(shiftId, events as ShiftEvent[]);
      assert.equal(z.kind, 'Z');
      const receiptVat =
        sales.reduce((sum, s) => sum + s.data.lines.reduce((v, l) => v + (l.vat ?? 0), 0), 0) -
        refunds.reduce((sum, r) => sum + r.lines.reduce((v, l) => v + (l.vat ?? 0), 0), 0);
      const zVat = z.vat.reduce((sum, v) => sum + v.vat, 0);
      assert.equal(zVat, receiptVat);
      const zPayments = {
        cash: z.payments.cash - z.refundPayments.cash,
        card: z.payments.card - z.refundPayments.card,
        qr: z.payments.qr - z.refundPayments.qr,
      };
      assert.equal(zPayments.cash + zPayments.card + zPayments.qr, z.net);

      // Server: the same day, pushed, then every grouping of the sales report.
      const pushed = await push(t, device, events).expect(200);
      for (const result of pushed.body.results) assert.equal(result.status, 'applied', result.error);
      for (const groupBy of ['day', 'device', 'cashier', 'product'] as const) {
        const report = await t.http
          .get('/reports/sales')
          .query({ groupBy })
          .set(...ownerAuth)
          .expect(200);
        const { totals, payments, rows } = report.body;
        assert.equal(totals.net, z.net, `${groupBy} net`);
        assert.equal(totals.sales, z.sales.total, `${groupBy} sales`);
        assert.equal(totals.refunds, z.refunds.total, `${groupBy} refunds`);
        assert.equal(totals.vat, zVat, `${groupBy} VAT`);
        assert.equal(
          rows.reduce((sum: number, r: { vat: number }) => sum + r.vat, 0),
          zVat,
          `${groupBy} rows' VAT`,
        );
        assert.deepEqual(payments, zPayments, `${groupBy} payments`);
        // The panel's CSV download of the same report: its totals row and its rows' VAT, back in tiyin.
        const csv = salesCsv(report.body, {
          group: 'Guruh',
          total: 'Jami',
          currency: 'so‘m',
          columns: {
            qty: 'Miqdor',
            count: 'Cheklar',
            sales: 'Sotuv',
            refunds: 'Qaytarish',
            net: 'Sof',
            vat: 'QQS',
            voids: 'V',
            cancels: 'C',
            refundCount: 'R',
          },
        })
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .map((line) => line.split(','));
        const header = csv[0]!;
        const tiyin = (cell: string) => Math.round(Number(cell) * 100);
        const column = (name: string) => header.findIndex((h) => h.startsWith(name));
        const totalsRow = csv[csv.length - 1]!;
        assert.equal(tiyin(totalsRow[column('Sof')]!), z.net, `${groupBy} CSV net`);
        assert.equal(tiyin(totalsRow[column('QQS')]!), zVat, `${groupBy} CSV VAT`);
        assert.equal(
          csv.slice(1, -1).reduce((sum, row) => sum + tiyin(row[column('QQS')]!), 0),
          zVat,
          `${groupBy} CSV rows' VAT`,
        );
      }

      // Decoded ESC/POS at 32 columns: a refund receipt and the Z-report.
      const ctx = {
        storeName: 'Main store',
        legalName: 'Baraka savdo MChJ',
        stir: '301234567',
        address: 'Chilonzor 9',
        device: 'POS-01',
        cashierName: 'Dilnoza',
        occurredAt: new Date().toISOString(),
        lang: 'uz' as const,
        width: 32,
      };
      const refundLines = renderRefundReceipt(r1, { ...s1.data, occurredAt: s1.occurredAt }, ctx);
      const decodedRefund = decodeEscPos(escPosDocument(refundLines));
      assert.deepEqual(decodedRefund, refundLines.map(asPrinted));
      for (const line of decodedRefund) assert.ok(line.length <= 32, line);
      const refundText = decodedRefund.join('\n');
      assert.match(refundText, /QAYTARISH/);
      assert.match(refundText, /Asl chek №\s+POS-01-000001/);
      assert.match(refundText, /1 dona x 12 345\s+= 12 345/);
      assert.match(refundText, /QQS 12%/);
      assert.match(refundText, /STIR: 301234567/);
      const zLines = renderShiftReport(z, {
        lang: 'uz',
        width: 32,
        device: 'POS-01',
        cashierName: 'Dilnoza',
        openedAt: events[0]!.occurredAt,
        header: ['BARAKA SAVDO MCHJ', 'STIR: 301234567'],
      });
      const decodedZ = decodeEscPos(escPosDocument(zLines));
      assert.deepEqual(decodedZ, zLines.map(asPrinted));
      const zText = decodedZ.join('\n');
      assert.match(zText, /Z-HISOBOT/);
      assert.match(zText, /Birinchi chek\s+POS-01-000001/);
      assert.match(zText, /Oxirgi chek\s+POS-01-000005/);
      assert.match(zText, /QQS 15%/);
      assert.match(zText, /Humo/);
      // The receipt of a sale prints the same VAT per rate as its lines.
      const saleText = renderSaleReceipt(s2.data, ctx).join('\n');
      assert.match(saleText, /1,235 kg x 18 500/);
    });
  });
}
