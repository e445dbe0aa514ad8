import { Text } from 'ink';
import { formatMoney } from '../../../common/money.js';
import { formatQtyUnit } from '../../receipt/text.js';
import type { LastItem } from '../state/sale-session.js';
import { amount, spread } from '../format.js';
import { say } from '../text.js';
import { useUi } from '../ui-context.js';

/**
 * What the last scan added, in a row of its own under the scan field: the cashier checks it against the goods in
 * hand without finding the line in the cart. The figures keep their place; a long name is cut.
 */
export function LastItemLine({ item }: { item: LastItem | null }) {
  const { lang, columns } = useUi();
  if (!item) return <Text> </Text>;
  const qty = formatQtyUnit(item.qty, item.unit, lang);
  const figures = `${qty} × ${amount(item.unitPrice)} = ${formatMoney(item.amount)}`;
  return (
    <Text bold wrap="truncate">
      {spread(`${say(lang, 'ui.sale.last')}: ${item.name}`, figures, columns)}
    </Text>
  );
}
