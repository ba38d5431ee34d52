/**
 * A shopper's price: an explicit price-list entry, else the base price
 * converted at the latest rates and rounded for presentation.
 *
 * @module
 */
import { convert, type RateTable } from "./convert.ts";
import type { Money } from "./money.ts";
import { applyRounding, type RoundingRule } from "./rounding.ts";

/**
 * A price in a shopper's currency and how it was reached: the base price
 * itself, a price-list entry, or a conversion (with the effective rate
 * from the base currency and the date of the rates; `null` otherwise).
 */
export interface PriceQuote {
  money: Money;
  source: "base" | "price_list" | "converted";
  /** Units of the shopper's currency per 1 base unit, when converted. */
  rate: string | null;
  rateAsOf: Date | null;
}

/** What {@link priceIn} prices with. */
export interface PriceOptions {
  /** The latest rates (see `latestRates()`). */
  rates: RateTable;
  /** Presentation rules by currency (see `roundingRules()`). */
  rules: ReadonlyMap<string, RoundingRule>;
  /** The explicit price-list entry for `currency`, when there is one. */
  listPrice?: Money;
}

/**
 * The price of an item whose base price is `base`, in `currency`. In the
 * base currency it is `base` untouched; an explicit `listPrice` wins next
 * (as set, no rounding: an admin chose it); otherwise `base` is converted
 * at `rates` and rounded by the currency's rule, if it has one. Throws
 * `TypeError` for a list price in another currency, and what `convert()`
 * throws for a currency without a rate.
 */
export function priceIn(
  base: Money,
  currency: string,
  { rates, rules, listPrice }: PriceOptions,
): PriceQuote {
  if (currency === base.currency) {
    return { money: base, source: "base", rate: null, rateAsOf: null };
  }
  if (listPrice) {
    if (listPrice.currency !== currency) {
      throw new TypeError(
        `A ${listPrice.currency} list price cannot price '${currency}'`,
      );
    }
    return {
      money: listPrice,
      source: "price_list",
      rate: null,
      rateAsOf: null,
    };
  }
  const converted = convert(base, currency, rates);
  const rule = rules.get(currency);
  return {
    money: rule ? applyRounding(converted.money, rule) : converted.money,
    source: "converted",
    rate: converted.rate,
    rateAsOf: converted.asOf,
  };
}
