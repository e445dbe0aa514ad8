import { Box, Text } from 'ink';
import { formatMoney } from '../../../common/money.js';
import { cartTotals, type CartState } from '../../sale/cart.js';
import { cartHeader, cartRows, scrollTop, spread } from '../format.js';
import { say } from '../text.js';
import { useUi } from '../ui-context.js';

/** The cart table (scrolling to keep the selected line in view) and the totals under it. */
export function CartView({
  cart,
  selected,
  rows,
  parked = 0,
}: {
  cart: CartState;
  selected: number;
  rows: number;
  /** How many sales wait parked, shown under the cart so none is forgotten. */
  parked?: number;
}) {
  const { lang, columns } = useUi();
  const lines = cartRows(cart, columns);
  const totals = cartTotals(cart);
  const visible = Math.max(1, rows - 3);
  const top = scrollTop(Math.max(0, selected), lines.length, visible, selected - visible + 1);
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        {cartHeader(lang, columns)}
      </Text>
      <Box flexDirection="column" height={visible} overflow="hidden">
        {lines.length === 0 ? (
          <Text dimColor wrap="truncate">
            {say(lang, 'ui.sale.empty')}
          </Text>
        ) : (
          lines.slice(top, top + visible).map((row) => (
            <Text key={row.index} inverse={row.index === selected} wrap="truncate">
              {row.text}
            </Text>
          ))
        )}
      </Box>
      <Text wrap="truncate">
        {totals.discount > 0
          ? spread(
              `${say(lang, 'ui.sale.subtotal')} ${formatMoney(totals.subtotal)}`,
              `${say(lang, 'ui.sale.discount')} -${formatMoney(totals.discount)}`,
              columns,
            )
          : parked > 0
            ? say(lang, 'ui.sale.parked', { count: parked })
            : ' '}
      </Text>
      <Text bold wrap="truncate">
        {spread(say(lang, 'ui.sale.total'), formatMoney(totals.total), columns)}
      </Text>
    </Box>
  );
}
