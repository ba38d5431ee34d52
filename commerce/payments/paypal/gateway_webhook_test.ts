import assert from "node:assert/strict";
import {
  GatewayTransientError,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
  type SignatureProblem,
} from "../errors.ts";
import type { GatewayEvent } from "../gateway.ts";
import {
  createPayPalIdentity,
  FAKE_CERT_ORIGIN,
  type FakePayPalEvent,
} from "./_fake.ts";
import {
  paymentRequest,
  PUBLIC_URL,
  receive,
  startTestbed,
} from "./_test_util.ts";
import type { PayPalGatewayOptions } from "./gateway.ts";
import { PAYPAL_SIGNATURE_HEADERS as H } from "./signature.ts";

const identity = await createPayPalIdentity();
const stranger = await createPayPalIdentity();
const DAY = 86_400_000;
const expired = await createPayPalIdentity({
  keys: identity.keys,
  validFrom: new Date(Date.now() - 30 * DAY),
  validTo: new Date(Date.now() - DAY),
});

function signatureProblem(reason: SignatureProblem) {
  return (error: unknown) =>
    error instanceof InvalidWebhookSignature && error.reason === reason;
}

function certFetches(calls: { path: string }[]): number {
  return calls.filter((c) => c.path.startsWith("/v1/notifications/certs/"))
    .length;
}

function transient() {
  return (error: unknown) =>
    error instanceof GatewayTransientError && error.gateway === "paypal";
}

/**
 * An adapter on `bed`'s fake (with `options`) whose every fetch, wherever
 * it goes, is listed in `fetched`.
 */
function spiedAdapter(
  bed: Awaited<ReturnType<typeof startTestbed>>,
  options: Partial<PayPalGatewayOptions> = {},
) {
  const fetched: string[] = [];
  const gateway = bed.adapter({
    ...options,
    fetch: (input, init) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      return bed.fake.fetch(input, init);
    },
  });
  return { fake: bed.fake, gateway, fetched };
}

/** A captured USD 100.00 payment and its events. */
async function capturedPayment(bed: Awaited<ReturnType<typeof startTestbed>>) {
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  return {
    request,
    orderId: gatewayTransactionId,
    event: bed.fake.lastEvent("PAYMENT.CAPTURE.COMPLETED")!,
  };
}

Deno.test("`parseWebhook()` accepts a capture signed by PayPal's certificate", async () => {
  await using bed = await startTestbed(identity);
  const { request, orderId, event } = await capturedPayment(bed);
  const parsed = await receive(bed, event);
  assert.deepEqual(
    { ...parsed, raw: undefined, occurredAt: undefined },
    {
      eventId: event.id,
      type: "payment.succeeded",
      gatewayTransactionId: orderId,
      reference: request.reference,
      amount: { amount: 10000n, currency: "USD" },
      fee: { amount: 398n, currency: "USD" },
      raw: undefined,
      occurredAt: undefined,
    },
  );
  assert.match(parsed!.eventId, /^WH-/);
  assert.deepEqual(parsed!.raw, JSON.parse(event.body));
  assert.ok(parsed!.occurredAt instanceof Date);
});

Deno.test("`parseWebhook()` rejects a tampered body as signature_mismatch", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const request = await bed.fake.webhookRequest(event, `${PUBLIC_URL}/hook`);
  const body = (await request.text()).replace('"100.00"', '"1.00"');
  await assert.rejects(
    bed.gateway.parseWebhook({ rawBody: body, headers: request.headers }),
    signatureProblem("signature_mismatch"),
  );
});

Deno.test("`parseWebhook()` rejects a body signed with another key as signature_mismatch", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  await assert.rejects(
    receive(bed, event, { signingKey: stranger.keys.privateKey }),
    signatureProblem("signature_mismatch"),
  );
});

Deno.test("`parseWebhook()` rejects a delivery signed for another webhook as signature_mismatch", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  await assert.rejects(
    receive(bed, event, { webhookId: "WH-SOMEONE-ELSES" }),
    signatureProblem("signature_mismatch"),
  );
});

Deno.test("`parseWebhook()` rejects a stale or future transmission as stale_timestamp", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  for (const shift of [-301_000, 301_000]) {
    await assert.rejects(
      receive(bed, event, { transmissionTime: new Date(Date.now() + shift) }),
      signatureProblem("stale_timestamp"),
    );
  }
  // Within the tolerance is fine; a wider tolerance lets the old one in.
  await receive(bed, event, {
    transmissionTime: new Date(Date.now() - 200_000),
  });
  const lenient = bed.adapter({ toleranceSeconds: 900 });
  const request = await bed.fake.webhookRequest(event, `${PUBLIC_URL}/hook`, {
    transmissionTime: new Date(Date.now() - 600_000),
  });
  const parsed = await lenient.parseWebhook({
    rawBody: await request.text(),
    headers: request.headers,
  });
  assert.equal(parsed?.eventId, event.id);
});

