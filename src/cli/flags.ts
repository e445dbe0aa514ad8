import { z } from 'zod';
import { parseMoney } from '../common/money.js';
import { parseQuantity } from '../common/quantity.js';

/** What people type for money (so‘m: `12500`, `12 500`, `12500.50`) → tiyin. */
export const somFlag = z.string().transform((value, ctx) => {
  const minor = parseMoney(value);
  if (minor === null || minor < 0) {
    ctx.addIssue({ code: 'custom', message: 'so‘m, e.g. 12500 or 12500.50' });
    return z.NEVER;
  }
  return minor;
});

/** A quantity such as `12` or `1.250` → thousandths. */
export const quantityFlag = z.string().transform((value, ctx) => {
  const qty = parseQuantity(value);
  if (qty === null) {
    ctx.addIssue({ code: 'custom', message: 'a quantity such as 12 or 1.250' });
    return z.NEVER;
  }
  return qty;
});

/** VAT in percent (`12`, `12.5`) → basis points (1200, 1250). */
export const vatPercentFlag = z.string().transform((value, ctx) => {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  const bp = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!(bp >= 0 && bp <= 10_000)) {
    ctx.addIssue({ code: 'custom', message: 'percent 0–100, e.g. 12' });
    return z.NEVER;
  }
  return bp;
});

export const dayFlag = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const positiveIntFlag = (max: number) => z.coerce.number().int().min(1).max(max);
