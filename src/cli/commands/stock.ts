import type { Command } from 'commander';
import { z } from 'zod';
import { formatQuantity } from '../../common/quantity.js';
import { skuSchema, qtySchema } from '../../common/protocol/catalog.js';
import { stockReportResponse } from '../../common/protocol/reports.js';
import { loggedInClient } from '../api-client.js';
import { quantityFlag } from '../flags.js';
import { text, type TextKey } from '../messages.js';
import { printCsv, printJson, printLine, printTable } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

const receiptResponse = z.object({
  receipt: z.object({
    id: z.string(),
    levels: z.array(z.object({ productId: z.string(), level: z.number() })),
  }),
});
const adjustmentResponse = z.object({
  adjustment: z.object({
    productId: z.string(),
    previous: z.number(),
    counted: z.number(),
    delta: z.number(),
  }),
});

const receiveLine = z.object({ sku: skuSchema, qty: quantityFlag.pipe(qtySchema) });

/**
 * Two spellings: `receive <sku> <qty>` for one product, or `receive <sku>:<qty>…` for several
 * (split at the last colon, so a SKU may itself contain one).
 */
export function parseReceiveArgs(args: string[]): Array<{ sku: string; qty: number }> {
  const pairs = args.every((a) => a.includes(':'))
    ? args.map((a) => {
        const at = a.lastIndexOf(':');
        return { sku: a.slice(0, at), qty: a.slice(at + 1) };
      })
    : args.length === 2
      ? [{ sku: args[0]!, qty: args[1]! }]
      : null;
  if (!pairs) {
    return parseOptions(z.never({ error: 'use <sku> <qty> or <sku>:<qty>…' }), undefined, '<items>');
  }
  return pairs.map((pair) => parseOptions(receiveLine, pair, `${pair.sku}:${pair.qty}`));
}

const receiveFlagsSchema = z.strictObject({ note: z.string().max(500).optional() });
const adjustFlagsSchema = z.strictObject({
  counted: quantityFlag,
  reason: z.string().trim().min(1).max(500),
});
const levelsFlagsSchema = z.strictObject({
  lowBelow: quantityFlag.optional(),
  only: z.enum(['negative', 'low']).optional(),
  csv: z.boolean().optional(),
});

export async function receiveStock(items: string[], _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const lines = parseReceiveArgs(items);
  const { note } = parseOptions(receiveFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('POST', '/stock/receipts', {
    body: { lines, note },
    response: receiptResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'stockReceived', { lines: lines.length }));
}

export async function adjustStock(sku: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const ref = parseOptions(skuSchema, sku, '<sku>');
  const flags = parseOptions(adjustFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('POST', '/stock/adjustments', {
    body: { sku: ref, countedQty: flags.counted, reason: flags.reason },
    response: adjustmentResponse,
  });
  if (globals.json) return printJson(answer);
  const { previous, counted, delta } = answer.adjustment;
  printLine(
    text(globals.lang, 'stockAdjusted', {
      sku: ref,
      previous: formatQuantity(previous),
      counted: formatQuantity(counted),
      delta: `${delta > 0 ? '+' : ''}${formatQuantity(delta)}`,
    }),
  );
}

/** `stock levels` and `reports stock`: every product's level, negative and low ones marked. */
export async function stockLevels(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { lowBelow, only, csv } = parseOptions(levelsFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/reports/stock', {
    query: lowBelow === undefined ? {} : { lowBelow: String(lowBelow) },
    response: stockReportResponse,
  });
  if (globals.json) return printJson(answer);
  // The report's counts stay those of the whole store; --only narrows the rows shown.
  const levels = only ? answer.levels.filter((l) => l[only]) : answer.levels;
  if (csv) {
    return printCsv(
      ['sku', 'name', 'level', 'unit', 'negative', 'low'],
      levels.map((l) => [l.sku, l.name, formatQuantity(l.level), l.unit, String(l.negative), String(l.low)]),
    );
  }
  const t = (key: TextKey) => text(globals.lang, key);
  if (levels.length === 0) return printLine(t('noStock'));
  printTable(
    [t('colSku'), t('colName'), t('colLevel'), t('colUnit'), t('colMark')],
    levels.map((l) => [
      l.sku,
      l.name,
      formatQuantity(l.level),
      l.unit,
      l.negative ? `!! ${t('stockNegative')}` : l.low ? `! ${t('stockLow')}` : '',
    ]),
  );
  printLine(text(globals.lang, 'stockSummary', { negative: answer.negativeCount, low: answer.lowCount }));
}
