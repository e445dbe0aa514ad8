import type { ProductSnapshot } from '../../../src/terminal/sale/cart.js';

/** Prices in minor units: 3 000 so‘m = 300 000. */
export const bread: ProductSnapshot = {
  productId: '0193a5b0-0000-7000-8000-000000000001',
  name: 'Non',
  unitPrice: 300_000,
  vatRate: 1200,
  unit: 'pcs',
  mxik: '10101001001000000',
};
export const apples: ProductSnapshot = {
  productId: '0193a5b0-0000-7000-8000-000000000002',
  name: 'Olma',
  unitPrice: 1_850_000,
  vatRate: 1200,
  unit: 'kg',
};
export const milk: ProductSnapshot = {
  productId: '0193a5b0-0000-7000-8000-000000000003',
  name: 'Sut 1 l',
  unitPrice: 1_290_000,
  vatRate: 0,
  unit: 'pcs',
  mxik: '10401001001000000',
};
export const shiftId = '0193a5b0-0000-7000-8000-0000000000a1';
export const cashierId = '0193a5b0-0000-7000-8000-0000000000c1';
