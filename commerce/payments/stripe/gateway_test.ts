import assert from "node:assert/strict";
import { Invalid } from "../../../edge/errors.ts";
import { parseMoney } from "../../pricing/mod.ts";
import {
  GatewayRefused,
  GatewayTransientError,
  InvalidPaymentMethod,
} from "../errors.ts";
import { FakeStripe } from "./_fake.ts";
import {
  onlyWebhook,
  paymentRequest,
  STORE_URL,
  webhookRequest,
  withStripe,
} from "./_test_util.ts";
import { StripeGateway } from "./gateway.ts";

const VISA = { type: "payment_method", paymentMethod: "pm_card_visa" };
const DECLINED = {
  type: "payment_method",
  paymentMethod: "pm_card_chargeDeclined",
};
const THREE_D_SECURE = {
  type: "payment_method",
  paymentMethod: "pm_card_threeDSecure2Required",
};
const KEYS = {
  secretKey: "sk_test_123",
  publishableKey: "pk_test_123",
  webhookSecret: "whsec_test",
  publicUrl: STORE_URL,
};

Deno.test("`new StripeGateway()` refuses bad keys, URLs and tolerances", () => {
  const bad = [
    { secretKey: "pk_test_123" },
    { publishableKey: "sk_test_123" },
    { publishableKey: "pk_live_123" },
    { webhookSecret: "secret" },
    { publicUrl: "/shop" },
    { publicUrl: "ftp://shop.test" },
    { apiUrl: "https://api.stripe.com/v1" },
    { toleranceSeconds: 0 },
    { toleranceSeconds: -5 },
  ];
  for (const options of bad) {
    assert.throws(
      () => new StripeGateway({ ...KEYS, ...options }),
      TypeError,
      JSON.stringify(options),
    );
  }
  assert.equal(new StripeGateway(KEYS).name, "stripe");
});

Deno.test("`supports()` follows Stripe's market rule", () => {
  const gateway = new StripeGateway(KEYS);
  assert.ok(gateway.supports({ currency: "USD", country: "US" }));
  assert.ok(gateway.supports({ currency: "JPY", country: "JP" }));
  assert.ok(!gateway.supports({ currency: "CNY", country: "DE" }));
  assert.ok(!gateway.supports({ currency: "USD", country: "CN" }));
});

Deno.test("`createPayment()` with the Payment Element answers confirm_in_browser", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest();
    const result = await gateway.createPayment(request);
    assert.equal(result.status, "requires_action");
    const intent = fake.paymentIntent(result.gatewayTransactionId)!;
    assert.deepEqual(result.nextAction, {
      type: "confirm_in_browser",
      clientSecret: intent.client_secret,
      publishableKey: fake.publishableKey,
    });
    assert.equal(intent.status, "requires_payment_method");
    assert.equal(result.raw.id, intent.id);
    const [sent] = fake.requests;
    assert.equal(sent.path, "/v1/payment_intents");
    assert.equal(sent.idempotencyKey, `payment-${request.reference}`);
    assert.deepEqual(sent.params, {
      amount: "2500",
      currency: "usd",
      automatic_payment_methods: { enabled: "true" },
      description: "SO-1001",
      metadata: {
        reference: request.reference,
        order_number: "SO-1001",
        confirmation: "element",
      },
    });
  });
});

Deno.test("a decline in the Payment Element leaves the attempt open for another try", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const result = await gateway.createPayment(paymentRequest());
    // The shopper's browser confirms with a card that is declined.
    const confirmed = await fetch(
      `${fake.url}/v1/payment_intents/${result.gatewayTransactionId}/confirm`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${fake.publishableKey}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          payment_method: "pm_card_chargeDeclined",
          client_secret: fake.paymentIntent(result.gatewayTransactionId)!
            .client_secret,
        }),
      },
    );
    await confirmed.body?.cancel();
    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.payment_failed")),
    );
    assert.equal(event?.type, "payment.requires_action");
    assert.equal(event?.failureCode, "generic_decline");
  });
});