Deno.test("`parseWebhook()` uses its clock for the tolerance", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const late = bed.adapter({ now: () => new Date(Date.now() + 3_600_000) });
  const request = await bed.fake.webhookRequest(event, `${PUBLIC_URL}/hook`);
  await assert.rejects(
    late.parseWebhook({
      rawBody: await request.text(),
      headers: request.headers,
    }),
    signatureProblem("stale_timestamp"),
  );
});

Deno.test("`parseWebhook()` rejects missing and malformed headers before fetching anything", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const calls = bed.fake.calls.length;
  const spied = spiedAdapter(bed);
  const request = await bed.fake.webhookRequest(event, `${PUBLIC_URL}/hook`);
  const rawBody = await request.text();
  const variant = (name: string, value?: string) => {
    const headers = new Headers(request.headers);
    if (value === undefined) headers.delete(name);
    else headers.set(name, value);
    return spied.gateway.parseWebhook({ rawBody, headers });
  };
  await assert.rejects(
    spied.gateway.parseWebhook({ rawBody, headers: new Headers() }),
    signatureProblem("missing_header"),
  );
  await assert.rejects(
    variant(H.transmissionSig),
    signatureProblem("missing_header"),
  );
  for (
    const [name, value] of [
      [H.certUrl, "https://evil.example/v1/notifications/certs/CERT-1"],
      [H.certUrl, `http://api.paypal.com/v1/notifications/certs/CERT-1`],
      [H.authAlgo, "SHA1withRSA"],
      [H.transmissionTime, "Tue, 14 Feb 2026 21:50:07 GMT"],
    ]
  ) {
    await assert.rejects(
      variant(name, value),
      signatureProblem("malformed_header"),
    );
  }
  assert.deepEqual(spied.fetched, [], "nothing was fetched");
  assert.equal(bed.fake.calls.length, calls, "nothing reached PayPal");
});

Deno.test("`parseWebhook()` refuses a certificate URL on a paypal.com host but off the certificate path, without fetching it", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const spied = spiedAdapter(bed);
  for (
    const certUrl of [
      "https://api.paypal.com/v1/oauth2/token",
      "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T",
      "https://api.sandbox.paypal.com/certs/CERT-360caa42-fca2a594-1d93a270",
      `${FAKE_CERT_ORIGIN}/v1/notifications/certs/../../oauth2/token`,
      "https://www.paypal.com/v1/notifications/certs/CERT-360caa42",
      "https://paypal.com/v1/notifications/certs/CERT-360caa42",
    ]
  ) {
    await assert.rejects(
      receive(spied, event, { certUrl }),
      signatureProblem("malformed_header"),
      certUrl,
    );
  }
  assert.deepEqual(spied.fetched, []);
});

Deno.test("`parseWebhook()` refuses a certificate on paypal.com.evil.example without fetching it", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const spied = spiedAdapter(bed);
  for (
    const host of [
      "paypal.com.evil.example",
      "api.paypal.com.evil.example",
      "api.sandbox.paypal.com.evil.example",
    ]
  ) {
    await assert.rejects(
      receive(spied, event, {
        certUrl: `https://${host}/v1/notifications/certs/CERT-1`,
      }),
      signatureProblem("malformed_header"),
      host,
    );
  }
  assert.deepEqual(spied.fetched, []);
});

Deno.test("`parseWebhook()` does not follow a certificate URL that redirects", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  // The redirect leads to the fake's valid certificate: following it
  // would have verified the delivery.
  const certUrl = bed.fake.addRedirect();
  const redirecting = new URL(certUrl).pathname;
  for (let delivery = 1; delivery <= 2; delivery++) {
    await assert.rejects(receive(bed, event, { certUrl }), transient());
  }
  const certCalls = bed.fake.calls.filter((c) =>
    c.path.startsWith("/v1/notifications/certs/")
  );
  // Each delivery asked again (the failure is not cached) and none went
  // where the redirect pointed.
  assert.deepEqual(certCalls.map((c) => c.path), [redirecting, redirecting]);
  assert.equal((await receive(bed, event))?.eventId, event.id);
});

