/**
 * The adapter against a Stripe-compatible mock server (stripe-mock, with
 * `sk_test_123`): set `STRIPE_MOCK_URL` (e.g. `http://localhost:12111`)
 * to run it. The mock answers fixtures, so only the shapes are checked.
 */
import assert from "node:assert/strict";
import { parseMoney } from "../../pricing/mod.ts";
import { paymentRequest, STORE_URL } from "./_test_util.ts";
import { StripeGateway } from "./gateway.ts";

const MOCK_URL = Deno.env.get("STRIPE_MOCK_URL");
if (!MOCK_URL) {
  console.log("Skipping the stripe-mock test: STRIPE_MOCK_URL is not set");
}

Deno.test({
  name:
    "`StripeGateway` creates a PaymentIntent and a refund on a Stripe-compatible mock",
  ignore: !MOCK_URL,
  async fn() {
    const gateway = new StripeGateway({
      secretKey: "sk_test_123",
      publishableKey: "pk_test_123",
      webhookSecret: "whsec_test",
      publicUrl: STORE_URL,
      apiUrl: MOCK_URL,
    });
    const request = paymentRequest();
    const payment = await gateway.createPayment(request);
    assert.match(payment.gatewayTransactionId, /^pi_/);
    assert.equal(payment.status, "requires_action");
    assert.equal(payment.nextAction?.type, "confirm_in_browser");
    const refund = await gateway.refund({
      gatewayTransactionId: payment.gatewayTransactionId,
      paymentReference: request.reference,
      captured: request.amount,
      amount: parseMoney("5.00", "USD"),
      reference: crypto.randomUUID(),
    });
    assert.match(refund.gatewayTransactionId, /^re_/);
    assert.ok(["succeeded", "processing", "failed"].includes(refund.status));
  },
});
