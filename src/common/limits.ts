/**
 * Upper bounds on amounts and quantities, shared by the register (refused at entry) and the server (refused in
 * events and owner requests), so neither side accepts what the other would refuse. They keep every figure, and a
 * year of report sums over them, far inside Number.MAX_SAFE_INTEGER and MySQL's BIGINT.
 * Money in tiyin, quantities in thousandths.
 */

/** 100 billion so'm: the highest price a product or a line may carry. */
export const MAX_UNIT_PRICE = 10_000_000_000_000;
/** The highest total of one line and of one sale (100 billion so'm). */
export const MAX_LINE_TOTAL = 10_000_000_000_000;
export const MAX_SALE_TOTAL = 10_000_000_000_000;
/** 100 000 units (or kg) on one line. */
export const MAX_LINE_QTY = 100_000_000;
/** Above 1 000 units on one line the register asks the cashier to confirm. */
export const CONFIRM_LINE_QTY = 1_000_000;
export const MAX_SALE_LINES = 1000;
export const MAX_SALE_PAYMENTS = 10;
/** One cash movement (in or out) of a drawer. */
export const MAX_CASH_MOVE = 10_000_000_000_000;
/** The most events a register may report still waiting in its outbox (years of sales of a busy shop). */
export const MAX_OUTBOX_PENDING = 1_000_000_000;

/**
 * The fiscal module refuses sales once its oldest receipt not acknowledged by the tax server is this old
 * (FISCAL.md: vendors say 1 or 2 days; plan for 24 h). The owner's registers list counts down to it.
 */
export const FISCAL_UNSENT_LIMIT_MS = 24 * 60 * 60 * 1000;