Deno.test("`createPayment()` confirms pm_card_visa at once; the webhook says payment.succeeded", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest({ method: VISA });
    const result = await gateway.createPayment(request);
    assert.equal(result.status, "succeeded");
    assert.equal(result.nextAction, undefined);
    assert.match(result.gatewayTransactionId, /^pi_/);
    assert.equal(
      fake.requests[0].params.return_url,
      `${STORE_URL}/en/orders/SO-1001`,
    );
    const webhook = onlyWebhook(fake, "payment_intent.succeeded");
    const event = await gateway.parseWebhook(webhookRequest(webhook));
    assert.ok(event);
    assert.equal(event.eventId, webhook.id);
    assert.equal(event.type, "payment.succeeded");
    assert.equal(event.gatewayTransactionId, result.gatewayTransactionId);
    assert.equal(event.reference, request.reference);
    assert.deepEqual(event.amount, { amount: 2500n, currency: "USD" });
    assert.equal(event.raw.id, webhook.id);
  });
});

Deno.test("`createPayment()` makes a declined card a failed result, not a throw", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest({ method: DECLINED });
    const result = await gateway.createPayment(request);
    assert.equal(result.status, "failed");
    assert.equal(result.failureCode, "generic_decline");
    assert.equal(
      fake.paymentIntent(result.gatewayTransactionId)?.status,
      "requires_payment_method",
    );
    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.payment_failed")),
    );
    assert.equal(event?.type, "payment.failed");
    assert.equal(event?.failureCode, "generic_decline");
    assert.equal(event?.gatewayTransactionId, result.gatewayTransactionId);
    assert.equal(event?.reference, request.reference);
  });
});

Deno.test("`createPayment()` answers 3-D Secure with a redirect whose page sends the shopper back", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const result = await gateway.createPayment(
      paymentRequest({ method: THREE_D_SECURE }),
    );
    assert.equal(result.status, "requires_action");
    assert.equal(result.nextAction?.type, "redirect");
    const url = result.nextAction?.type === "redirect"
      ? result.nextAction.url
      : "";
    assert.ok(url.startsWith(`${fake.url}/3ds/${result.gatewayTransactionId}`));
    const requiresAction = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.requires_action")),
    );
    assert.equal(requiresAction?.type, "payment.requires_action");

    const shown = await fetch(url);
    const html = await shown.text();
    assert.equal(shown.status, 200);
    assert.match(html, /Complete authentication/);
    assert.match(html, /Fail authentication/);
    const answered = await fetch(url, {
      method: "POST",
      body: new URLSearchParams({ outcome: "complete" }),
      redirect: "manual",
    });
    await answered.body?.cancel();
    assert.equal(answered.status, 303);
    const back = new URL(answered.headers.get("Location")!);
    assert.equal(back.origin + back.pathname, `${STORE_URL}/en/orders/SO-1001`);
    assert.equal(
      back.searchParams.get("payment_intent"),
      result.gatewayTransactionId,
    );
    assert.equal(back.searchParams.get("redirect_status"), "succeeded");
    const succeeded = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.succeeded")),
    );
    assert.equal(succeeded?.type, "payment.succeeded");
    assert.equal(succeeded?.gatewayTransactionId, result.gatewayTransactionId);
  });
});

Deno.test("`createPayment()` 3-D Secure failed by the shopper is payment.failed", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const result = await gateway.createPayment(
      paymentRequest({ method: THREE_D_SECURE }),
    );
    await fake.completeChallenge(result.gatewayTransactionId, "fail");
    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.payment_failed")),
    );
    assert.equal(event?.type, "payment.failed");
    assert.equal(event?.failureCode, "payment_intent_authentication_failure");
  });
});

Deno.test("`createPayment()` with the same reference twice makes one PaymentIntent", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = paymentRequest({ method: VISA });
    const first = await gateway.createPayment(request);
    const again = await gateway.createPayment(request);
    assert.equal(again.gatewayTransactionId, first.gatewayTransactionId);
    assert.equal(again.status, "succeeded");
    const element = paymentRequest();
    const one = await gateway.createPayment(element);
    const two = await gateway.createPayment(element);
    assert.deepEqual(two.nextAction, one.nextAction);
    assert.equal(fake.paymentIntentCount, 2);
    assert.equal(fake.webhooksOf("payment_intent.succeeded").length, 1);
  });
});

