import assert from "node:assert/strict";
import { GatewayRefused } from "../errors.ts";
import { fromPayPalAmount, toPayPalAmount } from "./amount.ts";

Deno.test("`toPayPalAmount()` writes two decimals, and none for JPY", () => {
  assert.deepEqual(toPayPalAmount({ amount: 1999n, currency: "USD" }), {
    currency_code: "USD",
    value: "19.99",
  });
  assert.deepEqual(toPayPalAmount({ amount: 5n, currency: "EUR" }), {
    currency_code: "EUR",
    value: "0.05",
  });
  assert.deepEqual(toPayPalAmount({ amount: 5000n, currency: "JPY" }), {
    currency_code: "JPY",
    value: "5000",
  });
});

Deno.test("`toPayPalAmount()` writes HUF and TWD in whole units", () => {
  assert.deepEqual(toPayPalAmount({ amount: 100000n, currency: "HUF" }), {
    currency_code: "HUF",
    value: "1000",
  });
  assert.deepEqual(toPayPalAmount({ amount: 2500n, currency: "TWD" }), {
    currency_code: "TWD",
    value: "25",
  });
});

Deno.test("`toPayPalAmount()` refuses an amount finer than PayPal takes as DECIMAL_PRECISION", () => {
  for (
    const money of [
      { amount: 100050n, currency: "HUF" },
      // A three-decimal currency keeps only what fits two decimals.
      { amount: 1234n, currency: "KWD" },
    ]
  ) {
    assert.throws(
      () => toPayPalAmount(money),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "DECIMAL_PRECISION",
    );
  }
  assert.deepEqual(toPayPalAmount({ amount: 1230n, currency: "KWD" }), {
    currency_code: "KWD",
    value: "1.23",
  });
});

Deno.test("`fromPayPalAmount()` reads PayPal values as exact minor units", () => {
  assert.deepEqual(
    fromPayPalAmount({ currency_code: "USD", value: "3.98" }),
    { amount: 398n, currency: "USD" },
  );
  assert.deepEqual(
    fromPayPalAmount({ currency_code: "HUF", value: "74" }),
    { amount: 7400n, currency: "HUF" },
  );
  assert.deepEqual(
    fromPayPalAmount({ currency_code: "JPY", value: "214" }),
    { amount: 214n, currency: "JPY" },
  );
  assert.throws(() => fromPayPalAmount({ currency_code: "USD", value: "1e3" }));
});
