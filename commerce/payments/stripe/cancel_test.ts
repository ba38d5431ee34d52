import assert from "node:assert/strict";
import { GatewayRefused, GatewayTransientError } from "../errors.ts";
import type { CreatePaymentResult } from "../gateway.ts";
import type { FakeStripe } from "./_fake.ts";
import {
  onlyWebhook,
  paymentRequest,
  STORE_URL,
  webhookRequest,
  withStripe,
} from "./_test_util.ts";
import { StripeGateway } from "./gateway.ts";

const VISA = { type: "payment_method", paymentMethod: "pm_card_visa" };
const THREE_D_SECURE = {
  type: "payment_method",
  paymentMethod: "pm_card_threeDSecure2Required",
};

// A Payment Element attempt waiting for the shopper, and how to close it.
async function waiting(gateway: StripeGateway) {
  const request = paymentRequest();
  const result = await gateway.createPayment(request);
  const cancel = () =>
    gateway.cancel({
      gatewayTransactionId: result.gatewayTransactionId,
      reference: request.reference,
    });
  return { request, result, cancel };
}

// What Stripe.js does with the client secret when the shopper pays.
function confirmInBrowser(
  fake: FakeStripe,
  result: CreatePaymentResult,
): Promise<Response> {
  const intent = fake.paymentIntent(result.gatewayTransactionId)!;
  return fetch(`${fake.url}/v1/payment_intents/${intent.id}/confirm`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${fake.publishableKey}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      payment_method: "pm_card_visa",
      client_secret: intent.client_secret,
    }),
  });
}

Deno.test("`cancel()` closes a Payment Element attempt: the browser can no longer pay it", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { request, result, cancel } = await waiting(gateway);
    assert.equal(await cancel(), "cancelled");
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.method, "POST");
    assert.equal(
      sent.path,
      `/v1/payment_intents/${result.gatewayTransactionId}/cancel`,
    );
    assert.equal(sent.idempotencyKey, `cancel-${request.reference}`);
    assert.deepEqual(sent.params, { cancellation_reason: "abandoned" });
    const intent = fake.paymentIntent(result.gatewayTransactionId)!;
    assert.equal(intent.status, "canceled");
    assert.equal(intent.cancellation_reason, "abandoned");

    const confirmed = await confirmInBrowser(fake, result);
    assert.equal(confirmed.status, 400);
    assert.equal(
      (await confirmed.json()).error.code,
      "payment_intent_unexpected_state",
    );
    assert.equal(fake.webhooksOf("payment_intent.succeeded").length, 0);

    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.canceled")),
    );
    assert.equal(event?.type, "payment.failed");
    assert.equal(event?.failureCode, "canceled");
    assert.equal(event?.gatewayTransactionId, result.gatewayTransactionId);
    assert.equal(event?.reference, request.reference);
  });
});

Deno.test("`cancel()` closes a 3-D Secure attempt: the bank's page refuses it", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest({ method: THREE_D_SECURE });
    const result = await gateway.createPayment(request);
    const url = result.nextAction?.type === "redirect"
      ? result.nextAction.url
      : assert.fail("expected a redirect");
    assert.equal(
      await gateway.cancel({
        gatewayTransactionId: result.gatewayTransactionId,
        reference: request.reference,
      }),
      "cancelled",
    );
    const answered = await fetch(url, {
      method: "POST",
      body: new URLSearchParams({ outcome: "complete" }),
      redirect: "manual",
    });
    await answered.body?.cancel();
    assert.equal(answered.status, 409);
    await assert.rejects(
      fake.completeChallenge(result.gatewayTransactionId, "complete"),
    );
    assert.equal(
      fake.paymentIntent(result.gatewayTransactionId)?.status,
      "canceled",
    );
  });
});

