import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { newId } from '../../../src/common/ids.js';
import { hashSecret } from '../../../src/node/secret-hash.js';
import { closeRegister, settingsOf } from '../../../src/terminal/register/context.js';
import { applyChange } from '../../../src/terminal/store/queries/catalog.js';
import { keys, sellBreadForCash, startSelling, type RunningApp } from '../../helpers/ink.js';
import { offlineRegister, type OfflineRegister } from '../../helpers/register.js';

const SUPERVISOR_PIN = '7777';

/** The store asks a supervisor for every act it can; Zafar is the supervisor, Dilnoza (the register's PIN) a cashier. */
async function registerWithApprovals(): Promise<OfflineRegister & { supervisorId: string }> {
  const r = await offlineRegister();
  const supervisorId = newId();
  applyChange(r.ctx.db, {
    entity: 'cashier',
    op: 'upsert',
    id: supervisorId,
    data: { name: 'Zafar', pinHash: await hashSecret(SUPERVISOR_PIN, 10), active: true, role: 'supervisor' },
  });
  applyChange(r.ctx.db, {
    entity: 'settings',
    op: 'upsert',
    id: 'store',
    data: {
      ...settingsOf(r.ctx),
      approvals: {
        refund: true,
        voidAfterPayment: true,
        cancelAbove: 1_000_000,
        discountAboveLimit: true,
        cashOut: true,
      },
    },
  });
  return { ...r, supervisorId };
}

describe('supervisor approval at the register', () => {
  let r: OfflineRegister & { supervisorId: string };
  let app: RunningApp | undefined;
  beforeEach(async () => {
    r = await registerWithApprovals();
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
    closeRegister(r.ctx);
    rmSync(r.dataDir, { recursive: true, force: true });
  });

  const approvals = () =>
    (
      r.ctx.db
        .prepare("SELECT cashier_id, data FROM audit_log WHERE action = 'approval.given' ORDER BY rowid")
        .all() as Array<{ cashier_id: string; data: string }>
    ).map((row) => ({
      cashierId: row.cashier_id,
      ...(JSON.parse(row.data) as { act: string; amount: number; approvedBy: string }),
    }));

  it('a cancel above the amount waits for a supervisor PIN; a cashier PIN is refused', async () => {
    app = await startSelling(r);
    await app.send(`3*${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(keys.f9);
    await app.waitFor('Chekni bekor qilish sababi');
    await app.send('mijoz ketdi', keys.enter);
    await app.waitFor('Nazoratchi tasdig‘i kerak: chekni bekor qilish · 37 500');
    await app.send(r.pin, keys.enter);
    await app.waitFor('Bu nazoratchining PIN kodi emas');
    assert.deepEqual(approvals(), []);
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM open_sale').pluck().get(), 1);
    await app.send(SUPERVISOR_PIN, keys.enter);
    await app.waitFor('Chek bekor qilindi · Tasdiqladi: Zafar');
    assert.match(app.frame(), /JAMI\s+0 so‘m/);
    assert.deepEqual(approvals(), [
      { cashierId: r.cashierId, approvedBy: r.supervisorId, act: 'cancelAbove', amount: 3_750_000 },
    ]);
    const cancel = r.ctx.db
      .prepare("SELECT data FROM audit_log WHERE action = 'sale.cancelled'")
      .pluck()
      .get() as string;
    assert.equal((JSON.parse(cancel) as { approvedBy: string }).approvedBy, r.supervisorId);
  });

  it('a cancel at or below the amount, and a void before paying, need nobody', async () => {
    app = await startSelling(r);
    await app.send(`${r.barcodes.bread}\r`, `${r.barcodes.bread}\r`);
    await app.waitFor((f) => /Non patir\s+2/.test(f));
    await app.send(keys.f8);
    await app.waitFor('O‘chirish sababi');
    await app.send('xato', keys.enter);
    await app.waitFor('Qator o‘chirildi: Non patir');
    assert.ok(!app.frame().includes('Tasdiqladi'));
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f9);
    await app.waitFor('Chekni bekor qilish sababi');
    await app.send('mijoz ketdi', keys.enter);
    await app.waitFor('Chek bekor qilindi');
    assert.deepEqual(approvals(), []);
  });

  it('a void after the pay dialog opened, a discount above the cap and a cash out ask the supervisor', async () => {
    app = await startSelling(r);
    await app.send(`${r.barcodes.milk}\r`);
    await app.waitFor('Sut 1 l');
    await app.send(`${r.barcodes.bread}\r`);
    await app.waitFor('Non patir');
    await app.send(keys.f12);
    await app.waitFor('To‘lanadi');
    await app.send(keys.escape);
    await app.waitFor('JAMI');
    await app.send(keys.f8);
    await app.waitFor('O‘chirish sababi');
    await app.send('mijoz qaytardi', keys.enter);
    await app.waitFor('Nazoratchi tasdig‘i kerak: to‘lov boshlangandan keyin');
    await app.send(keys.escape);
    await app.waitFor((f) => /Non patir/.test(f) && !f.includes('Nazoratchi'));
    await app.send(keys.f8);
    await app.waitFor('O‘chirish sababi');
    await app.send('mijoz qaytardi', keys.enter);
    await app.waitFor('Nazoratchi tasdig‘i kerak');
    await app.send(SUPERVISOR_PIN, keys.enter);
    await app.waitFor('Qator o‘chirildi: Non patir · Tasdiqladi: Zafar');

    // The cashier's cap is 10%; 20% needs the supervisor and then goes through.
    await app.send(keys.f4);
    await app.waitFor('Chegirma: Sut 1 l');
    await app.send('20%', keys.enter);
    await app.waitFor('kassir limitidan katta chegirma');
    await app.send(SUPERVISOR_PIN, keys.enter);
    await app.waitFor((f) => /JAMI\s+10 000 so‘m/.test(f));

    await app.send(keys.ctrl('k'));
    await app.waitFor('Summa');
    await app.send('-5000', keys.enter);
    await app.waitFor('Sabab');
    await app.send('inkassatsiya', keys.enter);
    await app.waitFor('kassadan pul olish · 5 000');
    await app.send(SUPERVISOR_PIN, keys.enter);
    await app.waitFor('Tasdiqladi: Zafar');
    const moved = r.ctx.db.prepare('SELECT amount FROM cash_movements').pluck().all();
    assert.deepEqual(moved, [-500_000]);

    assert.deepEqual(
      approvals().map((a) => [a.act, a.amount, a.approvedBy]),
      [
        ['voidAfterPayment', 500_000, r.supervisorId],
        ['discountAboveLimit', 250_000, r.supervisorId],
        ['cashOut', 500_000, r.supervisorId],
      ],
    );
  });

  it('a refund waits for the supervisor and is recorded with who approved it', async () => {
    app = await startSelling(r);
    await sellBreadForCash(app, r);
    await app.send(keys.ctrl('r'));
    await app.waitFor('Qaytarish');
    await app.send('POS-01-000001', keys.enter);
    await app.waitFor('Non patir');
    await app.send(keys.enter);
    await app.waitFor('Qaytarishni tasdiqlang');
    await app.send('mijoz qaytardi', keys.enter);
    await app.waitFor('Nazoratchi tasdig‘i kerak: qaytarish');
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 0);
    await app.send(SUPERVISOR_PIN, keys.enter);
    await app.waitFor('QAYTARILDI');
    assert.equal(r.ctx.db.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 1);
    assert.deepEqual(
      approvals().map((a) => [a.act, a.amount, a.approvedBy]),
      [['refund', 500_000, r.supervisorId]],
    );
  });
});
