/**
 * Presentation rounding: how a converted price is made to look like a price
 * ("¥1,380", "$12.99", "9,95 €"). Rules are per currency, stored in
 * `pricing.rounding_rules` and editable by admins.
 *
 * @module
 */
import { isCurrencyCode, minorUnitExponent } from "./currency.ts";
import { divideRoundHalfAway, pow10 } from "./_decimal.ts";
import { InvalidRoundingRuleError, UnknownCurrencyError } from "./errors.ts";
import type { Money } from "./money.ts";

/**
 * One currency's presentation rule. `increment` is a step in minor units
 * the amount is rounded to (JPY 10: whole tens of yen; 1: no step).
 * `ending`, when set, fixes the amount's last digits in minor units: the
 * result is the smallest amount at or above the value whose last
 * `max(exponent, digits of ending)` minor digits equal `ending` (USD 99 →
 * x.99, EUR 95 → x.95, USD 995 → x9.95, JPY 80 → x80).
 */
export interface RoundingRule {
  currency: string;
  increment: bigint;
  ending: bigint | null;
}

/**
 * The rules a new store starts with (seeded once, never over an admin's
 * edit): yen in whole tens, dollars ending in .99, euros in .95.
 */
export const DEFAULT_ROUNDING_RULES: readonly RoundingRule[] = [
  { currency: "JPY", increment: 10n, ending: null },
  { currency: "USD", increment: 1n, ending: 99n },
  { currency: "EUR", increment: 1n, ending: 95n },
];

/**
 * The largest step and ending a rule may have, in minor units: steps up to
 * 10^4 major units' worth of minor digits (USD 10000 = $100, JPY 10000 =
 * ¥10,000) and endings of at most three digits beyond the minor unit (USD
 * 99999 = x999.99). Anything larger would move a price by more than a shop
 * means to.
 */
export function roundingRuleLimits(
  currency: string,
): { maxIncrement: bigint; maxEnding: bigint } {
  const exponent = minorUnitExponent(currency);
  return {
    maxIncrement: pow10(exponent + 4),
    maxEnding: pow10(exponent + 3) - 1n,
  };
}

/**
 * Check a rule an admin sent: a known currency, an integer `increment`
 * from 1 to the limit and an integer `ending` (or null) from 0 to the limit
 * (see {@link roundingRuleLimits}); the same constraints the
 * `pricing.rounding_rules` table enforces, tightened to sensible sizes.
 * Throws `UnknownCurrencyError` or `InvalidRoundingRuleError` (400).
 */
export function validateRoundingRule(rule: RoundingRule): RoundingRule {
  if (!isCurrencyCode(rule.currency)) {
    throw new UnknownCurrencyError(rule.currency);
  }
  const { maxIncrement, maxEnding } = roundingRuleLimits(rule.currency);
  if (rule.increment < 1n || rule.increment > maxIncrement) {
    throw new InvalidRoundingRuleError(
      `The rounding increment of ${rule.currency} must be from 1 to ${maxIncrement} minor units`,
      { currency: rule.currency, field: "increment", max: `${maxIncrement}` },
    );
  }
  if (rule.ending !== null && (rule.ending < 0n || rule.ending > maxEnding)) {
    throw new InvalidRoundingRuleError(
      `The rounding ending of ${rule.currency} must be from 0 to ${maxEnding} minor units`,
      { currency: rule.currency, field: "ending", max: `${maxEnding}` },
    );
  }
  return rule;
}

/**
 * Apply `rule` to `money`, in two steps: round to the nearest multiple of
 * `increment` (halves up), then raise to the next amount with the rule's
 * `ending` (which wins over the increment when both are set). Zero stays
 * zero (a free item does not become 0.99), a nonzero amount never rounds
 * to zero (it takes one increment instead), and a negative amount is
 * rounded like its magnitude, so a refund mirrors the charge. Throws
 * `TypeError` when the rule is for another currency.
 */
export function applyRounding(money: Money, rule: RoundingRule): Money {
  if (rule.currency !== money.currency) {
    throw new TypeError(
      `Cannot apply the '${rule.currency}' rounding rule to a ${money.currency} amount`,
    );
  }
  if (money.amount === 0n) return money;
  const negative = money.amount < 0n;
  let amount = negative ? -money.amount : money.amount;
  if (rule.increment > 1n) {
    amount = divideRoundHalfAway(amount, rule.increment) * rule.increment;
    if (amount === 0n) amount = rule.increment;
  }
  if (rule.ending !== null) {
    const modulus = pow10(
      Math.max(
        minorUnitExponent(money.currency),
        rule.ending === 0n ? 0 : rule.ending.toString().length,
      ),
    );
    const raised = amount - (amount % modulus) + rule.ending;
    amount = raised >= amount ? raised : raised + modulus;
  }
  return { amount: negative ? -amount : amount, currency: money.currency };
}
