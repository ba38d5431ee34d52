/**
 * Which gateway may take which market: the per-market payment-method rules,
 * in one table. A quote offers (and `processPayment` accepts) a gateway
 * only where its rule allows the order's currency and ship-to country, and
 * its circuit is closed.
 *
 * The lists are the gateways' own published limits, narrowed by what this
 * store can settle: Alipay and WeChat Pay are the way Chinese shoppers pay
 * in yuan, so CNY goes to them alone (a Stripe or PayPal merchant account
 * outside China cannot settle CNY cards for Chinese shoppers); Stripe takes
 * its presentment currencies; PayPal the currencies it accepts for
 * payments.
 *
 * @module
 */

/** A market: the order's currency and ship-to country (ISO codes). */
export interface Market {
  currency: string;
  country: string;
}

/** A gateway's rule: the currencies it takes, and countries it refuses. */
export interface MarketRule {
  currencies: ReadonlySet<string>;
  /** Countries it never takes (sanctions, or another gateway's market). */
  excludedCountries?: ReadonlySet<string>;
}

/** The rules of the real gateways, by gateway name. */
export const MARKET_RULES: Readonly<Record<string, MarketRule>> = {
  // Stripe's presentment currencies this store sells in, and more. Not
  // the three-decimal dinars (KWD, BHD, JOD, OMR): Stripe takes only
  // amounts ending in 0 there, and an exact total rarely does.
  stripe: {
    currencies: new Set([
      "USD",
      "EUR",
      "GBP",
      "JPY",
      "AED",
      "CAD",
      "AUD",
      "CHF",
      "INR",
      "SEK",
      "NOK",
      "DKK",
      "PLN",
      "CZK",
      "HUF",
      "NZD",
      "SGD",
      "HKD",
      "MXN",
      "BRL",
      "KRW",
      "ZAR",
    ]),
    excludedCountries: new Set(["CN", "CU", "IR", "KP", "SY"]),
  },
  // PayPal's payment currencies (no INR cross-border, no Gulf dinars).
  paypal: {
    currencies: new Set([
      "AUD",
      "BRL",
      "CAD",
      "CZK",
      "DKK",
      "EUR",
      "HKD",
      "HUF",
      "ILS",
      "JPY",
      "MYR",
      "MXN",
      "TWD",
      "NZD",
      "NOK",
      "PHP",
      "PLN",
      "GBP",
      "SGD",
      "SEK",
      "CHF",
      "THB",
      "USD",
    ]),
    excludedCountries: new Set(["CN", "CU", "IR", "KP", "SY"]),
  },
  alipay: { currencies: new Set(["CNY"]) },
  wechat: { currencies: new Set(["CNY"]) },
};

/** Whether `rule` lets a gateway take `market`. */
export function allowsMarket(rule: MarketRule, market: Market): boolean {
  return rule.currencies.has(market.currency) &&
    !rule.excludedCountries?.has(market.country);
}
