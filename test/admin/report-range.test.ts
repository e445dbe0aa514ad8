import assert from 'node:assert/strict';
import { salesReportQuery, shiftsReportQuery } from '../../src/common/protocol/reports.js';
import {
  daysOf,
  formatDay,
  presetRange,
  rangeFromPicked,
  rangeSlug,
  salesReportPath,
  shiftsReportPath,
} from '../../src/admin/reports/range.js';

const query = (path: string) => Object.fromEntries(new URL(path, 'http://panel').searchParams);

describe('admin reports: period → API query', function () {
  // 20:30 UTC on 24 November is already 01:30 on the 25th in Tashkent, the store's day.
  const lateEvening = Date.parse('2026-11-24T20:30:00Z');

  it('counts presets in Tashkent days, not the browser’s', function () {
    assert.deepEqual(presetRange('today', lateEvening), { from: '2026-11-25', to: '2026-11-25' });
    assert.deepEqual(presetRange('yesterday', lateEvening), { from: '2026-11-24', to: '2026-11-24' });
    assert.deepEqual(presetRange('week', lateEvening), { from: '2026-11-19', to: '2026-11-25' });
    assert.deepEqual(presetRange('month', lateEvening), { from: '2026-11-01', to: '2026-11-25' });
  });

  it('crosses month and year ends', function () {
    const newYearMorning = Date.parse('2027-01-01T00:10:00+05:00');
    assert.deepEqual(presetRange('yesterday', newYearMorning), { from: '2026-12-31', to: '2026-12-31' });
    assert.deepEqual(presetRange('week', newYearMorning), { from: '2026-12-26', to: '2027-01-01' });
    assert.deepEqual(presetRange('month', newYearMorning), { from: '2027-01-01', to: '2027-01-01' });
  });

  it('asks for a period only when both ends are picked, in order, one day allowed', function () {
    assert.equal(rangeFromPicked([null, null]), null);
    assert.equal(rangeFromPicked(['2026-11-10', null]), null);
    assert.deepEqual(rangeFromPicked(['2026-11-10', '2026-11-12']), { from: '2026-11-10', to: '2026-11-12' });
    assert.deepEqual(rangeFromPicked(['2026-11-12', '2026-11-10']), { from: '2026-11-10', to: '2026-11-12' });
    assert.deepEqual(rangeFromPicked(['2026-11-10', '2026-11-10']), { from: '2026-11-10', to: '2026-11-10' });
  });

  it('builds query strings the server’s own schemas accept unchanged', function () {
    const range = { from: '2026-11-19', to: '2026-11-25' };
    const sales = salesReportPath(range, 'product');
    assert.ok(sales.startsWith('/reports/sales?'));
    assert.deepEqual(salesReportQuery.parse(query(sales)), { ...range, groupBy: 'product' });
    const shifts = shiftsReportPath(range);
    assert.ok(shifts.startsWith('/reports/shifts?'));
    assert.deepEqual(shiftsReportQuery.parse(query(shifts)), range);
  });

  it('lists every day of a period for the chart, across a month end', function () {
    assert.deepEqual(daysOf({ from: '2026-11-29', to: '2026-12-02' }), [
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
    assert.deepEqual(daysOf({ from: '2026-11-25', to: '2026-11-25' }), ['2026-11-25']);
  });

  it('shows store days as dd.mm.yyyy and names downloads by the period', function () {
    assert.equal(formatDay('2026-01-05'), '05.01.2026');
    assert.equal(rangeSlug({ from: '2026-11-25', to: '2026-11-25' }), '2026-11-25');
    assert.equal(rangeSlug({ from: '2026-11-01', to: '2026-11-25' }), '2026-11-01-2026-11-25');
  });
});
