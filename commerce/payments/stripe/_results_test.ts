import assert from "node:assert/strict";
import Stripe from "stripe";
import { GatewayRefused, GatewayTransientError } from "../errors.ts";
import {
  cancelOutcome,
  gatewayFailure,
  paymentResult,
  refundResult,
} from "./_results.ts";

const PK = "pk_test_123";

function intent(fields: Record<string, unknown>): Stripe.PaymentIntent {
  return {
    id: "pi_1",
    object: "payment_intent",
    client_secret: "pi_1_secret_x",
    last_payment_error: null,
    next_action: null,
    cancellation_reason: null,
    ...fields,
  } as unknown as Stripe.PaymentIntent;
}

function serverSide(fields: Record<string, unknown>) {
  return paymentResult(intent(fields), {
    mode: "payment_method",
    publishableKey: PK,
  });
}

Deno.test("`paymentResult()` maps server-side PaymentIntent statuses", () => {
  assert.equal(serverSide({ status: "succeeded" }).status, "succeeded");
  for (
    const status of ["processing", "requires_capture", "requires_confirmation"]
  ) {
    assert.equal(serverSide({ status }).status, "processing", status);
  }
  const canceled = serverSide({
    status: "canceled",
    cancellation_reason: "abandoned",
  });
  assert.equal(canceled.status, "failed");
  assert.equal(canceled.failureCode, "abandoned");
  const retry = serverSide({
    status: "requires_payment_method",
    last_payment_error: { code: "card_declined", decline_code: "do_not_honor" },
  });
  assert.equal(retry.status, "failed");
  assert.equal(retry.failureCode, "do_not_honor");
});

Deno.test("`paymentResult()` makes redirect_to_url a redirect and use_stripe_sdk a browser confirm", () => {
  const redirect = serverSide({
    status: "requires_action",
    next_action: {
      type: "redirect_to_url",
      redirect_to_url: {
        url: "https://hooks.stripe.test/3ds",
        return_url: "x",
      },
    },
  });
  assert.deepEqual(redirect.nextAction, {
    type: "redirect",
    url: "https://hooks.stripe.test/3ds",
  });
  const sdk = serverSide({
    status: "requires_action",
    next_action: { type: "use_stripe_sdk", use_stripe_sdk: {} },
  });
  assert.equal(sdk.status, "requires_action");
  assert.deepEqual(sdk.nextAction, {
    type: "confirm_in_browser",
    clientSecret: "pi_1_secret_x",
    publishableKey: PK,
  });
});

Deno.test("`paymentResult()` with the Payment Element leaves confirming to the browser", () => {
  const result = paymentResult(intent({ status: "requires_payment_method" }), {
    mode: "payment_element",
    publishableKey: PK,
  });
  assert.equal(result.status, "requires_action");
  assert.equal(result.nextAction?.type, "confirm_in_browser");
  assert.equal(result.raw.id, "pi_1");
});

Deno.test("`refundResult()` maps refund statuses", () => {
  const refund = (fields: Record<string, unknown>) =>
    refundResult({ id: "re_1", ...fields } as unknown as Stripe.Refund);
  assert.equal(refund({ status: "succeeded" }).status, "succeeded");
  assert.equal(refund({ status: "pending" }).status, "processing");
  assert.equal(refund({ status: "requires_action" }).status, "processing");
  const failed = refund({
    status: "failed",
    failure_reason: "lost_or_stolen_card",
  });
  assert.equal(failed.status, "failed");
  assert.equal(failed.failureCode, "lost_or_stolen_card");
  assert.equal(refund({ status: "canceled" }).failureCode, "canceled");
});

Deno.test("`cancelOutcome()` counts processing as paid and open statuses as undecided", () => {
  assert.equal(cancelOutcome("canceled"), "cancelled");
  assert.equal(cancelOutcome("succeeded"), "already_paid");
  assert.equal(cancelOutcome("processing"), "already_paid");
  for (
    const status of [
      "requires_payment_method",
      "requires_confirmation",
      "requires_action",
      "requires_capture",
    ]
  ) {
    assert.equal(cancelOutcome(status), undefined, status);
  }
});

Deno.test("`gatewayFailure()` sorts SDK errors into transient and refused", () => {
  const errors = Stripe.errors;
  const transient = [
    new errors.StripeConnectionError({ message: "down" }),
    new errors.StripeAPIError({ statusCode: 502, message: "bad gateway" }),
    new errors.StripeAPIError({ statusCode: 409, message: "in progress" }),
    new errors.StripeAPIError({ message: "Invalid JSON received" }),
    new errors.StripeRateLimitError({ statusCode: 429, code: "rate_limit" }),
  ];
  for (const error of transient) {
    assert.ok(gatewayFailure("stripe", error) instanceof GatewayTransientError);
  }
  const refused = gatewayFailure(
    "stripe",
    new errors.StripeInvalidRequestError({
      statusCode: 400,
      code: "amount_too_large",
      message: "Refund amount is greater than unrefunded amount",
    }),
  );
  assert.ok(refused instanceof GatewayRefused);
  assert.equal(refused.gatewayCode, "amount_too_large");
  assert.equal(refused.status, 502);
  const auth = gatewayFailure(
    "stripe",
    new errors.StripeAuthenticationError({
      statusCode: 401,
      type: "invalid_request_error",
    }),
  );
  assert.ok(auth instanceof GatewayRefused);
  assert.equal(auth.gatewayCode, "invalid_request_error");
  const bug = new TypeError("a bug");
  assert.equal(gatewayFailure("stripe", bug), bug);
});
