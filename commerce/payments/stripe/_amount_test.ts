import assert from "node:assert/strict";
import { Invalid } from "../../../edge/errors.ts";
import { parseMoney } from "../../pricing/mod.ts";
import { fromStripeAmount, toStripeAmount } from "./_amount.ts";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof Invalid);
    return error.code;
  }
  assert.fail("expected Invalid");
}

Deno.test("`toStripeAmount()` sends minor units: cents, yen, fils", () => {
  assert.deepEqual(toStripeAmount(parseMoney("25.00", "USD")), {
    amount: 2500,
    currency: "usd",
  });
  assert.deepEqual(toStripeAmount(parseMoney("1200", "JPY")), {
    amount: 1200,
    currency: "jpy",
  });
  assert.deepEqual(toStripeAmount(parseMoney("5000", "KRW")), {
    amount: 5000,
    currency: "krw",
  });
  assert.deepEqual(toStripeAmount(parseMoney("12.340", "KWD")), {
    amount: 12340,
    currency: "kwd",
  });
});

Deno.test("`toStripeAmount()` sends ISK with Stripe's two decimals", () => {
  assert.deepEqual(toStripeAmount(parseMoney("990", "ISK")), {
    amount: 99000,
    currency: "isk",
  });
});

Deno.test("`toStripeAmount()` refuses a three-decimal amount not ending in 0", () => {
  for (const currency of ["KWD", "BHD", "JOD", "OMR", "TND"]) {
    assert.equal(
      refusal(() => toStripeAmount(parseMoney("1.005", currency))),
      "amount_not_supported",
    );
  }
});

Deno.test("`toStripeAmount()` refuses zero and amounts too large for a number", () => {
  assert.equal(
    refusal(() => toStripeAmount(parseMoney("0.00", "USD"))),
    "amount_not_supported",
  );
  assert.equal(
    refusal(() => toStripeAmount({ amount: 2n ** 60n, currency: "USD" })),
    "amount_not_supported",
  );
});

Deno.test("`fromStripeAmount()` reads amounts back in the store's minor units", () => {
  assert.deepEqual(fromStripeAmount(2500, "usd"), {
    amount: 2500n,
    currency: "USD",
  });
  assert.deepEqual(fromStripeAmount(1200, "jpy"), {
    amount: 1200n,
    currency: "JPY",
  });
  assert.deepEqual(fromStripeAmount(99000, "isk"), {
    amount: 990n,
    currency: "ISK",
  });
  assert.equal(fromStripeAmount(99050, "isk"), undefined);
  assert.equal(fromStripeAmount(100, "zzz"), undefined);
  assert.equal(fromStripeAmount(-1, "usd"), undefined);
  assert.equal(fromStripeAmount(1.5, "usd"), undefined);
});
