import assert from "node:assert/strict";
import {
  DEFAULT_ROUNDING_RULES,
  type Money,
  priceIn,
  type RateTable,
  RateUnavailableError,
} from "./mod.ts";

const rates: RateTable = {
  base: "EUR",
  rates: new Map([["USD", "1.0163"], ["JPY", "138.05"], ["GBP", "0.84585"]]),
  asOf: new Date("2022-07-08T00:00:00Z"),
  source: "ecb",
};
const rules = new Map(
  DEFAULT_ROUNDING_RULES.map((rule) => [rule.currency, rule]),
);
const base: Money = { amount: 4990n, currency: "USD" };

Deno.test("priceIn() returns the base price untouched in the base currency", () => {
  assert.deepEqual(priceIn(base, "USD", { rates, rules }), {
    money: base,
    source: "base",
    rate: null,
    rateAsOf: null,
  });
});

Deno.test("priceIn() prefers an explicit price-list entry", () => {
  const listPrice: Money = { amount: 4500n, currency: "EUR" };
  assert.deepEqual(priceIn(base, "EUR", { rates, rules, listPrice }), {
    money: listPrice,
    source: "price_list",
    rate: null,
    rateAsOf: null,
  });
  assert.throws(
    () => priceIn(base, "JPY", { rates, rules, listPrice }),
    TypeError,
  );
});

Deno.test("priceIn() converts and applies the currency's rounding rule", () => {
  // 49.90 USD → 49.0996… EUR → 49.10 → 49.95 (EUR ends in 95).
  const euro = priceIn(base, "EUR", { rates, rules });
  assert.deepEqual(euro.money, { amount: 4995n, currency: "EUR" });
  assert.equal(euro.source, "converted");
  assert.equal(euro.rate, "0.983961428712");
  assert.equal(euro.rateAsOf?.toISOString(), "2022-07-08T00:00:00.000Z");
  // 49.90 USD → ¥6778.21… → ¥6778 → ¥6780 (whole tens).
  assert.deepEqual(priceIn(base, "JPY", { rates, rules }).money, {
    amount: 6780n,
    currency: "JPY",
  });
  // No rule for GBP: the converted amount as is (41.53).
  assert.deepEqual(priceIn(base, "GBP", { rates, rules }).money, {
    amount: 4153n,
    currency: "GBP",
  });
});

Deno.test("priceIn() fails with RateUnavailableError when no rate reaches the currency", () => {
  assert.throws(
    () => priceIn(base, "CHF", { rates, rules }),
    RateUnavailableError,
  );
});