Deno.test("`cancel()` twice, or of an attempt canceled elsewhere, answers cancelled", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const first = await waiting(gateway);
    assert.equal(await first.cancel(), "cancelled");
    // The same key: Stripe replays its first answer.
    assert.equal(await first.cancel(), "cancelled");
    assert.equal(fake.webhooksOf("payment_intent.canceled").length, 1);

    // Canceled in the Dashboard: Stripe refuses ours as unexpected_state.
    const other = await waiting(gateway);
    const dashboard = await fetch(
      `${fake.url}/v1/payment_intents/${other.result.gatewayTransactionId}/cancel`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${fake.secretKey}` },
      },
    );
    assert.equal(dashboard.status, 200);
    await dashboard.body?.cancel();
    assert.equal(await other.cancel(), "cancelled");
    const refused = fake.requests.at(-1)!;
    assert.equal(refused.idempotencyKey, `cancel-${other.request.reference}`);
    assert.equal(fake.webhooksOf("payment_intent.canceled").length, 2);
  });
});

Deno.test("`cancel()` after the shopper paid answers already_paid and changes nothing", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { result, cancel } = await waiting(gateway);
    const confirmed = await confirmInBrowser(fake, result);
    assert.equal(confirmed.status, 200);
    await confirmed.body?.cancel();
    assert.equal(await cancel(), "already_paid");
    assert.equal(
      fake.paymentIntent(result.gatewayTransactionId)?.status,
      "succeeded",
    );
    assert.equal(fake.webhooksOf("payment_intent.canceled").length, 0);

    const request = paymentRequest({ method: VISA });
    const paid = await gateway.createPayment(request);
    assert.equal(
      await gateway.cancel({
        gatewayTransactionId: paid.gatewayTransactionId,
        reference: request.reference,
      }),
      "already_paid",
    );
  });
});

Deno.test("`cancel()` of a processing payment answers already_paid: the money may be moving", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { result, cancel } = await waiting(gateway);
    await fake.startProcessing(result.gatewayTransactionId);
    assert.equal(await cancel(), "already_paid");
    assert.equal(
      fake.paymentIntent(result.gatewayTransactionId)?.status,
      "processing",
    );
  });
});

Deno.test("`cancel()` reads the PaymentIntent when Stripe's refusal leaves it out", async () => {
  await withStripe(async ({ fake }) => {
    // Strip `payment_intent` from every error body on its way back.
    const stripping = async (
      input: string | URL | Request,
      init?: RequestInit,
    ) => {
      const response = await fetch(input, init);
      if (response.ok) return response;
      const body = await response.json();
      delete body.error.payment_intent;
      return Response.json(body, {
        status: response.status,
        headers: response.headers,
      });
    };
    const gateway = new StripeGateway({
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      publicUrl: STORE_URL,
      apiUrl: fake.url,
      fetch: stripping,
    });
    const request = paymentRequest({ method: VISA });
    const paid = await gateway.createPayment(request);
    assert.equal(
      await gateway.cancel({
        gatewayTransactionId: paid.gatewayTransactionId,
        reference: request.reference,
      }),
      "already_paid",
    );
    const retrieved = fake.requests.at(-1)!;
    assert.equal(retrieved.method, "GET");
    assert.equal(
      retrieved.path,
      `/v1/payment_intents/${paid.gatewayTransactionId}`,
    );
  });
});

Deno.test("`cancel()` reports an unreachable Stripe and an unknown PaymentIntent apart", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { result, cancel } = await waiting(gateway);
    for (const status of [503, 429]) {
      fake.failNext(1, status);
      await assert.rejects(
        cancel(),
        (error) =>
          error instanceof GatewayTransientError && error.status === status,
      );
    }
    fake.hangNext(1);
    const controller = new AbortController();
    const pending = gateway.cancel({
      gatewayTransactionId: result.gatewayTransactionId,
      reference: crypto.randomUUID(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, GatewayTransientError);
    assert.equal(
      fake.paymentIntent(result.gatewayTransactionId)?.status,
      "requires_payment_method",
    );
    await assert.rejects(
      gateway.cancel({
        gatewayTransactionId: "pi_missing",
        reference: crypto.randomUUID(),
      }),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "resource_missing",
    );
    assert.equal(await cancel(), "cancelled");
  });
});

Deno.test("`createPayment()` sends no expiry: a PaymentIntent has none", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest();
    await gateway.createPayment(request);
    await gateway.createPayment({
      ...request,
      reference: crypto.randomUUID(),
      expiresAt: new Date(Date.now() + 15 * 60_000),
    });
    const [without, withExpiry] = fake.requests;
    const { metadata: _a, ...before } = without.params;
    const { metadata: _b, ...after } = withExpiry.params;
    assert.deepEqual(after, before);
    assert.equal(fake.paymentIntentCount, 2);
  });
});