Deno.test("`parseWebhook()` gives up on a hung certificate fetch, and the next delivery fetches again", async () => {
  await using bed = await startTestbed(identity, {
    gateway: { certTimeoutMs: 100 },
  });
  const { event } = await capturedPayment(bed);
  bed.fake.failNext({ path: "/v1/notifications/certs/", hang: true });
  const started = Date.now();
  // Two deliveries at once share the hung fetch; both are answered.
  const hung = await Promise.allSettled([
    receive(bed, event),
    receive(bed, event),
  ]);
  assert.ok(Date.now() - started < 2000, "the deadline ended the wait");
  for (const outcome of hung) {
    assert.equal(outcome.status, "rejected");
    assert.ok(transient()((outcome as PromiseRejectedResult).reason));
  }
  assert.equal(certFetches(bed.fake.calls), 1);
  assert.equal((await receive(bed, event))?.eventId, event.id);
  assert.equal(certFetches(bed.fake.calls), 2);
});

Deno.test("`parseWebhook()` fetches a certificate once and reuses it", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  await Promise.all([receive(bed, event), receive(bed, event)]);
  await receive(bed, event);
  assert.equal(certFetches(bed.fake.calls), 1);
});

Deno.test("`parseWebhook()` rejects an expired or unknown certificate as signature_mismatch", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const expiredUrl = bed.fake.addCertificate(expired.certificatePem);
  await assert.rejects(
    receive(bed, event, { certUrl: expiredUrl }),
    signatureProblem("signature_mismatch"),
  );
  await assert.rejects(
    receive(bed, event, {
      certUrl: `${FAKE_CERT_ORIGIN}/v1/notifications/certs/CERT-NOPE`,
    }),
    signatureProblem("signature_mismatch"),
  );
});

Deno.test("`parseWebhook()` is a GatewayTransientError when PayPal fails to serve the certificate", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  bed.fake.failNext({ path: "/v1/notifications/certs/" });
  await assert.rejects(
    receive(bed, event),
    (error) => error instanceof GatewayTransientError && error.status === 503,
  );
  // The failure is not cached: the redelivery goes through.
  assert.equal((await receive(bed, event))?.eventId, event.id);
});

Deno.test("redeliveries of an event carry the same eventId", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const seen: GatewayEvent[] = [];
  const target = {
    url: `${PUBLIC_URL}/api/webhooks/paypal`,
    deliver: async (request: Request) => {
      const parsed = await bed.gateway.parseWebhook({
        rawBody: await request.text(),
        headers: request.headers,
      });
      seen.push(parsed!);
      return new Response(null, { status: 204 });
    },
  };
  const first = await bed.fake.deliver(event, target);
  const second = await bed.fake.deliver(event, target);
  assert.equal(first.status, 204);
  assert.notEqual(first.transmissionId, second.transmissionId);
  assert.equal(seen.length, 2);
  assert.equal(seen[0].eventId, seen[1].eventId);
  assert.equal(seen[0].eventId, event.id);
  assert.deepEqual(
    bed.fake.deliveries.map((d) => d.eventId),
    [event.id, event.id],
  );
});

Deno.test("the fake POSTs deliveries to a URL over HTTP", async () => {
  await using bed = await startTestbed(identity);
  const { event } = await capturedPayment(bed);
  const received: (string | undefined)[] = [];
  await using receiver = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const parsed = await bed.gateway.parseWebhook({
        rawBody: await request.text(),
        headers: request.headers,
      });
      received.push(parsed?.type);
      return Response.json({ received: true });
    },
  );
  const delivery = await bed.fake.deliver(event, {
    url: `http://127.0.0.1:${receiver.addr.port}/api/webhooks/paypal`,
  });
  assert.equal(delivery.status, 200);
  assert.deepEqual(received, ["payment.succeeded"]);
});

Deno.test("`parseWebhook()` answers null for event types the store does not act on", async () => {
  await using bed = await startTestbed(identity);
  for (
    const type of [
      "PAYMENT.AUTHORIZATION.CREATED",
      "CHECKOUT.ORDER.COMPLETED",
      "BILLING.SUBSCRIPTION.CREATED",
    ]
  ) {
    const event = bed.fake.emit(type, { id: "5O190127TN364715T" });
    assert.equal(await receive(bed, event), null);
  }
});

Deno.test("`parseWebhook()` reads a dispute as dispute.created on the disputed capture", async () => {
  await using bed = await startTestbed(identity);
  const { request } = await capturedPayment(bed);
  const captureEvent = JSON.parse(
    bed.fake.lastEvent("PAYMENT.CAPTURE.COMPLETED")!.body,
  );
  const event = bed.fake.emit("CUSTOMER.DISPUTE.CREATED", {
    dispute_id: "PP-D-27803",
    create_time: "2026-01-01T00:00:00.000Z",
    disputed_transactions: [{
      seller_transaction_id: captureEvent.resource.id,
      custom: request.reference,
    }],
    reason: "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
    status: "OPEN",
    dispute_amount: { currency_code: "USD", value: "100.00" },
  }, { resourceType: "dispute" });
  const parsed = await receive(bed, event);
  assert.equal(parsed?.type, "dispute.created");
  assert.equal(parsed?.gatewayTransactionId, captureEvent.resource.id);
  assert.equal(parsed?.reference, request.reference);
  assert.deepEqual(parsed?.amount, { amount: 10000n, currency: "USD" });
});

