import assert from 'node:assert/strict';
import {
  emptyProductForm,
  fieldOfServerError,
  parsePercent,
  productBody,
  productToForm,
  somText,
  type ProductFormValues,
} from '../../src/admin/catalog/product-form.js';
import { countBody, parseStockQuantity, receiptBody } from '../../src/admin/stock/quantity.js';
import { settingsBody, settingsToForm } from '../../src/admin/settings/settings-form.js';
import { en } from '../../src/admin/i18n/en.js';
import { ru } from '../../src/admin/i18n/ru.js';
import { uz } from '../../src/admin/i18n/uz.js';
import type { Product } from '../../src/common/protocol/catalog.js';
import type { StoreSettings } from '../../src/common/protocol/settings.js';

const filled: ProductFormValues = {
  ...emptyProductForm,
  sku: ' NON-1 ',
  name: ' Non  ',
  barcodes: ['4780000000007'],
  price: '12 500',
  unit: 'pcs',
};

describe('admin panel product form', function () {
  it('converts so‘m as typed into tiyin: spaces, comma or point decimals', function () {
    for (const [typed, tiyin] of [
      ['12500', 1_250_000],
      ['12 500', 1_250_000],
      ['12500,5', 1_250_050],
      ['12500.50', 1_250_050],
      ['0', 0],
    ] as const) {
      const result = productBody({ ...filled, price: typed }, 'create');
      assert.ok(result.ok, typed);
      assert.equal(result.body.price, tiyin, typed);
    }
  });

  it('builds the create body: trimmed text, VAT percent in basis points, empty VAT left to the shop, no MXIK as null', function () {
    assert.deepEqual(productBody({ ...filled, vat: '12' }, 'create'), {
      ok: true,
      body: {
        sku: 'NON-1',
        name: 'Non',
        barcodes: ['4780000000007'],
        price: 1_250_000,
        unit: 'pcs',
        vatRate: 1200,
        mxik: null,
        active: true,
      },
    });
    const noVat = productBody(filled, 'create');
    assert.ok(noVat.ok);
    assert.equal('vatRate' in noVat.body, false);
  });

  it('marks each bad field with its own problem, the barcode one naming the code', function () {
    const result = productBody(
      {
        ...filled,
        sku: '',
        price: '12.345',
        vat: '120',
        mxik: '123',
        barcodes: ['4780000000007', '4780000000008', 'not a code!'],
      },
      'create',
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems, {
      sku: { key: 'required' },
      price: { key: 'price' },
      vat: { key: 'vat' },
      mxik: { key: 'mxik' },
      barcodes: { key: 'checkDigit', params: { code: '4780000000008' } },
    });
    const negative = productBody({ ...filled, price: '-5' }, 'edit');
    assert.deepEqual(!negative.ok && negative.problems, { price: { key: 'price' } });
  });

  it('opens a product for editing as the owner typed it and saves it back unchanged', function () {
    const product: Product = {
      id: 'p1',
      sku: 'SUT-1',
      name: 'Sut 1 l',
      barcodes: ['4780000000007'],
      price: 1_250_050,
      unit: 'l',
      vatRate: 1250,
      mxik: '12345678901234567',
      packageCode: null,
      markingRequired: false,
      active: false,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const form = productToForm(product);
    assert.equal(form.price, '12500,50');
    assert.equal(form.vat, '12.5');
    const result = productBody(form, 'edit');
    assert.deepEqual(result, {
      ok: true,
      body: {
        sku: 'SUT-1',
        name: 'Sut 1 l',
        barcodes: ['4780000000007'],
        price: 1_250_050,
        unit: 'l',
        vatRate: 1250,
        mxik: '12345678901234567',
        active: false,
      },
    });
  });

  it('reads percentages and puts server refusals under their field', function () {
    assert.equal(parsePercent('12'), 1200);
    assert.equal(parsePercent('12,5%'), 1250);
    assert.equal(parsePercent('0'), 0);
    assert.equal(parsePercent('100.01'), null);
    assert.equal(parsePercent('twelve'), null);
    assert.equal(somText(5), '0,05');
    assert.equal(fieldOfServerError('SKU_TAKEN'), 'sku');
    assert.equal(fieldOfServerError('BARCODE_TAKEN'), 'barcodes');
    assert.equal(fieldOfServerError('INTERNAL'), null);
  });
});

describe('admin panel stock quantities', function () {
  it('takes three decimals for kg and l, whole numbers for pieces', function () {
    assert.deepEqual(parseStockQuantity('1,250', 'kg', { allowZero: false }), { qty: 1250 });
    assert.deepEqual(parseStockQuantity('2.5', 'l', { allowZero: false }), { qty: 2500 });
    assert.deepEqual(parseStockQuantity('1 200', 'pcs', { allowZero: false }), { qty: 1_200_000 });
    assert.deepEqual(parseStockQuantity('1.5', 'pcs', { allowZero: false }), { problem: 'wholeUnits' });
    assert.deepEqual(parseStockQuantity('1.2345', 'kg', { allowZero: false }), { problem: 'quantity' });
    assert.deepEqual(parseStockQuantity('-3', 'pcs', { allowZero: true }), { problem: 'quantity' });
  });

  it('refuses receiving nothing but lets a count find the shelf empty', function () {
    assert.deepEqual(parseStockQuantity('0', 'pcs', { allowZero: false }), { problem: 'positive' });
    assert.deepEqual(parseStockQuantity('0', 'pcs', { allowZero: true }), { qty: 0 });
  });

  it('builds the receipt and count bodies the server expects', function () {
    assert.deepEqual(receiptBody('p1', 12_500, '  '), { lines: [{ productId: 'p1', qty: 12_500 }] });
    assert.deepEqual(receiptBody('p1', 1_000, ' Nakladnoy 41 ').note, 'Nakladnoy 41');
    assert.deepEqual(countBody('p1', 0, ' Inventarizatsiya '), {
      productId: 'p1',
      countedQty: 0,
      reason: 'Inventarizatsiya',
    });
  });
});

describe('admin panel settings form', function () {
  const saved: StoreSettings = {
    storeName: 'Asosiy',
    currency: 'UZS',
    defaultVatRate: 1200,
    cashRounding: 0,
    scaleBarcode: { prefixes: ['20', '21'], itemDigits: 5, value: 'weight' },
    receiptHeader: null,
    maxCashierDiscount: 1000,
  };

  it('sends only what changed, percentages as basis points and rounding in tiyin', function () {
    const values = { ...settingsToForm(saved), cashRounding: '10000', maxDiscount: '7,5' };
    assert.deepEqual(settingsBody(values, saved), {
      ok: true,
      body: { cashRounding: 10_000, maxCashierDiscount: 750 },
    });
    assert.deepEqual(settingsBody(settingsToForm(saved), saved), { ok: true, body: {} });
  });

  it('turns the scale layout off, and back on with the chosen prefixes, digits and value', function () {
    assert.deepEqual(settingsBody({ ...settingsToForm(saved), scaleOn: false }, saved), {
      ok: true,
      body: { scaleBarcode: null },
    });
    const off = { ...saved, scaleBarcode: null };
    const on = {
      ...settingsToForm(off),
      scaleOn: true,
      scalePrefixes: ['27', '22'],
      scaleDigits: '6',
      scaleValue: 'price' as const,
    };
    assert.deepEqual(settingsBody(on, off), {
      ok: true,
      body: { scaleBarcode: { prefixes: ['22', '27'], itemDigits: 6, value: 'price' } },
    });
  });

  it('marks what the server would refuse under its field', function () {
    const values = {
      ...settingsToForm(saved),
      vat: '120',
      maxDiscount: 'ten',
      cashRounding: '2000',
      receiptHeader: 'x'.repeat(501),
      scalePrefixes: [],
    };
    assert.deepEqual(settingsBody(values, saved), {
      ok: false,
      problems: {
        vat: 'percent',
        maxDiscount: 'percent',
        cashRounding: 'rounding',
        receiptHeader: 'tooLong',
        scalePrefixes: 'prefixes',
      },
    });
    // A blank header is no header.
    assert.deepEqual(settingsBody({ ...settingsToForm(saved), receiptHeader: '  ' }, saved), {
      ok: true,
      body: {},
    });
  });

  it('sends the seller fields; a STIR typed with spaces is its 9 digits; blank clears a field', function () {
    const values = {
      ...settingsToForm(saved),
      legalName: '  "Otabek Books" MChJ ',
      stir: '123 456 789',
      address: 'Toshkent, Chilonzor 7',
      fiscalDataRequired: true,
    };
    assert.deepEqual(settingsBody(values, saved), {
      ok: true,
      body: {
        legalName: '"Otabek Books" MChJ',
        stir: '123456789',
        address: 'Toshkent, Chilonzor 7',
        fiscalDataRequired: true,
      },
    });
    const filled = { ...saved, legalName: 'Otabek Books MChJ', stir: '123456789', address: 'Toshkent' };
    assert.deepEqual(settingsBody(settingsToForm(filled), filled), { ok: true, body: {} });
    assert.deepEqual(settingsBody({ ...settingsToForm(filled), stir: '', address: ' ' }, filled), {
      ok: true,
      body: { stir: null, address: null },
    });
  });

  it('shows 90 days for a server that does not send the keep-days, sends a change, refuses what is out of range', function () {
    assert.equal(settingsToForm(saved).registerKeepDays, '90');
    assert.deepEqual(settingsBody({ ...settingsToForm(saved), registerKeepDays: ' 30 ' }, saved), {
      ok: true,
      body: { registerKeepDays: 30 },
    });
    const kept = { ...saved, registerKeepDays: 30 };
    assert.deepEqual(settingsBody(settingsToForm(kept), kept), { ok: true, body: {} });
    for (const registerKeepDays of ['6', '3651', '30.5', 'ko‘p', '']) {
      assert.deepEqual(settingsBody({ ...settingsToForm(saved), registerKeepDays }, saved), {
        ok: false,
        problems: { registerKeepDays: 'keepDays' },
      });
    }
    assert.match(uz.settings.problems.keepDays, /7 dan 3650 gacha/);
    assert.match(ru.settings.problems.keepDays, /от 7 до 3650/);
    assert.match(en.settings.problems.keepDays, /7 to 3650/);
  });

  it('refuses a STIR that is not 9 digits, in the three languages', function () {
    for (const stir of ['12345678', '1234567890', '12345678a']) {
      assert.deepEqual(settingsBody({ ...settingsToForm(saved), stir }, saved), {
        ok: false,
        problems: { stir: 'stir' },
      });
    }
    assert.match(uz.settings.problems.stir, /STIR — 9 ta raqam/);
    assert.match(ru.settings.problems.stir, /9 цифр/);
    assert.match(en.settings.problems.stir, /9 digits/);
  });
});
