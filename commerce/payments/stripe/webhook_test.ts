import assert from "node:assert/strict";
import {
  InvalidWebhookPayload,
  InvalidWebhookSignature,
  type SignatureProblem,
} from "../errors.ts";
import type { GatewayEvent } from "../gateway.ts";
import type { FakeStripe } from "./_fake.ts";
import {
  onlyWebhook,
  paymentRequest,
  webhookRequest,
  withStripe,
} from "./_test_util.ts";
import { StripeGateway } from "./gateway.ts";

const VISA = { type: "payment_method", paymentMethod: "pm_card_visa" };

async function reason(parsing: Promise<unknown>): Promise<SignatureProblem> {
  try {
    await parsing;
  } catch (error) {
    assert.ok(error instanceof InvalidWebhookSignature, String(error));
    assert.equal(error.code, "invalid_signature");
    return error.reason;
  }
  assert.fail("expected InvalidWebhookSignature");
}

// A paid PaymentIntent and its `payment_intent.succeeded` webhook.
async function paid(fake: FakeStripe, gateway: StripeGateway) {
  const request = paymentRequest({ method: VISA });
  const result = await gateway.createPayment(request);
  return {
    request,
    result,
    webhook: onlyWebhook(fake, "payment_intent.succeeded"),
  };
}

Deno.test("`parseWebhook()` refuses a tampered body", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    const tampered = webhook.body.replace('"amount": 2500', '"amount": 1');
    assert.notEqual(tampered, webhook.body);
    assert.equal(
      await reason(
        gateway.parseWebhook(webhookRequest({ ...webhook, body: tampered })),
      ),
      "signature_mismatch",
    );
  });
});

Deno.test("`parseWebhook()` refuses a webhook signed with another secret", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    const forged = await fake.sign(webhook.body, {
      secret: "whsec_not_the_endpoint_secret",
    });
    assert.equal(
      await reason(
        gateway.parseWebhook(webhookRequest({ ...webhook, signature: forged })),
      ),
      "signature_mismatch",
    );
  });
});

Deno.test("`parseWebhook()` refuses a stale timestamp, and one too far ahead", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 301, now + 301]) {
      const signature = await fake.sign(webhook.body, { timestamp });
      assert.equal(
        await reason(
          gateway.parseWebhook(webhookRequest({ ...webhook, signature })),
        ),
        "stale_timestamp",
      );
    }
    const old = await fake.recordEvent("payment_intent.succeeded", {}, {
      timestamp: now - 3600,
    });
    assert.equal(
      await reason(gateway.parseWebhook(webhookRequest(old))),
      "stale_timestamp",
    );
  });
});

Deno.test("`parseWebhook()` measures staleness on its own clock and tolerance", async () => {
  await withStripe(async ({ fake }) => {
    const options = {
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      publicUrl: "https://shop.test",
      apiUrl: fake.url,
    };
    const webhook = await fake.recordEvent("payment_intent.created", {});
    const later = new Date((webhook.timestamp + 200) * 1000);
    const strict = new StripeGateway({
      ...options,
      now: () => later,
      toleranceSeconds: 60,
    });
    assert.equal(
      await reason(strict.parseWebhook(webhookRequest(webhook))),
      "stale_timestamp",
    );
    const lenient = new StripeGateway({ ...options, now: () => later });
    assert.equal(await lenient.parseWebhook(webhookRequest(webhook)), null);
  });
});

Deno.test("`parseWebhook()` refuses a missing and a malformed header", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    assert.equal(
      await reason(
        gateway.parseWebhook({ rawBody: webhook.body, headers: new Headers() }),
      ),
      "missing_header",
    );
    const t = webhook.timestamp;
    for (
      const signature of [
        "garbage",
        `t=${t}`,
        `t=soon,v1=${"0".repeat(64)}`,
        `v1=${"0".repeat(64)}`,
        `t=${t},v1=not-hex`,
      ]
    ) {
      assert.equal(
        await reason(
          gateway.parseWebhook(webhookRequest({ ...webhook, signature })),
        ),
        "malformed_header",
        signature,
      );
    }
  });
});

Deno.test("`parseWebhook()` accepts any matching v1 signature (a rotated secret)", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    const v1 = webhook.signature.split(",v1=")[1];
    const signature = `t=${webhook.timestamp},v1=${"0".repeat(64)},v1=${v1}`;
    const event = await gateway.parseWebhook(
      webhookRequest({ ...webhook, signature }),
    );
    assert.equal(event?.type, "payment.succeeded");
  });
});

