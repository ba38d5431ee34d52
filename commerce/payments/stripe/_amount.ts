/**
 * Money to and from Stripe's integer `amount`. Stripe counts in the
 * currency's smallest unit, which for almost every currency is the ISO 4217
 * minor unit the store keeps (`Money.amount`): cents for USD, yen for JPY
 * (a zero-decimal currency), thousandths for KWD. Two rules differ:
 *
 * - three-decimal currencies (BHD, JOD, KWD, OMR, TND) are sent in
 *   thousandths but Stripe requires the last digit to be 0, so an amount
 *   like 12.345 KWD cannot be charged and is refused before any call;
 * - ISK is zero-decimal in ISO 4217 but Stripe wants it with two decimals
 *   (always `00`).
 *
 * @module
 */
import { Invalid } from "../../../edge/errors.ts";
import {
  isCurrencyCode,
  minorUnitExponent,
  type Money,
  toDecimalString,
} from "../../pricing/mod.ts";

// Currencies whose Stripe exponent is not the ISO one.
const STRIPE_EXPONENT: Readonly<Record<string, number>> = { ISK: 2 };

/**
 * The `amount` and lowercase `currency` Stripe takes for `money`. Throws
 * `Invalid` (`amount_not_supported`) for a three-decimal amount whose last
 * digit is not 0 and for an amount that is not positive or too large to
 * send as a number.
 */
export function toStripeAmount(
  money: Money,
): { amount: number; currency: string } {
  const iso = minorUnitExponent(money.currency);
  const stripe = STRIPE_EXPONENT[money.currency] ?? iso;
  const amount = money.amount * 10n ** BigInt(Math.max(stripe - iso, 0));
  const unsupported = (why: string) =>
    new Invalid(
      `Stripe cannot charge ${
        toDecimalString(money)
      } ${money.currency}: ${why}`,
      {
        code: "amount_not_supported",
        details: {
          amount: toDecimalString(money),
          currency: money.currency,
        },
      },
    );
  if (amount <= 0n) throw unsupported("the amount must be positive");
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw unsupported("the amount is too large");
  }
  if (iso === 3 && amount % 10n !== 0n) {
    throw unsupported("three-decimal amounts must end in 0");
  }
  return { amount: Number(amount), currency: money.currency.toLowerCase() };
}

/**
 * The {@link Money} of a Stripe `amount` in `currency` (any case). Returns
 * `undefined` for a currency this runtime does not know or an amount that
 * is not a non-negative whole number of the store's minor units.
 */
export function fromStripeAmount(
  amount: number,
  currency: string,
): Money | undefined {
  const code = currency.toUpperCase();
  if (!isCurrencyCode(code) || !Number.isSafeInteger(amount) || amount < 0) {
    return undefined;
  }
  const iso = minorUnitExponent(code);
  const scale = 10n **
    BigInt(Math.max((STRIPE_EXPONENT[code] ?? iso) - iso, 0));
  const units = BigInt(amount);
  if (units % scale !== 0n) return undefined;
  return { amount: units / scale, currency: code };
}