Deno.test("`parseWebhook()` reads a denied capture as payment.failed", async () => {
  await using bed = await startTestbed(identity);
  const event = bed.fake.emit("PAYMENT.CAPTURE.DENIED", {
    id: "7NW873794T343360M",
    status: "DECLINED",
    amount: { currency_code: "EUR", value: "12.30" },
    custom_id: "3f1c1c8e-6a43-4b8e-9b43-2d6a1b7a0c11",
    supplementary_data: { related_ids: { order_id: "5O190127TN364715T" } },
  }, { resourceType: "capture" });
  const parsed = await receive(bed, event);
  assert.equal(parsed?.type, "payment.failed");
  assert.equal(parsed?.gatewayTransactionId, "5O190127TN364715T");
  assert.equal(parsed?.failureCode, "DECLINED");
  assert.deepEqual(parsed?.amount, { amount: 1230n, currency: "EUR" });
});

Deno.test("`parseWebhook()` rejects a signed body that is not a PayPal event as InvalidWebhookPayload", async () => {
  await using bed = await startTestbed(identity);
  const bodies = [
    "not json",
    "[1,2,3]",
    JSON.stringify({ id: "WH-1", event_type: "PAYMENT.CAPTURE.COMPLETED" }),
  ];
  for (const body of bodies) {
    const event: FakePayPalEvent = { id: "WH-1", eventType: "x", body };
    await assert.rejects(receive(bed, event), InvalidWebhookPayload);
  }
  const noAmount = bed.fake.emit("PAYMENT.CAPTURE.COMPLETED", {
    id: "7NW873794T343360M",
    status: "COMPLETED",
  });
  await assert.rejects(receive(bed, noAmount), InvalidWebhookPayload);
});

Deno.test("`parseWebhook()` in api mode asks PayPal to verify the delivery", async () => {
  await using bed = await startTestbed(identity, {
    gateway: { verification: "api" },
  });
  const { request, orderId, event } = await capturedPayment(bed);
  const parsed = await receive(bed, event);
  assert.equal(parsed?.type, "payment.succeeded");
  assert.equal(parsed?.gatewayTransactionId, orderId);
  assert.equal(parsed?.reference, request.reference);
  const verifications = bed.fake.calls.filter((c) =>
    c.path === "/v1/notifications/verify-webhook-signature"
  );
  assert.equal(verifications.length, 1);
  assert.equal(certFetches(bed.fake.calls), 0);
});

Deno.test("`parseWebhook()` in api mode gives up on a hung verification, and the next delivery asks again", async () => {
  await using bed = await startTestbed(identity, {
    gateway: { verification: "api", verifyTimeoutMs: 100 },
  });
  const { event } = await capturedPayment(bed);
  const path = "/v1/notifications/verify-webhook-signature";
  bed.fake.failNext({ path, hang: true });
  const started = Date.now();
  await assert.rejects(receive(bed, event), transient());
  assert.ok(Date.now() - started < 2000, "the deadline ended the wait");
  assert.equal((await receive(bed, event))?.eventId, event.id);
  assert.equal(bed.fake.calls.filter((c) => c.path === path).length, 2);
});

Deno.test("`parseWebhook()` in api mode rejects tampered and foreign-signed deliveries", async () => {
  await using bed = await startTestbed(identity, {
    gateway: { verification: "api" },
  });
  const { event } = await capturedPayment(bed);
  const request = await bed.fake.webhookRequest(event, `${PUBLIC_URL}/hook`);
  const tampered = (await request.text()).replace('"100.00"', '"1.00"');
  await assert.rejects(
    bed.gateway.parseWebhook({ rawBody: tampered, headers: request.headers }),
    signatureProblem("signature_mismatch"),
  );
  await assert.rejects(
    receive(bed, event, { signingKey: stranger.keys.privateKey }),
    signatureProblem("signature_mismatch"),
  );
  const calls = bed.fake.calls.length;
  await assert.rejects(
    receive(bed, event, { transmissionTime: new Date(Date.now() - 3_600_000) }),
    signatureProblem("stale_timestamp"),
  );
  assert.equal(bed.fake.calls.length, calls, "a stale delivery is not sent on");
});
