import assert from "node:assert/strict";
import {
  applyRounding,
  InvalidRoundingRuleError,
  type Money,
  type RoundingRule,
  roundingRuleLimits,
  UnknownCurrencyError,
  validateRoundingRule,
} from "./mod.ts";

const rule = (
  currency: string,
  increment: bigint,
  ending: bigint | null = null,
): RoundingRule => ({ currency, increment, ending });
const amounts = (currency: string, rounding: RoundingRule, list: bigint[]) =>
  list.map((amount) => applyRounding({ amount, currency }, rounding).amount);

Deno.test("applyRounding() rounds to the nearest increment, halves up", () => {
  assert.deepEqual(
    amounts("JPY", rule("JPY", 10n), [13584n, 13585n, 13580n, 13589n, 5n]),
    [13580n, 13590n, 13580n, 13590n, 10n],
  );
  assert.deepEqual(
    amounts("CHF", rule("CHF", 5n), [1232n, 1233n, 1237n, 1238n]),
    [1230n, 1235n, 1235n, 1240n],
  );
});

Deno.test("applyRounding() raises to the smallest amount with the ending", () => {
  // USD 99: 12.30 → 12.99, 12.99 stays, 13.00 → 13.99.
  assert.deepEqual(
    amounts("USD", rule("USD", 1n, 99n), [1230n, 1299n, 1300n, 1n]),
    [1299n, 1299n, 1399n, 99n],
  );
  // EUR 95: 9.95 stays, 9.96 → 10.95.
  assert.deepEqual(
    amounts("EUR", rule("EUR", 1n, 95n), [995n, 996n, 950n]),
    [995n, 1095n, 995n],
  );
  // Endings longer than the exponent fix more digits: x9.95, ¥x80.
  assert.deepEqual(
    amounts("USD", rule("USD", 1n, 995n), [1230n, 1995n, 1996n]),
    [1995n, 1995n, 2995n],
  );
  assert.deepEqual(
    amounts("JPY", rule("JPY", 1n, 80n), [1380n, 1381n, 79n]),
    [1380n, 1480n, 80n],
  );
  // Ending 0 rounds up to whole units.
  assert.deepEqual(
    amounts("USD", rule("USD", 1n, 0n), [1201n, 1200n]),
    [1300n, 1200n],
  );
});

Deno.test("applyRounding() applies the increment, then the ending", () => {
  assert.deepEqual(
    amounts("USD", rule("USD", 50n, 99n), [1224n, 1226n]),
    [1299n, 1299n],
  );
});

Deno.test("applyRounding() keeps zero and mirrors negative amounts", () => {
  const usd99 = rule("USD", 1n, 99n);
  assert.deepEqual(amounts("USD", usd99, [0n, -1230n]), [0n, -1299n]);
  assert.deepEqual(amounts("JPY", rule("JPY", 10n), [-13585n]), [-13590n]);
});

Deno.test("applyRounding() refuses another currency's rule", () => {
  const money: Money = { amount: 1n, currency: "USD" };
  assert.throws(() => applyRounding(money, rule("EUR", 1n, 95n)), TypeError);
});

Deno.test("validateRoundingRule() keeps rules within the currency's limits", () => {
  assert.deepEqual(roundingRuleLimits("JPY"), {
    maxIncrement: 10_000n,
    maxEnding: 999n,
  });
  assert.deepEqual(roundingRuleLimits("KWD"), {
    maxIncrement: 10_000_000n,
    maxEnding: 999_999n,
  });
  for (const ok of [rule("USD", 1n, 99n), rule("JPY", 10n), rule("USD", 5n)]) {
    assert.equal(validateRoundingRule(ok), ok);
  }
  for (
    const [bad, field] of [
      [rule("JPY", 0n), "increment"],
      [rule("JPY", 10_001n), "increment"],
      [rule("USD", 1n, 100_000n), "ending"],
      [rule("USD", 1n, -1n), "ending"],
    ] as const
  ) {
    assert.throws(
      () => validateRoundingRule(bad),
      (error: unknown) =>
        error instanceof InvalidRoundingRuleError && error.field === field,
    );
  }
  assert.throws(
    () => validateRoundingRule(rule("XYZ", 1n)),
    UnknownCurrencyError,
  );
});
