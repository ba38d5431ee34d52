/**
 * Pricing: exact money, currencies, exchange rates and shopper prices. All
 * money math in the store lives here; other modules import only this file.
 *
 * - Money is integer minor units plus an ISO 4217 code, read from decimal
 *   strings exactly (`parseMoney`) and written back the same way
 *   (`toDecimalString`, `moneyView`).
 * - Rates are decimal strings in a `RateTable`; `convert` crosses them
 *   exactly through the table's base and rounds once, halves away from
 *   zero.
 * - `priceIn` picks a shopper's price: base, price list, or converted and
 *   rounded by the currency's presentation rule.
 * - Rates come from a `RateSource` (ECB, Open Exchange Rates) through
 *   `updateRates`, and are stored per snapshot in `pricing.exchange_rates`;
 *   an admin's override (`putRateOverride`) replaces one currency's rate
 *   until it expires.
 *
 * @module
 */
export { isCurrencyCode, minorUnitExponent } from "./currency.ts";
export {
  formatMoney,
  type Money,
  type MoneyView,
  moneyView,
  parseMoney,
  toDecimalString,
} from "./money.ts";
export {
  type Conversion,
  convert,
  OVERRIDE_SOURCE,
  RATE_SIGNIFICANT_DIGITS,
  rateBetween,
  type RateProvenance,
  type RateQuote,
  type RateTable,
} from "./convert.ts";
export {
  applyRounding,
  DEFAULT_ROUNDING_RULES,
  type RoundingRule,
  roundingRuleLimits,
  validateRoundingRule,
} from "./rounding.ts";
export { priceIn, type PriceOptions, type PriceQuote } from "./price.ts";
export {
  CircuitOpenError,
  InvalidAmountError,
  InvalidRateError,
  InvalidRateOverrideError,
  InvalidRoundingRuleError,
  RateFeedError,
  RateUnavailableError,
  UnknownCurrencyError,
} from "./errors.ts";
export {
  roundingRules,
  seedPricing,
  seedRoundingRules,
  setRoundingRule,
} from "./queries.ts";
export {
  ECB_RATES_URL,
  ecbSource,
  OPEN_EXCHANGE_RATES_URL,
  openExchangeRatesSource,
  parseEcbXml,
  parseOpenExchangeRatesJson,
  type RateSource,
} from "./rates/sources.ts";
export {
  feedRates,
  forgetLatestRates,
  latestRates,
  type RatesCache,
  seedRates,
  snapshotRates,
  storeRates,
} from "./rates/queries.ts";
export {
  activeRateOverrides,
  applyRateOverrides,
  deleteExpiredRateOverrides,
  deleteRateOverride,
  MAX_OVERRIDE_DAYS,
  parseRate,
  putRateOverride,
  type RateOverride,
  UNIT_OF_ACCOUNT,
} from "./rates/overrides.ts";
export { CircuitBreaker } from "../../edge/resilience.ts";
export {
  updateRates,
  type UpdateRatesOptions,
  type UpdateRatesResult,
} from "./rates/update.ts";
export {
  equalMoney,
  multiplyMoney,
  prorate,
  subtractMoney,
  sumMoney,
  taxInGross,
  taxOnNet,
  zeroMoney,
} from "./arithmetic.ts";
/**
 * A decimal string without trailing fraction zeros ("0.190000" → "0.19"),
 * for rates read from fixed-scale `NUMERIC` columns.
 */
export { trimZeros } from "./_decimal.ts";