Deno.test("`parseWebhook()` gives a redelivered event the same eventId", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    const first = await gateway.parseWebhook(webhookRequest(webhook));
    // Stripe signs every delivery anew; the event id stays.
    const resigned = await fake.sign(webhook.body, {
      timestamp: webhook.timestamp + 60,
    });
    const again = await gateway.parseWebhook(
      webhookRequest({ ...webhook, signature: resigned }),
    );
    assert.ok(first && again);
    assert.equal(again.eventId, first.eventId);
    assert.equal(again.eventId, webhook.id);
  });
});

Deno.test("`parseWebhook()` answers null for event types the store does not act on", async () => {
  await withStripe(async ({ fake, gateway }) => {
    await paid(fake, gateway);
    for (
      const type of ["payment_intent.created", "charge.succeeded"]
    ) {
      assert.equal(
        await gateway.parseWebhook(webhookRequest(onlyWebhook(fake, type))),
        null,
        type,
      );
    }
    const customer = await fake.recordEvent("customer.created", {
      id: "cus_1",
      object: "customer",
    });
    assert.equal(await gateway.parseWebhook(webhookRequest(customer)), null);
  });
});

Deno.test("`parseWebhook()` maps processing, requires_action, canceled and dispute events", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { request, result } = await paid(fake, gateway);
    const intent = fake.paymentIntent(result.gatewayTransactionId)!;
    const parse = async (type: string, object: object) =>
      (await gateway.parseWebhook(
        webhookRequest(await fake.recordEvent(type, object)),
      )) as GatewayEvent;

    const processing = await parse("payment_intent.processing", {
      ...intent,
      status: "processing",
    });
    assert.equal(processing.type, "payment.processing");
    assert.equal(processing.reference, request.reference);
    assert.deepEqual(processing.amount, { amount: 2500n, currency: "USD" });

    const action = await parse("payment_intent.requires_action", intent);
    assert.equal(action.type, "payment.requires_action");

    // Canceled after a decline in the Payment Element: final all the same,
    // and why is the cancellation, not the earlier decline.
    const canceled = await parse("payment_intent.canceled", {
      ...intent,
      status: "canceled",
      cancellation_reason: "abandoned",
      metadata: { ...intent.metadata, confirmation: "element" },
      last_payment_error: {
        code: "card_declined",
        decline_code: "generic_decline",
      },
    });
    assert.equal(canceled.type, "payment.failed");
    assert.equal(canceled.failureCode, "canceled");
    assert.equal(canceled.gatewayTransactionId, intent.id);
    assert.equal(canceled.reference, request.reference);

    const dispute = await parse("charge.dispute.created", {
      id: "dp_1",
      object: "dispute",
      amount: 2500,
      currency: "usd",
      charge: intent.latest_charge,
      payment_intent: intent.id,
      reason: "fraudulent",
      status: "needs_response",
    });
    assert.equal(dispute.type, "dispute.created");
    assert.equal(dispute.gatewayTransactionId, intent.id);
    assert.deepEqual(dispute.amount, { amount: 2500n, currency: "USD" });
  });
});

Deno.test("`parseWebhook()` refuses a verified body that is not a readable event", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const signed = async (body: string) =>
      webhookRequest({ body, signature: await fake.sign(body) });
    await assert.rejects(
      gateway.parseWebhook(await signed("not json")),
      InvalidWebhookPayload,
    );
    await assert.rejects(
      gateway.parseWebhook(await signed('{"object":"event"}')),
      InvalidWebhookPayload,
    );
    const noAmount = await fake.recordEvent("payment_intent.succeeded", {
      id: "pi_1",
      object: "payment_intent",
      currency: "usd",
    });
    await assert.rejects(
      gateway.parseWebhook(webhookRequest(noAmount)),
      InvalidWebhookPayload,
    );
    const badCurrency = await fake.recordEvent("payment_intent.succeeded", {
      id: "pi_1",
      object: "payment_intent",
      amount: 100,
      amount_received: 100,
      currency: "zzz",
    });
    await assert.rejects(
      gateway.parseWebhook(webhookRequest(badCurrency)),
      InvalidWebhookPayload,
    );
  });
});

Deno.test("`FakeStripe.deliver()` posts a webhook the way Stripe does", async () => {
  await withStripe(async ({ fake, gateway }) => {
    const { webhook } = await paid(fake, gateway);
    const response = await fake.deliver(webhook, async (request) => {
      assert.equal(request.method, "POST");
      assert.match(request.headers.get("Content-Type")!, /^application\/json/);
      const event = await gateway.parseWebhook({
        rawBody: await request.text(),
        headers: request.headers,
      });
      return Response.json({ received: event?.eventId });
    });
    assert.deepEqual(await response.json(), { received: webhook.id });
  });
});
