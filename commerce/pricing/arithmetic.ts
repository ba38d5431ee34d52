/**
 * Arithmetic on {@link Money}: sums, multiples and tax, all in exact minor
 * units. Mixing currencies is a programming error and throws `TypeError`.
 *
 * @module
 */
import {
  DECIMAL_PATTERN,
  divideRoundHalfAway,
  parseDecimal,
  pow10,
} from "./_decimal.ts";
import type { Money } from "./money.ts";

/** Zero in `currency`. */
export function zeroMoney(currency: string): Money {
  return { amount: 0n, currency };
}

/** The sum of `amounts`, all in `currency` (zero when there are none). */
export function sumMoney(currency: string, amounts: readonly Money[]): Money {
  let total = 0n;
  for (const money of amounts) {
    sameCurrency(money, currency);
    total += money.amount;
  }
  return { amount: total, currency };
}

/** `a - b`, same currency; may be negative. */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(b, a.currency);
  return { amount: a.amount - b.amount, currency: a.currency };
}

/** `money × quantity` for a whole quantity. */
export function multiplyMoney(money: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new TypeError(`Cannot multiply money by ${quantity}`);
  }
  return { amount: money.amount * BigInt(quantity), currency: money.currency };
}

/**
 * `money` in another currency at the ratio an order was priced with:
 * `money × to / from`, in `to`'s currency, rounded to its minor unit,
 * halves away from zero. A refund of part of an order, in the base
 * currency: `prorate(refund, { from: order.total, to: order.baseTotal })`.
 */
export function prorate(
  money: Money,
  { from, to }: { from: Money; to: Money },
): Money {
  sameCurrency(money, from.currency);
  if (from.amount === 0n) return zeroMoney(to.currency);
  return {
    amount: divideRoundHalfAway(money.amount * to.amount, from.amount),
    currency: to.currency,
  };
}

/** Whether two amounts are the same money (amount and currency). */
export function equalMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

/**
 * The tax a net amount adds at `rate` (a decimal fraction such as
 * "0.0725"): `net × rate`, rounded to the currency's minor unit, halves
 * away from zero. US sales tax, Canadian GST/HST.
 */
export function taxOnNet(net: Money, rate: string): Money {
  const { units, scale } = rateOf(rate);
  return {
    amount: divideRoundHalfAway(net.amount * units, pow10(scale)),
    currency: net.currency,
  };
}

/**
 * The tax contained in a gross amount at `rate`: `gross × rate / (1 +
 * rate)`, rounded to the minor unit, halves away from zero. VAT and GST
 * where shelf prices include them (EU, UK, Australia, Japan).
 */
export function taxInGross(gross: Money, rate: string): Money {
  const { units, scale } = rateOf(rate);
  return {
    amount: divideRoundHalfAway(gross.amount * units, pow10(scale) + units),
    currency: gross.currency,
  };
}

function rateOf(rate: string) {
  if (!DECIMAL_PATTERN.test(rate) || rate.startsWith("-")) {
    throw new RangeError(`Not a tax rate: '${rate}' (expected e.g. '0.19')`);
  }
  return parseDecimal(rate);
}

function sameCurrency(money: Money, currency: string): void {
  if (money.currency !== currency) {
    throw new TypeError(
      `Cannot mix ${money.currency} into ${currency} amounts`,
    );
  }
}
