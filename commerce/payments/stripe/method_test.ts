import assert from "node:assert/strict";
import { InvalidPaymentMethod } from "../errors.ts";
import { parseStripeMethod } from "./method.ts";

Deno.test("`parseStripeMethod()` defaults to the Payment Element", () => {
  assert.deepEqual(parseStripeMethod(undefined), { type: "payment_element" });
  assert.deepEqual(parseStripeMethod(null), { type: "payment_element" });
  assert.deepEqual(parseStripeMethod({ type: "payment_element" }), {
    type: "payment_element",
  });
});

Deno.test("`parseStripeMethod()` takes a PaymentMethod id", () => {
  assert.deepEqual(
    parseStripeMethod({
      type: "payment_method",
      paymentMethod: "pm_card_visa",
    }),
    { type: "payment_method", paymentMethod: "pm_card_visa" },
  );
});

Deno.test("`parseStripeMethod()` rejects other shapes with InvalidPaymentMethod", () => {
  for (
    const input of [
      "pm_card_visa",
      { type: "card", number: "4242424242424242" },
      { type: "payment_method" },
      { type: "payment_method", paymentMethod: "card_123" },
      { type: "payment_method", paymentMethod: "pm_<script>" },
      { type: "payment_element", extra: true },
    ]
  ) {
    assert.throws(
      () => parseStripeMethod(input),
      (error) =>
        error instanceof InvalidPaymentMethod &&
        error.code === "invalid_payment_method" && error.status === 400,
      JSON.stringify(input),
    );
  }
});
