/**
 * Money: integer minor units plus an ISO 4217 code, read from and written to
 * decimal strings exactly (never through a float), and formatted for
 * shoppers with `Intl.NumberFormat`.
 *
 * @module
 */
import { isCurrencyCode, minorUnitExponent } from "./currency.ts";
import { formatDecimal, pow10 } from "./_decimal.ts";
import { InvalidAmountError, UnknownCurrencyError } from "./errors.ts";

/**
 * An exact amount of money: `amount` minor units (cents for USD, yen for
 * JPY, fils for KWD, per {@link minorUnitExponent}) of the ISO 4217
 * `currency`. Values are plain data; treat them as immutable.
 */
export interface Money {
  readonly amount: bigint;
  readonly currency: string;
}

/**
 * A price as every API returns it: the exact decimal amount as a string,
 * the currency code, and the amount formatted for the request's locale.
 */
export interface MoneyView {
  /** Exact decimal, with the currency's minor digits ("12.30", "1200"). */
  amount: string;
  currency: string;
  /** For display only ("$12.30", "12,30 €", "￥1,200"). */
  formatted: string;
}

// Longer input is junk, not money, and would only cost BigInt work.
const MAX_INPUT_LENGTH = 40;
const UNSIGNED = /^(\d+)(?:\.(\d+))?$/;

/**
 * Read a decimal string ("12.30", "1200", "0.5") as {@link Money} in
 * `currency`, exactly. Fraction digits beyond the currency's exponent are
 * accepted only when they are zeros ("1200.00" is 1200 yen, as a fixed-scale
 * `NUMERIC` column returns it; "12.345" is not a USD amount). Signs,
 * exponents, separators, spaces and empty parts are rejected unless
 * `signed` allows a leading minus. Throws {@link InvalidAmountError} (400
 * `invalid_amount`) or {@link UnknownCurrencyError} (400 `unknown_currency`).
 */
export function parseMoney(
  decimal: string,
  currency: string,
  { signed = false }: { signed?: boolean } = {},
): Money {
  if (!isCurrencyCode(currency)) throw new UnknownCurrencyError(currency);
  const negative = signed && decimal.startsWith("-");
  const unsigned = negative ? decimal.slice(1) : decimal;
  const match = decimal.length <= MAX_INPUT_LENGTH && UNSIGNED.exec(unsigned);
  if (!match) {
    throw new InvalidAmountError(decimal, {
      currency,
      reason: signed
        ? "expected a decimal such as '12.30' or '-12.30'"
        : "expected a decimal such as '12.30'",
    });
  }
  const exponent = minorUnitExponent(currency);
  const [, whole, fraction = ""] = match;
  const kept = fraction.slice(0, exponent);
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new InvalidAmountError(decimal, {
      currency,
      reason: exponent === 0
        ? `${currency} has no minor unit`
        : `${currency} has ${exponent} decimal places`,
    });
  }
  const amount = BigInt(whole) * pow10(exponent) +
    BigInt(kept.padEnd(exponent, "0") || "0");
  return { amount: negative ? -amount : amount, currency };
}

/**
 * The exact decimal string of `money` with exactly the currency's minor
 * digits: "12.30" (USD), "1200" (JPY), "1.234" (KWD), "-0.50".
 */
export function toDecimalString(money: Money): string {
  return formatDecimal(money.amount, minorUnitExponent(money.currency));
}

// Building an Intl.NumberFormat costs far more than using one. Locales and
// currencies come from small fixed sets, but the map is bounded anyway so
// no caller can grow it without limit.
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 1000;

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    const exponent = minorUnitExponent(currency);
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/**
 * Format `money` for a shopper reading `locale` ("$12.30" in en, "12,30 €"
 * in de). The exact decimal string is what `Intl.NumberFormat` receives, so
 * amounts beyond 2^53 minor units print exactly too. For display only:
 * APIs also return the exact amount (see {@link moneyView}).
 */
export function formatMoney(money: Money, locale: string): string {
  // Intl.NumberFormat formats decimal strings exactly (ES2023); the lib's
  // signature only lists number and bigint.
  return formatter(locale, money.currency).format(
    toDecimalString(money) as unknown as number,
  );
}

/**
 * The JSON shape of a price in every API response: `{ amount: "12.30",
 * currency: "USD", formatted: "$12.30" }`, formatted for `locale`.
 */
export function moneyView(money: Money, locale: string): MoneyView {
  return {
    amount: toDecimalString(money),
    currency: money.currency,
    formatted: formatMoney(money, locale),
  };
}
