import assert from 'node:assert/strict';
import type { SalesReportResponse, ShiftsReportResponse } from '../../src/common/protocol/reports.js';
import { buildCsv } from '../../src/admin/reports/csv.js';
import { salesCsv, shiftsCsv, type SalesCsvLabels } from '../../src/admin/reports/tables.js';
import { formatDateTime } from '../../src/admin/format.js';

const BOM = '\uFEFF';
const lines = (csv: string) => csv.slice(BOM.length).split('\r\n').slice(0, -1);

const labels: SalesCsvLabels = {
  group: 'Kun',
  total: 'Jami',
  currency: 'so‘m',
  columns: {
    qty: 'Miqdor',
    count: 'Cheklar',
    sales: 'Sotuv',
    refunds: 'Qaytarish',
    net: 'Sof tushum',
    vat: 'QQS',
    voids: 'Bekor qatorlar',
    cancels: 'Bekor cheklar',
    refundCount: 'Qaytarishlar soni',
  },
};

describe('admin reports: CSV downloads', function () {
  it('starts with a BOM, ends lines with CRLF, and quotes cells as the CLI does', function () {
    const csv = buildCsv(
      ['Nomi', 'Narx'],
      [
        ['Non, patir', '5000.00'],
        ['=1+1', null],
      ],
    );
    assert.ok(csv.startsWith(BOM));
    assert.ok(csv.endsWith('\r\n'));
    assert.deepEqual(lines(csv), ['Nomi,Narx', '"Non, patir",5000.00', "'=1+1,"]);
  });

  it('writes the sales table by day as shown, with the server’s totals as the last line', function () {
    const report: SalesReportResponse = {
      from: '2026-11-24',
      to: '2026-11-25',
      groupBy: 'day',
      rows: [
        {
          key: '2026-11-24',
          label: '2026-11-24',
          count: 2,
          sales: 3_750_000,
          refunds: 0,
          net: 3_750_000,
          vat: 401_786,
        },
        {
          key: '2026-11-25',
          label: '2026-11-25',
          count: 1,
          sales: 1_250_050,
          refunds: 1_250_050,
          net: 0,
          vat: 0,
        },
      ],
      totals: { count: 3, sales: 5_000_050, refunds: 1_250_050, net: 3_750_000, vat: 401_786 },
      payments: { cash: 2_500_000, card: 1_250_000, qr: 0 },
    };
    assert.deepEqual(lines(salesCsv(report, labels)), [
      'Kun,Cheklar,Sotuv (so‘m),Qaytarish (so‘m),Sof tushum (so‘m),QQS (so‘m)',
      '24.11.2026,2,37500.00,0.00,37500.00,4017.86',
      '25.11.2026,1,12500.50,12500.50,0.00,0.00',
      'Jami,3,50000.50,12500.50,37500.00,4017.86',
    ]);
  });

  it('adds the quantity for products and takes the receipt count from the server, not the rows', function () {
    // One receipt holds both products: the rows count it twice, the server's total once.
    const report: SalesReportResponse = {
      from: '2026-11-25',
      to: '2026-11-25',
      groupBy: 'product',
      rows: [
        {
          key: 'p1',
          label: 'Sut 1 l',
          count: 1,
          sales: 1_250_000,
          refunds: 0,
          net: 1_250_000,
          vat: 133_929,
          qty: 1000,
        },
        {
          key: 'p2',
          label: 'Olma, qizil',
          count: 1,
          sales: 1_875_000,
          refunds: 0,
          net: 1_875_000,
          vat: 200_893,
          qty: 1250,
        },
      ],
      totals: { count: 1, sales: 3_125_000, refunds: 0, net: 3_125_000, vat: 334_822 },
      payments: { cash: 3_125_000, card: 0, qr: 0 },
    };
    assert.deepEqual(lines(salesCsv(report, { ...labels, group: 'Mahsulot' })), [
      'Mahsulot,Miqdor,Cheklar,Sotuv (so‘m),Qaytarish (so‘m),Sof tushum (so‘m),QQS (so‘m)',
      'Sut 1 l,1,1,12500.00,0.00,12500.00,1339.29',
      '"Olma, qizil",1.250,1,18750.00,0.00,18750.00,2008.93',
      'Jami,,1,31250.00,0.00,31250.00,3348.22',
    ]);
  });

  it('writes Z-reports with the shift still open marked and no counted cash yet', function () {
    const report: ShiftsReportResponse = {
      from: '2026-11-25',
      to: '2026-11-25',
      shifts: [
        {
          id: 's1',
          device: 'POS-01',
          cashier: 'Dilnoza',
          openedAt: '2026-11-25T03:00:00.000Z',
          closedAt: '2026-11-25T12:00:00.000Z',
          openingCash: 10_000_000,
          cashSales: 3_130_000,
          cashRefunds: 1_250_000,
          cashMoved: -2_000_000,
          expectedCash: 9_880_000,
          countedCash: 9_600_000,
          difference: -280_000,
          salesCount: 2,
          sales: 4_130_000,
          refunds: 1_250_000,
          payments: { cash: 1_880_000, card: 1_000_000, qr: 0 },
        },
        {
          id: 's2',
          device: 'POS-02',
          cashier: 'Aziz',
          openedAt: '2026-11-25T05:00:00.000Z',
          closedAt: null,
          openingCash: 0,
          cashSales: 0,
          cashRefunds: 0,
          cashMoved: 0,
          expectedCash: 0,
          countedCash: null,
          difference: null,
          salesCount: 0,
          sales: 0,
          refunds: 0,
          payments: { cash: 0, card: 0, qr: 0 },
        },
      ],
    };
    const columns = {
      device: 'Kassa',
      cashier: 'Kassir',
      opened: 'Ochilgan',
      closed: 'Yopilgan',
      openingCash: 'Boshlang‘ich',
      salesCount: 'Cheklar',
      sales: 'Sotuv',
      refunds: 'Qaytarish',
      card: 'Karta',
      qr: 'QR',
      cashSales: 'Naqd sotuv',
      cashRefunds: 'Naqd qaytarish',
      cashMoved: 'Kirim/chiqim',
      expected: 'Kutilgan',
      counted: 'Sanalgan',
      difference: 'Farq',
    };
    const [header, closed, open] = lines(
      shiftsCsv(report, { currency: 'so‘m', stillOpen: 'Ochiq', columns }),
    );
    assert.equal(
      header,
      'Kassa,Kassir,Ochilgan,Yopilgan,Boshlang‘ich (so‘m),Cheklar,Sotuv (so‘m),Qaytarish (so‘m),Karta (so‘m),QR (so‘m),' +
        'Naqd sotuv (so‘m),Naqd qaytarish (so‘m),Kirim/chiqim (so‘m),Kutilgan (so‘m),Sanalgan (so‘m),Farq (so‘m)',
    );
    const opened = formatDateTime('2026-11-25T03:00:00.000Z');
    const closedAt = formatDateTime('2026-11-25T12:00:00.000Z');
    assert.equal(
      closed,
      `POS-01,Dilnoza,${opened},${closedAt},100000.00,2,41300.00,12500.00,10000.00,0.00,31300.00,12500.00,-20000.00,98800.00,96000.00,-2800.00`,
    );
    assert.equal(
      open,
      `POS-02,Aziz,${formatDateTime('2026-11-25T05:00:00.000Z')},Ochiq,0.00,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,`,
    );
  });
});
