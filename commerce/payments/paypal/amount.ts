/**
 * Amounts as PayPal writes them: `{ currency_code, value }` with `value` a
 * decimal string carrying PayPal's own number of decimals for the
 * currency. PayPal takes JPY, HUF and TWD in whole units only, although
 * ISO 4217 gives HUF and TWD two decimals; every other currency it takes
 * has two.
 *
 * @module
 */
import {
  minorUnitExponent,
  type Money,
  parseMoney,
  toDecimalString,
} from "../../pricing/mod.ts";
import { GatewayRefused } from "../errors.ts";

/** The currencies PayPal takes in whole units only. */
export const PAYPAL_ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  "JPY",
  "HUF",
  "TWD",
]);

/** An amount in PayPal's JSON. */
export interface PayPalAmount {
  currency_code: string;
  value: string;
}

/** How many decimals PayPal writes for `currency` (0 or 2). */
export function paypalDecimals(currency: string): number {
  return PAYPAL_ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
}

/**
 * `money` as PayPal takes it. An amount finer than PayPal's decimals (a
 * forint with fillér) is refused here with {@link GatewayRefused}
 * `DECIMAL_PRECISION`, exactly what PayPal would answer, rather than
 * rounded: the store never charges other than the order's total.
 */
export function toPayPalAmount(money: Money, gateway = "paypal"): PayPalAmount {
  const exponent = minorUnitExponent(money.currency);
  const decimals = paypalDecimals(money.currency);
  if (decimals >= exponent) {
    return { currency_code: money.currency, value: toDecimalString(money) };
  }
  const factor = 10n ** BigInt(exponent - decimals);
  if (money.amount % factor !== 0n) {
    throw new GatewayRefused(gateway, {
      gatewayCode: "DECIMAL_PRECISION",
      message:
        `PayPal takes ${money.currency} with ${decimals} decimals, not '${
          toDecimalString(money)
        }'`,
    });
  }
  const units = money.amount / factor;
  const sign = units < 0n ? "-" : "";
  const digits = (units < 0n ? -units : units).toString().padStart(
    decimals + 1,
    "0",
  );
  return {
    currency_code: money.currency,
    value: decimals === 0
      ? `${sign}${digits}`
      : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`,
  };
}

/**
 * A PayPal amount as exact {@link Money}; throws the pricing module's
 * errors for an unknown currency or a value that is not a decimal.
 */
export function fromPayPalAmount(amount: PayPalAmount): Money {
  return parseMoney(amount.value, amount.currency_code);
}