Deno.test("`createPayment()` refuses a reference reused for another amount", async () => {
  await withStripe(async ({ gateway }) => {
    const request = paymentRequest();
    await gateway.createPayment(request);
    await assert.rejects(
      gateway.createPayment({
        ...request,
        amount: parseMoney("26.00", "USD"),
      }),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "idempotency_error",
    );
  });
});

Deno.test("`createPayment()` sends JPY in yen and reads it back in yen", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const result = await gateway.createPayment(
      paymentRequest({ amount: parseMoney("1200", "JPY"), method: VISA }),
    );
    assert.equal(result.status, "succeeded");
    assert.equal(fake.requests[0].params.amount, "1200");
    assert.equal(fake.requests[0].params.currency, "jpy");
    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.succeeded")),
    );
    assert.deepEqual(event?.amount, { amount: 1200n, currency: "JPY" });
  });
});

Deno.test("`createPayment()` sends KWD in fils and refuses a last digit other than 0 before calling", async () => {
  await withStripe(async ({ fake, gateway }) => {
    await assert.rejects(
      gateway.createPayment(
        paymentRequest({ amount: parseMoney("12.345", "KWD") }),
      ),
      (error) =>
        error instanceof Invalid && error.code === "amount_not_supported",
    );
    assert.equal(fake.requests.length, 0);
    const result = await gateway.createPayment(
      paymentRequest({ amount: parseMoney("12.340", "KWD"), method: VISA }),
    );
    assert.equal(result.status, "succeeded");
    assert.equal(fake.requests[0].params.amount, "12340");
    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "payment_intent.succeeded")),
    );
    assert.deepEqual(event?.amount, { amount: 12340n, currency: "KWD" });
  });
});

Deno.test("`createPayment()` refuses a bad method before calling", async () => {
  await withStripe(async ({ fake, gateway }) => {
    await assert.rejects(
      gateway.createPayment(paymentRequest({ method: { type: "card" } })),
      InvalidPaymentMethod,
    );
    assert.equal(fake.requests.length, 0);
  });
});

Deno.test("`createPayment()` reports 503, 500 and 429 as GatewayTransientError", async () => {
  await withStripe(async ({ fake, gateway }) => {
    for (const status of [503, 500, 429]) {
      fake.failNext(1, status);
      await assert.rejects(
        gateway.createPayment(paymentRequest()),
        (error) =>
          error instanceof GatewayTransientError && error.status === status &&
          error.gateway === "stripe",
      );
    }
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.paymentIntentCount, 0);
    const after = await gateway.createPayment(paymentRequest());
    assert.equal(after.status, "requires_action");
  });
});

Deno.test("`createPayment()` reports a network failure as GatewayTransientError", async () => {
  const closed = await FakeStripe.start();
  await closed.close();
  const unreachable = new StripeGateway({ ...KEYS, apiUrl: closed.url });
  await assert.rejects(
    unreachable.createPayment(paymentRequest()),
    GatewayTransientError,
  );
  const broken = new StripeGateway({
    ...KEYS,
    fetch: () => Promise.reject(new TypeError("connection reset")),
  });
  await assert.rejects(
    broken.createPayment(paymentRequest()),
    GatewayTransientError,
  );
});

