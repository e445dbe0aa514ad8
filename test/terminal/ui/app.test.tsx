import assert from 'node:assert/strict';
import { ean13 } from '../../../src/common/barcode.js';
import { closeRegister, openRegister } from '../../../src/terminal/register/context.js';
import { savePrinterConfig } from '../../../src/terminal/register/printing.js';
import { recordSyncOutcome } from '../../../src/terminal/store/queries/sync.js';
import { applyChange } from '../../../src/terminal/store/queries/catalog.js';
import { keys, registerPerTest, startApp, startSelling, type RunningApp } from '../../helpers/ink.js';
import type { OfflineRegister } from '../../helpers/register.js';

function rows<T>(r: OfflineRegister, sql: string): T[] {
  return r.ctx.db.prepare(sql).all() as T[];
}

/** The refund confirmation: a reason typed, Enter (the method as it was paid). */
async function confirmRefund(app: RunningApp): Promise<void> {
  await app.waitFor('Qaytarishni tasdiqlang');
  await app.send('mijoz qaytardi', keys.enter);
}

describe('register UI (ink)', () => {
  const r = registerPerTest();

  describe('PIN login', () => {
    it('masks the PIN, refuses a wrong one with a message and lets the right one open a shift', async () => {
      const app = await startApp(r);
      await app.send('0000');
      await app.waitFor('PIN: ••••');
      assert.ok(!app.frame().includes('0000'), 'the PIN is never shown');
      await app.send(keys.enter);
      await app.waitFor('PIN noto‘g‘ri.');
      await app.send(r.pin, keys.enter);
      await app.waitFor('Smena ochish — Dilnoza');
      await app.send('150 000', keys.enter);
      await app.waitFor('JAMI');
      assert.match(app.frame(), /Main store · POS-01 · Dilnoza/);
    });

    it('says so when no cashiers have been pulled yet', async () => {
      applyChange(r.ctx.db, { entity: 'cashier', op: 'delete', id: r.cashierId, data: null });
      const app = await startApp(r);
      await app.send('1234', keys.enter);
      await app.waitFor('Kassada hali kassirlar yo‘q');
    });

    it('goes straight to selling when a shift is already open', async () => {
      const app = await startSelling(r);
      await app.send(keys.ctrl('l'));
      await app.waitFor('PIN');
      await app.send(r.pin, keys.enter);
      await app.waitFor('JAMI');
    });
  });

  describe('selling', () => {
    it('adds a scanned line (code and Enter in one chunk, as a scanner types) with qty × price = total', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor((f) => /Sut 1 l\s+1 dona\s+12 500\s+12 500/.test(f));
      await app.send(`3*${r.barcodes.bread}\r`);
      await app.waitFor((f) => /Non patir\s+3 dona\s+5 000\s+15 000/.test(f) && /JAMI\s+27 500 so‘m/.test(f));
    });

    it('shows an unknown barcode in the message line and keeps the sale', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send('4780000009999\r');
      await app.waitFor('Shtrix-kod topilmadi: 4780000009999');
      assert.match(app.frame(), /JAMI\s+12 500 so‘m/);
    });

    it('changes the selected line’s quantity, with three decimals for weighed goods', async () => {
      const app = await startSelling(r);
      await app.send('00042\r');
      await app.waitFor('Og‘irligi (kg): Olma qizil');
      await app.send('0.500', keys.enter);
      await app.waitFor((f) => /Olma qizil\s+0,500 kg\s+15 000\s+7 500/.test(f));
      await app.send(keys.f3);
      await app.waitFor('Miqdor: Olma qizil');
      await app.send('1.250', keys.enter);
      await app.waitFor((f) => /Olma qizil\s+1,250 kg\s+15 000\s+18 750/.test(f));
    });

    it('voids a line only with a reason, and records who voided what', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(`${r.barcodes.bread}\r`);
      await app.waitFor('Non patir');
      await app.send(keys.f8);
      await app.waitFor('O‘chirish sababi: Non patir');
      await app.send(keys.enter);
      await app.waitFor('Sababini yozing');
      await app.send('mijoz voz kechdi', keys.enter);
      await app.waitFor('Qator o‘chirildi: Non patir');
      assert.ok(!app.frame().includes('Non patir  '), 'the line is gone');
      assert.match(app.frame(), /JAMI\s+12 500 so‘m/);
      const audit = rows<{ action: string; cashier_id: string; data: string }>(
        r,
        'SELECT action, cashier_id, data FROM audit_log',
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.action, 'line.voided');
      assert.equal(audit[0]!.cashier_id, r.cashierId);
      assert.equal(JSON.parse(audit[0]!.data).reason, 'mijoz voz kechdi');
    });

    it('cancels the sale with an audited reason', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(keys.f9);
      await app.waitFor('Chekni bekor qilish sababi');
      await app.send('xato', keys.enter);
      await app.waitFor('Chek bekor qilindi');
      assert.match(app.frame(), /JAMI\s+0 so‘m/);
      assert.deepEqual(
        rows<{ action: string }>(r, 'SELECT action FROM audit_log').map((row) => row.action),
        ['sale.cancelled'],
      );
    });

    it('refuses a discount beyond the cashier limit with the message and takes one within it', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(keys.f4);
      await app.waitFor('Chegirma: Sut 1 l');
      await app.send('20%', keys.enter);
      await app.waitFor('Chegirma ruxsat etilgan 10% dan oshmasin.');
      assert.match(app.frame(), /JAMI\s+12 500 so‘m|Chegirma: Sut 1 l/);
      await app.send(keys.backspace, keys.backspace, keys.backspace, '10%', keys.enter);
      await app.waitFor((f) => /JAMI\s+11 250 so‘m/.test(f));
      await app.send(keys.f5);
      await app.waitFor('Butun chekka chegirma');
      await app.send('1000', keys.enter);
      await app.waitFor('Chegirma ruxsat etilgan 10% dan oshmasin.');
      // Only the discount given is in the audit log, with who gave it and how much.
      const audit = rows<{ action: string; cashier_id: string; data: string }>(
        r,
        'SELECT action, cashier_id, data FROM audit_log',
      );
      assert.deepEqual(
        audit.map((a) => [a.action, a.cashier_id, JSON.parse(a.data).amount]),
        [['discount.line', r.cashierId, 125_000]],
      );
    });

    it('parks several sales that survive a restart of pos, and resumes any of them as they were', async () => {
      let app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(keys.f3);
      await app.waitFor('Miqdor: Sut 1 l');
      await app.send('3', keys.enter);
      await app.waitFor((f) => /JAMI\s+37 500 so‘m/.test(f));
      await app.send(keys.f4);
      await app.waitFor('Chegirma: Sut 1 l');
      await app.send('10%', keys.enter);
      await app.waitFor((f) => /JAMI\s+33 750 so‘m/.test(f));
      await app.send(keys.f6);
      await app.waitFor('Chek kechiktirildi');
      assert.match(app.frame(), /JAMI\s+0 so‘m/);
      assert.match(app.frame(), /Kechiktirilgan: 1/);
      await app.send(`2*${r.barcodes.bread}\r`);
      await app.waitFor('Non patir');
      await app.send(keys.f6);
      await app.waitFor('Kechiktirilgan: 2');

      // pos is restarted: a new process opens the same data dir.
      app.unmount();
      closeRegister(r.ctx);
      r.ctx = openRegister(r.dataDir);
      app = await startApp(r);
      await app.send(r.pin, keys.enter);
      await app.waitFor('Kechiktirilgan: 2');
      await app.send(keys.ctrl('z'));
      await app.waitFor('Kechiktirilgan cheklar bor (2)');

      await app.send(keys.f7);
      await app.waitFor('Kechiktirilgan cheklar');
      assert.match(app.frame(), /1 qator\s+33 750 so‘m/);
      assert.match(app.frame(), /1 qator\s+10 000 so‘m\s+Non patir/);
      await app.send(keys.down, keys.enter);
      await app.waitFor('Chek qaytarildi');
      assert.match(app.frame(), /Non patir\s+2 dona\s+5 000\s+10 000/);
      assert.match(app.frame(), /JAMI\s+10 000 so‘m/);
      await app.send(keys.f7);
      await app.waitFor('Avval joriy chekni yakunlang');
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send(keys.enter);
      await app.waitFor('TO‘LANDI — POS-01-000001');
      await app.send(keys.enter);
      await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f));

      await app.send(keys.f7);
      await app.waitFor('Kechiktirilgan cheklar');
      await app.send(keys.enter);
      await app.waitFor('Chek qaytarildi');
      assert.match(app.frame(), /Sut 1 l %\s+3 dona\s+12 500\s+33 750/);
      assert.match(app.frame(), /Chegirma -3 750 so‘m/);
      assert.match(app.frame(), /JAMI\s+33 750 so‘m/);
      assert.equal(rows(r, 'SELECT id FROM parked_sales').length, 0);
      assert.deepEqual(
        rows<{ action: string }>(r, 'SELECT action FROM audit_log ORDER BY at, action').map((a) => a.action),
        ['discount.line', 'sale.parked', 'sale.parked', 'sale.resumed', 'sale.resumed'],
      );
      await app.send(keys.f7);
      await app.waitFor('Kechiktirilgan chek yo‘q');
    });

    it('adds a product found by name in the search dialog, showing its stock', async () => {
      const app = await startSelling(r);
      await app.send(keys.f2);
      await app.waitFor('Nomi bo‘yicha qidirish');
      await app.send('sut');
      await app.waitFor((f) => /Sut 1 l\s+12 500\s+qoldiq 20/.test(f));
      await app.send(keys.enter);
      await app.waitFor((f) => /1 Sut 1 l\s+1 dona\s+12 500/.test(f));
    });
  });

  describe('paying', () => {
    it('pays cash: shows the change, then "paid" and the receipt only after the sale is committed', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`, `2*${r.barcodes.bread}\r`);
      await app.waitFor((f) => /JAMI\s+22 500 so‘m/.test(f));
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send('30000', keys.enter);
      const paid = await app.waitFor('TO‘LANDI — POS-01-000001');
      assert.match(paid, /Qaytim: 7 500 so‘m/);
      assert.match(paid, /MAIN STORE/);
      assert.match(paid, /2 dona x 5 000\s+= 10 000/);
      assert.match(paid, /↑↓ 1–\d+ \/ \d+/, 'a receipt longer than the screen says it scrolls');
      const sales = rows<{ receipt_no: string; total: number }>(r, 'SELECT receipt_no, total FROM sales');
      assert.deepEqual(sales, [{ receipt_no: 'POS-01-000001', total: 2_250_000 }]);
      assert.equal(rows(r, "SELECT id FROM outbox WHERE type = 'sale.completed'").length, 1);
      assert.match(app.frame(), /Navbatda: 2/, 'the status bar counts the new event');
      await app.send(keys.enter);
      await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f));
      await app.send(keys.ctrl('o'));
      await app.waitFor('Chekni qayta ko‘rsatish');
      assert.match(app.frame(), /Chek raqami: POS-01-000001/, 'the last receipt is offered');
      await app.send(keys.enter);
      await app.waitFor('Chek POS-01-000001');
    });

    it('says when the printer is unreachable; the sale stays paid', async () => {
      savePrinterConfig(r.ctx, {
        target: 'tcp://127.0.0.1:9',
        width: 48,
        codePage: 'cp866',
        drawerPin: null,
      });
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send(keys.enter);
      await app.waitFor('TO‘LANDI — POS-01-000001');
      await app.waitFor('Printerga ulanib bo‘lmadi');
      assert.equal(rows(r, 'SELECT id FROM sales').length, 1);
    });

    it('refuses an underpaid sale and keeps the cart and the tenders', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send('10000', keys.enter);
      await app.waitFor((f) => /Qoldi\s+2 500 so‘m/.test(f));
      await app.send(keys.f12);
      await app.waitFor('To‘lov yetarli emas: yana 2 500 so‘m kerak.');
      assert.equal(rows(r, 'SELECT id FROM sales').length, 0);
      await app.send(keys.escape);
      await app.waitFor((f) => /JAMI\s+12 500 so‘m/.test(f));
    });

    it('splits a payment over a Humo card with its reference and cash', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`);
      await app.waitFor('Sut 1 l');
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send(keys.tab);
      await app.waitFor('[uzcard]');
      await app.send(keys.right);
      await app.waitFor('[humo]');
      await app.send('10000', keys.enter);
      await app.waitFor('Terminal cheki №');
      await app.send('RRN123', keys.enter);
      await app.waitFor((f) => /Karta humo\s+10 000 so‘m\s+#RRN123/.test(f));
      await app.send(keys.tab, keys.tab);
      await app.send(keys.enter);
      await app.waitFor('TO‘LANDI');
      const data = JSON.parse(rows<{ data: string }>(r, 'SELECT data FROM sales')[0]!.data);
      assert.deepEqual(data.payments, [
        { method: 'card', amount: 1_000_000, cardType: 'humo', reference: 'RRN123' },
        { method: 'cash', amount: 250_000 },
      ]);
    });
  });

  describe('shift and refunds', () => {
    it('refunds a chosen line by receipt number, moves cash, shows the X-report and closes with a Z-report', async () => {
      const app = await startSelling(r);
      await app.send(`${r.barcodes.milk}\r`, `${r.barcodes.bread}\r`);
      await app.waitFor('Non patir');
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send(keys.enter);
      await app.waitFor('TO‘LANDI');
      await app.send(keys.enter);
      await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f));

      await app.send(keys.ctrl('r'));
      await app.waitFor('Qaytarish: chek raqami');
      await app.send('pos-01-000001', keys.enter);
      await app.waitFor('Qaytarish POS-01-000001');
      await app.send(keys.down, ' ', keys.enter);
      await confirmRefund(app);
      await app.waitFor('QAYTARILDI — POS-01-R000001');
      assert.match(app.frame(), /1 dona x 5 000\s+= 5 000/);
      await app.send(keys.enter);
      await app.waitFor('F2 Qidirish');

      await app.send(keys.ctrl('k'));
      await app.waitFor('Summa: musbat');
      await app.send('-20000', keys.enter);
      await app.waitFor('Sababi: -20 000 so');
      await app.send('inkassatsiya', keys.enter);
      await app.waitFor('Yozildi: -20 000 so‘m');
      await app.waitFor('F2 Qidirish');

      await app.send(keys.ctrl('x'));
      await app.waitFor('X-hisobot');
      assert.match(app.frame(), /Kassada bo‘lishi kerak\s+92 500 so‘m/);
      await app.send(keys.escape);
      await app.waitFor('F2 Qidirish');

      await app.send(keys.ctrl('z'));
      await app.waitFor('sanalgan naqd pul');
      await app.send('92000', keys.enter);
      await app.waitFor('Z-hisobot — smena yopildi');
      assert.match(app.frame(), /Farq\s+-500 so‘m/);
      await app.send(keys.enter);
      await app.waitFor('PIN');
    });
    it('refunds part of a line: weighed goods in kg with three decimals, pieces whole, never more than is left', async () => {
      const app = await startSelling(r);
      await app.send(`1.25*00042\r`, `3*${r.barcodes.bread}\r`);
      await app.waitFor((f) => /JAMI\s+33 750 so‘m/.test(f));
      await app.send(keys.f12);
      await app.waitFor('To‘lanadi');
      await app.send(keys.enter);
      await app.waitFor('TO‘LANDI — POS-01-000001');
      await app.send(keys.enter);
      await app.waitFor((f) => /JAMI\s+0 so‘m/.test(f));

      const openRefund = async () => {
        await app.send(keys.ctrl('r'));
        await app.waitFor('Qaytarish: chek raqami');
        await app.send('POS-01-000001', keys.enter);
        await app.waitFor('Qaytarish POS-01-000001');
      };
      await openRefund();
      assert.match(app.frame(), /\[ \] 1\. Olma qizil\s+qaytarish mumkin 1,250 \/ 1,250 kg/);
      await app.send('0.5');
      await app.waitFor('[0.5] 1. Olma qizil');
      await app.send(keys.enter);
      await confirmRefund(app);
      await app.waitFor('QAYTARILDI — POS-01-R000001');
      assert.match(app.frame(), /0,500 kg x 15 000\s+= 7 500/);
      await app.send(keys.enter);
      await app.waitFor('F2 Qidirish');

      await openRefund();
      assert.match(app.frame(), /Olma qizil\s+qaytarish mumkin 0,750 \/ 1,250 kg/);
      await app.send(keys.down, '4', keys.enter);
      await app.waitFor('Non patir: sotilgandan ko‘p qaytarib bo‘lmaydi (qaytarish mumkin: 3).');
      await app.send(keys.backspace, '1.5', keys.enter);
      await app.waitFor('Miqdor noto‘g‘ri');
      await app.send(keys.backspace, keys.backspace, keys.backspace, '2', keys.enter);
      await confirmRefund(app);
      await app.waitFor('QAYTARILDI — POS-01-R000002');
      assert.match(app.frame(), /2 dona x 5 000\s+= 10 000/);
      await app.send(keys.enter);
      await app.waitFor('F2 Qidirish');

      // Nothing marked: all that is left of the sale.
      await openRefund();
      assert.match(app.frame(), /Non patir\s+qaytarish mumkin 1 \/ 3 dona/);
      await app.send(keys.enter);
      await confirmRefund(app);
      await app.waitFor('QAYTARILDI — POS-01-R000003');
      assert.match(app.frame(), /0,750 kg x 15 000\s+= 11 250/);
      await app.send(keys.enter);
      await app.waitFor('F2 Qidirish');
      await openRefund();
      await app.send(keys.enter);
      await app.waitFor('sotilgandan ko‘p qaytarib bo‘lmaydi');
      const refunds = rows<{ total: number }>(r, 'SELECT total FROM refunds ORDER BY refund_no');
      assert.deepEqual(
        refunds.map((row) => row.total),
        [750_000, 1_000_000, 1_625_000],
      );
      assert.deepEqual(
        rows<{ qty: number }>(r, 'SELECT qty FROM refund_lines ORDER BY refund_id, line_no').map(
          (l) => l.qty,
        ),
        [500, 2000, 750, 1000],
      );
    });
  });

  describe('screen', () => {
    it('fits 80×24: status bar on top, help line at the bottom, long names cut, nothing wider than 80', async () => {
      applyChange(r.ctx.db, {
        entity: 'product',
        op: 'upsert',
        id: r.products.apples,
        data: {
          sku: 'long',
          name: 'Olma qizil Farg‘ona vodiysidan keltirilgan eng yaxshi navli, yirik, shirin va suvli',
          barcodes: ['00042'],
          price: 1_500_000,
          unit: 'kg',
          vatRate: 1200,
          mxik: null,
          active: true,
        },
      });
      const app = await startSelling(r);
      // Scale labels stay separate lines: 20 of them make the cart scroll.
      for (let grams = 1001; grams <= 1020; grams++)
        await app.send(`${ean13(`2100042${grams.toString().padStart(5, '0')}`)}\r`);
      await app.waitFor((f) => /20 Olma qizil/.test(f));
      const frame = await app.waitFor('Olma qizil Farg‘ona');
      const lines = frame.split('\n');
      assert.ok(lines.length <= 24, `${lines.length} rows`);
      for (const line of lines) assert.ok([...line].length <= 80, `too wide: ${line}`);
      assert.match(lines[0]!, /^Main store · POS-01 · Dilnoza\s+Oflayn · Navbatda: 1 · Sinxron: hali yo‘q$/);
      assert.match(lines.at(-3)!, /^F2 Qidirish {2}F3 Miqdor/);
      assert.match(frame, /\^R Qaytarish/);
      assert.match(frame, /\^Z Smenani yopish/);
      assert.match(frame, /…/, 'the long name is cut with an ellipsis');
      assert.match(frame, /JAMI/);
    });

    it('shows a revoked register in the status bar and refuses to open a shift, saying why', async () => {
      recordSyncOutcome(r.ctx.db, { ok: false, error: 'revoked', revoked: true });
      const app = await startApp(r);
      await app.send(r.pin, keys.enter);
      await app.waitFor('Smena ochish');
      assert.match(app.frame(), /KASSA BEKOR QILINGAN/);
      await app.send('100000', keys.enter);
      await app.waitFor('Bu kassa bekor qilingan');
    });

    it('speaks Russian with --lang ru', async () => {
      r.ctx.lang = 'ru';
      const app = await startApp(r);
      await app.waitFor('Введите PIN-код кассира');
    });
  });
});

describe('register UI (ink) in a store that rounds cash to 100 so‘m', () => {
  const r = registerPerTest({ cashRounding: 10_000 });

  it('refuses to pay an empty sale, and shows the cash rounding of the store', async () => {
    const app = await startSelling(r);
    await app.send(keys.f12);
    await app.waitFor('Chek bo‘sh.');
    await app.send('00042\r');
    await app.waitFor('Og‘irligi (kg): Olma qizil');
    await app.send('0.500', keys.enter);
    await app.waitFor((f) => /Olma qizil\s+0,500 kg\s+15 000\s+7 500/.test(f));
    await app.send(keys.f3);
    await app.waitFor('Miqdor: Olma qizil');
    await app.send('1.253', keys.enter);
    await app.waitFor((f) => /JAMI\s+18 795 so‘m/.test(f));
    await app.send(keys.f12);
    // Cash is rounded down only: 18 795 → 18 700 so‘m.
    await app.waitFor((f) => /Yaxlitlash\s+-95 so‘m/.test(f) && /To‘lanadi\s+18 700 so‘m/.test(f));
    await app.send('20000', keys.enter);
    await app.waitFor('Qaytim: 1 300 so‘m');
  });
});
