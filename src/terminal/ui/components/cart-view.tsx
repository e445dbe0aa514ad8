import { Box, Text } from 'ink';
import { formatMoney } from '../../../common/money.js';
import { cartTotals, type CartState } from '../../sale/cart.js';
import { bigText } from '../big-digits.js';
import { cartHeader, cartRows, padStart, scrollTop, spread } from '../format.js';
import { say } from '../text.js';
import { useUi } from '../ui-context.js';

/** Fewest cart lines kept in view: below that the big total gives its rows back to the cart. */
const MIN_CART_ROWS = 4;

/**
 * The total in large characters, right-aligned, when the terminal has the room: three rows for the figure and a
 * column of margin. Null means the plain total line alone (a narrow or short terminal, a figure too long).
 */
export function bigTotalRows(total: string, columns: number, rows: number): string[] | null {
  const big = bigText(total);
  if (!big) return null;
  const width = Math.max(...big.map((row) => [...row].length));
  if (width + 1 > columns || rows - 3 - big.length < MIN_CART_ROWS) return null;
  return big.map((row) => padStart(row.padEnd(width), columns));
}

/** The cart table (scrolling to keep the selected line in view), the total in large characters and the totals. */
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
  const lines = cartRows(cart, columns, lang);
  const totals = cartTotals(cart);
  const big = bigTotalRows(formatMoney(totals.total), columns, rows);
  const visible = Math.max(1, rows - 3 - (big?.length ?? 0));
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
      {big?.map((row, i) => (
        <Text key={`big-${i}`} bold wrap="truncate">
          {row}
        </Text>
      ))}
      <Text bold wrap="truncate">
        {spread(say(lang, 'ui.sale.total'), formatMoney(totals.total), columns)}
      </Text>
    </Box>
  );
}