Deno.test("`createPayment()` stops waiting when the caller's signal aborts", async () => {
  await withStripe(async ({ fake, gateway }) => {
    fake.hangNext(1);
    const controller = new AbortController();
    const pending = gateway.createPayment(
      paymentRequest({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, GatewayTransientError);
  });
});

Deno.test("`createPayment()` reports a wrong secret key as GatewayRefused", async () => {
  await withStripe(async ({ gateway }) => {
    await assert.rejects(
      gateway.createPayment(paymentRequest()),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "invalid_request_error",
    );
  }, { secretKey: "sk_test_wrong" });
});

Deno.test("`refund()` refunds part, refuses beyond what is left, then refunds the rest", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const payment = paymentRequest({ method: VISA });
    const paid = await gateway.createPayment(payment);
    const refund = (amount: string, reference = crypto.randomUUID()) =>
      gateway.refund({
        gatewayTransactionId: paid.gatewayTransactionId,
        paymentReference: payment.reference,
        captured: payment.amount,
        amount: parseMoney(amount, "USD"),
        reason: "Damaged in transit",
        reference,
      });

    const reference = crypto.randomUUID();
    const partial = await refund("10.00", reference);
    assert.equal(partial.status, "succeeded");
    assert.match(partial.gatewayTransactionId, /^re_/);
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.idempotencyKey, `refund-${reference}`);
    assert.deepEqual(sent.params, {
      payment_intent: paid.gatewayTransactionId,
      amount: "1000",
      reason: "requested_by_customer",
      metadata: {
        reference,
        payment_reference: payment.reference,
        note: "Damaged in transit",
      },
    });
    const event = await gateway.parseWebhook(
      webhookRequest(onlyWebhook(fake, "charge.refunded")),
    );
    assert.equal(event?.type, "refund.succeeded");
    assert.equal(event?.gatewayTransactionId, partial.gatewayTransactionId);
    assert.equal(event?.reference, reference);
    assert.deepEqual(event?.amount, { amount: 1000n, currency: "USD" });

    await assert.rejects(
      refund("15.01"),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "amount_too_large",
    );
    const rest = await refund("15.00");
    assert.equal(rest.status, "succeeded");
    const [, second] = fake.webhooksOf("charge.refunded");
    const last = await gateway.parseWebhook(webhookRequest(second));
    assert.equal(last?.gatewayTransactionId, rest.gatewayTransactionId);
    assert.deepEqual(last?.amount, { amount: 1500n, currency: "USD" });
    await assert.rejects(
      refund("0.01"),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "charge_already_refunded",
    );
  });
});

Deno.test("`refund()` with the same reference twice refunds once", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const payment = paymentRequest({
      amount: parseMoney("3000", "JPY"),
      method: VISA,
    });
    const paid = await gateway.createPayment(payment);
    const request = {
      gatewayTransactionId: paid.gatewayTransactionId,
      paymentReference: payment.reference,
      captured: payment.amount,
      amount: payment.amount,
      reference: crypto.randomUUID(),
    };
    const first = await gateway.refund(request);
    const again = await gateway.refund(request);
    assert.equal(again.gatewayTransactionId, first.gatewayTransactionId);
    assert.equal(fake.refundCount, 1);
    assert.equal(fake.requests.at(-1)?.params.amount, "3000");
  });
});

Deno.test("`refund()` answers a pending refund as processing; its failure is refund.failed", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const payment = paymentRequest({ method: VISA });
    const paid = await gateway.createPayment(payment);
    fake.nextRefundStatus("pending");
    const reference = crypto.randomUUID();
    const result = await gateway.refund({
      gatewayTransactionId: paid.gatewayTransactionId,
      paymentReference: payment.reference,
      captured: payment.amount,
      amount: parseMoney("5.00", "USD"),
      reference,
    });
    assert.equal(result.status, "processing");
    // A pending refund is not news yet.
    assert.equal(
      await gateway.parseWebhook(
        webhookRequest(onlyWebhook(fake, "charge.refunded")),
      ),
      null,
    );
    await fake.settleRefund(result.gatewayTransactionId, "failed");
    for (const type of ["refund.failed", "charge.refund.updated"]) {
      const event = await gateway.parseWebhook(
        webhookRequest(onlyWebhook(fake, type)),
      );
      assert.equal(event?.type, "refund.failed", type);
      assert.equal(event?.gatewayTransactionId, result.gatewayTransactionId);
      assert.equal(event?.reference, reference);
    }
  });
});

Deno.test("`refund()` reports a refused and an unreachable refund apart", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const request = {
      gatewayTransactionId: "pi_missing",
      paymentReference: crypto.randomUUID(),
      captured: parseMoney("25.00", "USD"),
      amount: parseMoney("5.00", "USD"),
      reference: crypto.randomUUID(),
    };
    await assert.rejects(
      gateway.refund(request),
      (error) =>
        error instanceof GatewayRefused &&
        error.gatewayCode === "resource_missing",
    );
    fake.failNext(1);
    await assert.rejects(
      gateway.refund(request),
      (error) => error instanceof GatewayTransientError && error.status === 503,
    );
  });
});
