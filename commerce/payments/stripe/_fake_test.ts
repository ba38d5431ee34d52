import assert from "node:assert/strict";
import { paymentRequest, webhookRequest, withStripe } from "./_test_util.ts";

function form(fields: Record<string, string>, key: string): RequestInit {
  return {
    method: "POST",
    headers: {
      Authorization: `Bearer ${key}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  };
}

Deno.test("`FakeStripe` lets the browser confirm a Payment Element intent with the publishable key", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest();
    const result = await gateway.createPayment(request);
    assert.equal(result.nextAction?.type, "confirm_in_browser");
    const { clientSecret, publishableKey } =
      result.nextAction?.type === "confirm_in_browser"
        ? result.nextAction
        : { clientSecret: "", publishableKey: "" };
    const confirmUrl =
      `${fake.url}/v1/payment_intents/${result.gatewayTransactionId}/confirm`;

    const wrong = await fetch(
      confirmUrl,
      form(
        { client_secret: "pi_x_secret_y", payment_method: "pm_card_visa" },
        publishableKey,
      ),
    );
    assert.equal(wrong.status, 400);
    assert.equal((await wrong.json()).error.param, "client_secret");

    const confirmed = await fetch(
      confirmUrl,
      form(
        { client_secret: clientSecret, payment_method: "pm_card_visa" },
        publishableKey,
      ),
    );
    assert.equal(confirmed.status, 200);
    assert.equal((await confirmed.json()).status, "succeeded");
    const event = await gateway.parseWebhook(
      webhookRequest(fake.webhooksOf("payment_intent.succeeded")[0]),
    );
    assert.equal(event?.type, "payment.succeeded");
    assert.equal(event?.reference, request.reference);

    const twice = await fetch(
      confirmUrl,
      form(
        { client_secret: clientSecret, payment_method: "pm_card_visa" },
        publishableKey,
      ),
    );
    assert.equal(twice.status, 400);
    assert.equal(
      (await twice.json()).error.code,
      "payment_intent_unexpected_state",
    );
  });
});

Deno.test("`FakeStripe` answers 3-D Secure without a return_url with use_stripe_sdk", async () => {
  await withStripe(async ({ fake }) => {
    const created = await fetch(
      `${fake.url}/v1/payment_intents`,
      form({
        amount: "1000",
        currency: "eur",
        payment_method: "pm_card_threeDSecure2Required",
        confirm: "true",
      }, fake.secretKey),
    );
    const intent = await created.json();
    assert.equal(intent.status, "requires_action");
    assert.equal(intent.next_action.type, "use_stripe_sdk");
    const done = await fetch(`${fake.url}/3ds/${intent.id}`, {
      method: "POST",
      body: new URLSearchParams({ outcome: "complete" }),
    });
    assert.equal(done.status, 200);
    await done.body?.cancel();
    assert.equal(fake.paymentIntent(intent.id)?.status, "succeeded");
    const again = await fetch(`${fake.url}/3ds/${intent.id}`);
    assert.equal(again.status, 409);
    await again.body?.cancel();
    const missing = await fetch(`${fake.url}/3ds/pi_missing`);
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  });
});

Deno.test("`FakeStripe` refuses a missing or wrong key (401) and unknown parameters (400)", async () => {
  await withStripe(async ({ fake }) => {
    const url = `${fake.url}/v1/payment_intents`;
    const none = await fetch(url, { method: "POST", body: "amount=100" });
    assert.equal(none.status, 401);
    assert.equal((await none.json()).error.type, "invalid_request_error");
    const publishable = await fetch(
      url,
      form({ amount: "100", currency: "usd" }, fake.publishableKey),
    );
    assert.equal(publishable.status, 401);
    await publishable.body?.cancel();
    const unknown = await fetch(
      url,
      form({ amount: "100", currency: "usd", colour: "red" }, fake.secretKey),
    );
    assert.equal(unknown.status, 400);
    assert.deepEqual((await unknown.json()).error.code, "parameter_unknown");
    const notFound = await fetch(`${fake.url}/v1/payment_intents/pi_nope`, {
      headers: { Authorization: `Bearer ${fake.secretKey}` },
    });
    assert.equal(notFound.status, 404);
    assert.equal((await notFound.json()).error.code, "resource_missing");
    assert.equal(fake.paymentIntentCount, 0);
  });
});

Deno.test("`FakeStripe` cancels with the secret key only, and only known reasons", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const result = await gateway.createPayment(paymentRequest());
    const cancelUrl =
      `${fake.url}/v1/payment_intents/${result.gatewayTransactionId}/cancel`;
    const publishable = await fetch(cancelUrl, form({}, fake.publishableKey));
    assert.equal(publishable.status, 401);
    await publishable.body?.cancel();
    const badReason = await fetch(
      cancelUrl,
      form({ cancellation_reason: "bored" }, fake.secretKey),
    );
    assert.equal(badReason.status, 400);
    assert.equal((await badReason.json()).error.param, "cancellation_reason");
    const missing = await fetch(
      `${fake.url}/v1/payment_intents/pi_nope/cancel`,
      form({}, fake.secretKey),
    );
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    assert.equal(
      fake.paymentIntent(result.gatewayTransactionId)?.status,
      "requires_payment_method",
    );
    const canceled = await fetch(
      cancelUrl,
      form({ cancellation_reason: "duplicate" }, fake.secretKey),
    );
    const intent = await canceled.json();
    assert.equal(intent.status, "canceled");
    assert.equal(intent.cancellation_reason, "duplicate");
    assert.equal(typeof intent.canceled_at, "number");
    const again = await fetch(cancelUrl, form({}, fake.secretKey));
    assert.equal(again.status, 400);
    const { error } = await again.json();
    assert.equal(error.code, "payment_intent_unexpected_state");
    assert.equal(error.payment_intent.status, "canceled");
  });
});

Deno.test("`FakeStripe.deliver()` POSTs a signed webhook to a URL", async () => {
  await withStripe(async ({ fake, gateway }) => {
    await gateway.createPayment(
      paymentRequest({
        method: { type: "payment_method", paymentMethod: "pm_card_visa" },
      }),
    );
    const received: string[] = [];
    const store = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      async (request) => {
        const event = await gateway.parseWebhook({
          rawBody: await request.text(),
          headers: request.headers,
        });
        received.push(event?.type ?? "ignored");
        return Response.json({ received: true });
      },
    );
    try {
      const target =
        `http://127.0.0.1:${store.addr.port}/api/payments/webhook/stripe`;
      for (const webhook of fake.webhooks) {
        const response = await fake.deliver(webhook, target);
        assert.equal(response.status, 200);
        await response.body?.cancel();
      }
    } finally {
      await store.shutdown();
    }
    assert.deepEqual(received, ["ignored", "ignored", "payment.succeeded"]);
  });
});
