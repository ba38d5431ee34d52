/**
 * Currency conversion with exact rational arithmetic on BigInt, through the
 * rate table's base currency (cross rates), rounded once at the end.
 *
 * @module
 */
import { isCurrencyCode, minorUnitExponent } from "./currency.ts";
import {
  type Decimal,
  DECIMAL_PATTERN,
  divideRoundHalfAway,
  parseDecimal,
  pow10,
  toSignificant,
} from "./_decimal.ts";
import { RateUnavailableError, UnknownCurrencyError } from "./errors.ts";
import type { Money } from "./money.ts";

/** Where one currency's rate came from and how old it is. */
export interface RateProvenance {
  /** The feed's date of the rate (not when the store fetched it). */
  asOf: Date;
  /** The `name` of the rate source ("ecb", "openexchangerates", "snapshot"). */
  source: string;
}

/**
 * A set of exchange rates against one base currency. `rates` maps a
 * currency code to a positive decimal string: units of that currency per 1
 * unit of `base` (the base itself is 1 whether listed or not). `asOf` and
 * `source` describe the table as a whole (its newest snapshot); a table
 * merged from several snapshots lists each currency's own provenance in
 * `entries`, and a currency missing there has the table's.
 */
export interface RateTable {
  base: string;
  rates: ReadonlyMap<string, string>;
  asOf: Date;
  source: string;
  entries?: ReadonlyMap<string, RateProvenance>;
}

/**
 * A rate between two currencies: `rate` units of `to` per 1 unit of `from`
 * (see {@link RATE_SIGNIFICANT_DIGITS}), as old as the older of the two
 * rates it is crossed from (`asOf`, `source` are that one's), unless one of
 * them is an admin's override (source "override"): then it is that one.
 */
export interface RateQuote extends RateProvenance {
  rate: string;
}

/** The result of {@link convert}: the converted money and the rate used. */
export interface Conversion extends RateQuote {
  money: Money;
}

/**
 * Significant digits of the effective rates {@link convert} and
 * {@link rateBetween} report (half-up, trailing zeros dropped: "1.0163",
 * "135.836859195"). Twelve digits keep every rate the feeds publish (ten
 * significant digits at most) exact when from or to is the table's base; a
 * cross rate is a rounded ratio. The rate is informative: converted amounts are computed
 * from the exact ratio, never from this rounded figure.
 */
export const RATE_SIGNIFICANT_DIGITS = 12;

// Parsed rates per table: repricing a catalog converts thousands of prices
// against one table, so each rate string is read once.
const parsed = new WeakMap<RateTable, Map<string, Decimal>>();

function rateOf(table: RateTable, code: string): Decimal {
  if (code === table.base) return { units: 1n, scale: 0 };
  let cache = parsed.get(table);
  if (!cache) parsed.set(table, cache = new Map());
  let rate = cache.get(code);
  if (!rate) {
    const text = table.rates.get(code);
    if (text === undefined) {
      if (!isCurrencyCode(code)) throw new UnknownCurrencyError(code);
      throw new RateUnavailableError(code);
    }
    if (!DECIMAL_PATTERN.test(text) || text.startsWith("-")) {
      throw new RangeError(`The rate of '${code}' is not a positive decimal`);
    }
    rate = parseDecimal(text);
    if (rate.units <= 0n) {
      throw new RangeError(`The rate of '${code}' is not positive`);
    }
    cache.set(code, rate);
  }
  return rate;
}

function provenance(table: RateTable, code: string): RateProvenance {
  if (code === table.base) return { asOf: table.asOf, source: table.source };
  return table.entries?.get(code) ??
    { asOf: table.asOf, source: table.source };
}

/** The `source` of a rate an admin set ("ecb" and the like for a feed's). */
export const OVERRIDE_SOURCE = "override";

// An admin's override decides the rate it is part of, however old the
// other side is: the rate is reported as the override's (when both sides
// are overrides, as the older one's).
function olderOf(table: RateTable, from: string, to: string): RateProvenance {
  const a = provenance(table, from);
  const b = provenance(table, to);
  const aOverride = a.source === OVERRIDE_SOURCE;
  if (aOverride !== (b.source === OVERRIDE_SOURCE)) return aOverride ? a : b;
  return a.asOf.getTime() < b.asOf.getTime() ? a : b;
}

/**
 * Convert `money` into the currency `to` at the rates of `table`, crossing
 * through the table's base when neither side is the base. The arithmetic is
 * an exact BigInt fraction, rounded once to `to`'s minor unit, halves away
 * from zero (0.5 cent up, -0.5 cent down), so converting a refund gives
 * exactly the negative of converting the charge. Throws
 * {@link UnknownCurrencyError} for a code that is not a currency and
 * {@link RateUnavailableError} (503) for one the table has no rate for.
 */
export function convert(
  money: Money,
  to: string,
  table: RateTable,
): Conversion {
  if (!isCurrencyCode(to)) throw new UnknownCurrencyError(to);
  const from = rateOf(table, money.currency);
  const target = rateOf(table, to);
  if (money.currency === to) {
    return { money, rate: "1", ...provenance(table, to) };
  }
  // amount / 10^ef (major units of from) × target / from, in units of
  // 10^-et: every power of ten lands on one side as a non-negative exponent.
  const num = money.amount * target.units *
    pow10(minorUnitExponent(to) + from.scale);
  const den = from.units *
    pow10(minorUnitExponent(money.currency) + target.scale);
  return {
    money: { amount: divideRoundHalfAway(num, den), currency: to },
    rate: ratio(from, target),
    ...olderOf(table, money.currency, to),
  };
}

function ratio(from: Decimal, to: Decimal): string {
  return toSignificant(
    to.units * pow10(from.scale),
    from.units * pow10(to.scale),
    RATE_SIGNIFICANT_DIGITS,
  );
}

/**
 * The rate from one currency to another in `table` (units of `to` per 1
 * `from`, see {@link RATE_SIGNIFICANT_DIGITS}), with its date and source;
 * `null` when the table lacks either currency.
 */
export function rateBetween(
  table: RateTable,
  { from, to }: { from: string; to: string },
): RateQuote | null {
  const known = (code: string) => code === table.base || table.rates.has(code);
  if (!known(from) || !known(to)) return null;
  const rate = from === to
    ? "1"
    : ratio(rateOf(table, from), rateOf(table, to));
  return { rate, ...olderOf(table, from, to) };
}
