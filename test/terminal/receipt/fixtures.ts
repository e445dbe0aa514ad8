import { emptyCart, reduceCart, type CartAction } from '../../../src/terminal/sale/cart.js';
import { completeSale, type Tender } from '../../../src/terminal/sale/payment.js';
import type { ReceiptContext } from '../../../src/terminal/receipt/text.js';
import { apples, bread, cashierId, milk, shiftId } from '../sale/fixtures.js';

/** Bread 2 × 3 000 less 10%, 1.234 kg apples from a scale, milk without VAT; 50 000 so'm in cash. */
export function sampleSale(tenders: Tender[] = [{ method: 'cash', tendered: 5_000_000 }]) {
  const policy = { role: 'owner', maxCashierDiscount: 0 } as const;
  const actions: CartAction[] = [
    { type: 'addItem', product: bread, qty: 2000 },
    { type: 'addItem', product: apples, qty: 1234, scale: {} },
    { type: 'addItem', product: { ...milk, name: 'Sut “Musaffo” 3,2% yog‘liligi bilan 1 litr' }, qty: 1000 },
    { type: 'lineDiscount', lineIndex: 0, discount: { percentBp: 1000 } },
  ];
  const cart = actions.reduce((state, action) => reduceCart(state, action, policy).state, emptyCart);
  return completeSale(cart, tenders, {
    receiptNo: 'POS-02-000123',
    shiftId,
    cashierId,
    cashRounding: 10_000,
  });
}

export function context(width: number, lang: ReceiptContext['lang'] = 'uz'): ReceiptContext {
  return {
    storeName: 'Baraka market',
    header: 'Toshkent, Chilonzor 9\nSTIR 301234567',
    device: 'POS-02',
    cashierName: 'Dilnoza',
    occurredAt: '2026-11-25T10:35:00.000Z',
    lang,
    width,
  };
}
