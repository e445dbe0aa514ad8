// Loaded with `node --import` into a register command, so it runs with its clock TEST_CLOCK_SKEW_MS away from the
// real one: `Date.now()` and `new Date()` both read the skewed clock, as on a PC whose clock is set wrong.
const skew = Number(process.env.TEST_CLOCK_SKEW_MS ?? 0);
const RealDate = globalThis.Date;

class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }

  static now() {
    return RealDate.now() + skew;
  }
}

globalThis.Date = SkewedDate;
