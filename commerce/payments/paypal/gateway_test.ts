import assert from "node:assert/strict";
import {
  GatewayRefused,
  GatewayTransientError,
  InvalidPaymentMethod,
} from "../errors.ts";
import { createPayPalIdentity } from "./_fake.ts";
import {
  paymentRequest,
  PUBLIC_URL,
  receive,
  startTestbed,
} from "./_test_util.ts";
import { PAYPAL_LIVE_API_URL, PayPalGateway } from "./gateway.ts";

const identity = await createPayPalIdentity();

function refusedWith(code: string) {
  return (error: unknown) =>
    error instanceof GatewayRefused && error.gatewayCode === code;
}

function transient(status?: number) {
  return (error: unknown) =>
    error instanceof GatewayTransientError && error.gateway === "paypal" &&
    error.status === status;
}

/** Follow the approval page's Approve (or Cancel) button over HTTP. */
async function answerApprovalPage(url: string, button: "approve" | "cancel") {
  const page = await fetch(url);
  assert.equal(page.status, 200);
  const html = await page.text();
  const form = [...html.matchAll(
    /<form method="post" action="([^"]+)">\s*<input type="hidden" name="token" value="([^"]+)">\s*<button type="submit" id="(\w+)"/g,
  )].find((match) => match[3] === button);
  assert.ok(form, `the page has a ${button} button`);
  const answer = await fetch(new URL(form[1], url), {
    method: "POST",
    body: new URLSearchParams({ token: form[2] }),
    redirect: "manual",
  });
  await answer.body?.cancel();
  assert.equal(answer.status, 303);
  return new URL(answer.headers.get("location")!);
}

Deno.test("`new PayPalGateway()` rejects missing or malformed options", () => {
  const valid = {
    clientId: "id",
    clientSecret: "secret",
    webhookId: "WH-1",
    publicUrl: PUBLIC_URL,
  };
  new PayPalGateway(valid);
  for (
    const options of [
      { ...valid, clientId: "" },
      { ...valid, clientId: "a:b" },
      { ...valid, clientSecret: undefined as unknown as string },
      { ...valid, webhookId: "with space" },
      { ...valid, publicUrl: "/relative" },
      { ...valid, apiUrl: "ftp://api-m.paypal.com" },
      { ...valid, verification: "psychic" as "api" },
      { ...valid, toleranceSeconds: 0 },
      { ...valid, certTimeoutMs: 0 },
      { ...valid, verifyTimeoutMs: -1 },
      { ...valid, tokenTimeoutMs: Number.NaN },
    ]
  ) {
    assert.throws(() => new PayPalGateway(options), TypeError);
  }
  assert.equal(PAYPAL_LIVE_API_URL, "https://api-m.paypal.com");
});

Deno.test("`parseMethod()` takes nothing or { type: 'paypal' } only", () => {
  const gateway = new PayPalGateway({
    clientId: "id",
    clientSecret: "secret",
    webhookId: "WH-1",
    publicUrl: PUBLIC_URL,
  });
  assert.deepEqual(gateway.parseMethod(undefined), { type: "paypal" });
  assert.deepEqual(gateway.parseMethod(null), { type: "paypal" });
  assert.deepEqual(gateway.parseMethod({ type: "paypal" }), { type: "paypal" });
  for (const input of [{ type: "card" }, { type: "paypal", extra: 1 }, "x"]) {
    assert.throws(
      () => gateway.parseMethod(input),
      (error) =>
        error instanceof InvalidPaymentMethod &&
        error.code === "invalid_payment_method",
    );
  }
});

Deno.test("`supports()` follows PayPal's market rule", () => {
  const gateway = new PayPalGateway({
    clientId: "id",
    clientSecret: "secret",
    webhookId: "WH-1",
    publicUrl: PUBLIC_URL,
  });
  assert.equal(gateway.supports({ currency: "USD", country: "DE" }), true);
  assert.equal(gateway.supports({ currency: "JPY", country: "JP" }), true);
  assert.equal(gateway.supports({ currency: "KWD", country: "KW" }), false);
  assert.equal(gateway.supports({ currency: "CNY", country: "CN" }), false);
  assert.equal(gateway.supports({ currency: "USD", country: "IR" }), false);
});

Deno.test("`createPayment()` creates an order and redirects to its approval page", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const result = await bed.gateway.createPayment(request);
  assert.equal(result.status, "requires_action");
  assert.match(result.gatewayTransactionId, /^[A-Z0-9]{17}$/);
  assert.deepEqual(result.nextAction, {
    type: "redirect",
    url: `${bed.fake.url}/checkoutnow?token=${result.gatewayTransactionId}`,
  });
  const order = bed.fake.order(result.gatewayTransactionId)!;
  const [unit] = order.purchase_units as Record<string, unknown>[];
  assert.equal(unit.custom_id, request.reference);
  assert.equal(unit.reference_id, request.reference);
  assert.equal(unit.invoice_id, request.orderNumber);
  assert.deepEqual(unit.amount, { currency_code: "USD", value: "100.00" });
  assert.deepEqual(result.raw.id, result.gatewayTransactionId);
  const create = bed.fake.calls.find((call) =>
    call.path === "/v2/checkout/orders"
  );
  assert.equal(create?.requestId, `${request.reference}:create`);
});

Deno.test("`createPayment()` with the same reference twice makes one order", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const first = await bed.gateway.createPayment(request);
  const again = await bed.gateway.createPayment(request);
  assert.equal(again.gatewayTransactionId, first.gatewayTransactionId);
  assert.deepEqual(again.nextAction, first.nextAction);
  assert.equal(bed.fake.orderCount, 1);
  await bed.gateway.createPayment(paymentRequest());
  assert.equal(bed.fake.orderCount, 2);
});

Deno.test("`createPayment()` retried after a 503 still makes one order", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  await bed.gateway.createPayment(request);
  bed.fake.failNext({ path: "/v2/checkout/orders" });
  await assert.rejects(bed.gateway.createPayment(request), transient(503));
  const again = await bed.gateway.createPayment(request);
  assert.equal(again.status, "requires_action");
  assert.equal(bed.fake.orderCount, 1);
});

Deno.test("approving on PayPal returns the shopper to the store and `complete()` captures", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const created = await bed.gateway.createPayment(request);
  const orderId = created.gatewayTransactionId;
  assert.equal(created.nextAction?.type, "redirect");
  const back = await answerApprovalPage(
    (created.nextAction as { url: string }).url,
    "approve",
  );
  assert.equal(
    back.origin + back.pathname,
    `${PUBLIC_URL}${request.returnUrl}`,
  );
  assert.equal(back.searchParams.get("token"), orderId);
  assert.match(back.searchParams.get("PayerID") ?? "", /^[A-Z0-9]{13}$/);

  const approved = await receive(
    bed,
    bed.fake.lastEvent("CHECKOUT.ORDER.APPROVED")!,
  );
  assert.equal(approved?.type, "payment.processing");
  assert.equal(approved?.gatewayTransactionId, orderId);
  assert.equal(approved?.reference, request.reference);

  const completed = await bed.gateway.complete({
    gatewayTransactionId: orderId,
    reference: request.reference,
  });
  assert.equal(completed.status, "succeeded");
  assert.equal(completed.gatewayTransactionId, orderId);
  // 3.49% of 100.00 plus 0.49.
  assert.deepEqual(completed.fee, { amount: 398n, currency: "USD" });

  const event = await receive(
    bed,
    bed.fake.lastEvent("PAYMENT.CAPTURE.COMPLETED")!,
  );
  assert.equal(event?.type, "payment.succeeded");
  assert.equal(event?.gatewayTransactionId, orderId);
  assert.equal(event?.reference, request.reference);
  assert.deepEqual(event?.amount, request.amount);
  assert.deepEqual(event?.fee, { amount: 398n, currency: "USD" });
});

Deno.test("after cancelling on PayPal, `complete()` sends the shopper back to the approval page", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const created = await bed.gateway.createPayment(request);
  const orderId = created.gatewayTransactionId;
  const back = await answerApprovalPage(
    (created.nextAction as { url: string }).url,
    "cancel",
  );
  assert.equal(back.pathname, request.returnUrl);
  assert.equal(back.searchParams.get("token"), orderId);
  assert.equal(back.searchParams.has("PayerID"), false);

  const completion = {
    gatewayTransactionId: orderId,
    reference: request.reference,
  };
  const unapproved = await bed.gateway.complete(completion);
  assert.equal(unapproved.status, "requires_action");
  assert.equal(unapproved.gatewayTransactionId, orderId);
  assert.deepEqual(unapproved.nextAction, created.nextAction);
  assert.equal(unapproved.raw.status, "PAYER_ACTION_REQUIRED");
  assert.ok(
    bed.fake.calls.some((call) =>
      call.method === "GET" && call.path === `/v2/checkout/orders/${orderId}`
    ),
    "the order was read for its approval link",
  );
  assert.equal(bed.fake.lastEvent("PAYMENT.CAPTURE.COMPLETED"), undefined);

  // The shopper pays after all, and the same completion captures.
  const approved = await answerApprovalPage(
    (unapproved.nextAction as { url: string }).url,
    "approve",
  );
  assert.equal(approved.searchParams.get("token"), orderId);
  const completed = await bed.gateway.complete(completion);
  assert.equal(completed.status, "succeeded");
  assert.deepEqual(completed.fee, { amount: 398n, currency: "USD" });
});

Deno.test("`complete()` answers a declined capture as a failed result", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  bed.fake.nextCapture("declined");
  const result = await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  assert.equal(result.status, "failed");
  assert.equal(result.failureCode, "DECLINED");
  assert.equal(result.gatewayTransactionId, gatewayTransactionId);
  const event = await receive(
    bed,
    bed.fake.lastEvent("PAYMENT.CAPTURE.DECLINED")!,
  );
  assert.equal(event?.type, "payment.failed");
  assert.equal(event?.gatewayTransactionId, gatewayTransactionId);
  assert.equal(event?.failureCode, "DECLINED");
});

Deno.test("`complete()` answers INSTRUMENT_DECLINED as a failed result", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  bed.fake.nextCapture("instrument_declined");
  const result = await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  assert.equal(result.status, "failed");
  assert.equal(result.failureCode, "INSTRUMENT_DECLINED");
  assert.equal(result.raw.name, "UNPROCESSABLE_ENTITY");
});

Deno.test("`complete()` answers a capture held for review as processing", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  bed.fake.nextCapture("pending");
  const result = await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  assert.equal(result.status, "processing");
  const pending = await receive(
    bed,
    bed.fake.lastEvent("PAYMENT.CAPTURE.PENDING")!,
  );
  assert.equal(pending?.type, "payment.processing");
  assert.equal(pending?.gatewayTransactionId, gatewayTransactionId);

  const order = bed.fake.order(gatewayTransactionId)!;
  const captureId = (order.purchase_units as {
    payments: { captures: { id: string }[] };
  }[])[0].payments.captures[0].id;
  bed.fake.settleCapture(captureId, "COMPLETED");
  const settled = await receive(
    bed,
    bed.fake.lastEvent("PAYMENT.CAPTURE.COMPLETED")!,
  );
  assert.equal(settled?.type, "payment.succeeded");
  assert.equal(settled?.reference, request.reference);
});

Deno.test("`complete()` twice with one reference replays the capture", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  const first = await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  const again = await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  assert.equal(first.status, "succeeded");
  assert.deepEqual(again, first);
  assert.equal(
    bed.fake.events.filter((e) => e.eventType === "PAYMENT.CAPTURE.COMPLETED")
      .length,
    1,
  );
});

Deno.test("`complete()` reads back an order already captured by another request", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  const other = await bed.gateway.complete({
    gatewayTransactionId,
    reference: crypto.randomUUID(),
  });
  assert.equal(other.status, "succeeded");
  assert.deepEqual(other.fee, { amount: 398n, currency: "USD" });
  assert.ok(
    bed.fake.calls.some((call) =>
      call.method === "GET" &&
      call.path === `/v2/checkout/orders/${gatewayTransactionId}`
    ),
  );
});

Deno.test("`complete()` refuses an unknown order as INVALID_RESOURCE_ID", async () => {
  await using bed = await startTestbed(identity);
  await assert.rejects(
    bed.gateway.complete({
      gatewayTransactionId: "0NOSUCHORDER00000",
      reference: crypto.randomUUID(),
    }),
    refusedWith("INVALID_RESOURCE_ID"),
  );
});

Deno.test("a JPY payment is sent without decimals and its fee read in yen", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest({ amount: 5000n, currency: "JPY" });
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  const order = bed.fake.order(gatewayTransactionId)!;
  assert.deepEqual(
    (order.purchase_units as { amount: unknown }[])[0].amount,
    { currency_code: "JPY", value: "5000" },
  );
  bed.fake.approve(gatewayTransactionId);
  const result = await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  // 3.49% of 5000 (174) plus 40.
  assert.deepEqual(result.fee, { amount: 214n, currency: "JPY" });
  const event = await receive(
    bed,
    bed.fake.lastEvent("PAYMENT.CAPTURE.COMPLETED")!,
  );
  assert.deepEqual(event?.amount, { amount: 5000n, currency: "JPY" });
});

Deno.test("a HUF payment is sent in whole forints; fillér are refused before calling", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest({ amount: 100000n, currency: "HUF" });
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  const order = bed.fake.order(gatewayTransactionId)!;
  assert.deepEqual(
    (order.purchase_units as { amount: unknown }[])[0].amount,
    { currency_code: "HUF", value: "1000" },
  );
  const calls = bed.fake.calls.length;
  await assert.rejects(
    bed.gateway.createPayment(
      paymentRequest({ amount: 100050n, currency: "HUF" }),
    ),
    refusedWith("DECIMAL_PRECISION"),
  );
  assert.equal(bed.fake.calls.length, calls);
});

Deno.test("`refund()` refunds part, then the rest, then refuses more", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest({ amount: 10000n, currency: "USD" });
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  const refund = (amount: bigint, reference = crypto.randomUUID()) =>
    bed.gateway.refund({
      gatewayTransactionId,
      paymentReference: request.reference,
      captured: request.amount,
      amount: { amount, currency: "USD" },
      reason: "Damaged in transit",
      reference,
    });
  const partialReference = crypto.randomUUID();
  const partial = await refund(2500n, partialReference);
  assert.equal(partial.status, "succeeded");
  assert.match(partial.gatewayTransactionId, /^[A-Z0-9]{17}$/);
  assert.equal(partial.raw.custom_id, partialReference);
  assert.equal(partial.raw.note_to_payer, "Damaged in transit");
  assert.deepEqual(partial.raw.amount, {
    currency_code: "USD",
    value: "25.00",
  });

  const event = await receive(
    bed,
    bed.fake.lastEvent("PAYMENT.CAPTURE.REFUNDED")!,
  );
  assert.equal(event?.type, "refund.succeeded");
  assert.equal(event?.gatewayTransactionId, partial.gatewayTransactionId);
  assert.equal(event?.reference, partialReference);
  assert.deepEqual(event?.amount, { amount: 2500n, currency: "USD" });

  // The same reference again is the same refund, not a second one.
  const replayed = await refund(2500n, partialReference);
  assert.equal(replayed.gatewayTransactionId, partial.gatewayTransactionId);

  const rest = await refund(7500n);
  assert.equal(rest.status, "succeeded");
  assert.notEqual(rest.gatewayTransactionId, partial.gatewayTransactionId);
  await assert.rejects(refund(1n), refusedWith("CAPTURE_FULLY_REFUNDED"));
});

Deno.test("`refund()` beyond what was captured is refused as REFUND_AMOUNT_EXCEEDED", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest({ amount: 5000n, currency: "JPY" });
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  await assert.rejects(
    bed.gateway.refund({
      gatewayTransactionId,
      paymentReference: request.reference,
      captured: request.amount,
      amount: { amount: 5001n, currency: "JPY" },
      reference: crypto.randomUUID(),
    }),
    refusedWith("REFUND_AMOUNT_EXCEEDED"),
  );
});

Deno.test("`refund()` answers a pending refund as processing", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  bed.fake.approve(gatewayTransactionId);
  await bed.gateway.complete({
    gatewayTransactionId,
    reference: request.reference,
  });
  bed.fake.nextRefundPending();
  const result = await bed.gateway.refund({
    gatewayTransactionId,
    paymentReference: request.reference,
    captured: request.amount,
    amount: request.amount,
    reference: crypto.randomUUID(),
  });
  assert.equal(result.status, "processing");
});

Deno.test("`refund()` of an order never captured is refused", async () => {
  await using bed = await startTestbed(identity);
  const request = paymentRequest();
  const { gatewayTransactionId } = await bed.gateway.createPayment(request);
  await assert.rejects(
    bed.gateway.refund({
      gatewayTransactionId,
      paymentReference: request.reference,
      captured: request.amount,
      amount: request.amount,
      reference: crypto.randomUUID(),
    }),
    refusedWith("CAPTURE_NOT_FOUND"),
  );
});

Deno.test("the access token is fetched once and reused", async () => {
  await using bed = await startTestbed(identity);
  await bed.gateway.createPayment(paymentRequest());
  await Promise.all([
    bed.gateway.createPayment(paymentRequest()),
    bed.gateway.createPayment(paymentRequest()),
  ]);
  const tokens = bed.fake.calls.filter((c) => c.path === "/v1/oauth2/token");
  assert.equal(tokens.length, 1);
});

Deno.test("a caller giving up on a shared token fetch does not fail the others", async () => {
  await using bed = await startTestbed(identity);
  bed.fake.delayNext({ path: "/v1/oauth2/token", ms: 150 });
  const impatient = new AbortController();
  // The impatient caller starts the token fetch, then gives up.
  const first = bed.gateway.createPayment({
    ...paymentRequest(),
    signal: impatient.signal,
  });
  const second = bed.gateway.createPayment(paymentRequest());
  setTimeout(() => impatient.abort(), 20);
  await assert.rejects(first, transient(undefined));
  const result = await second;
  assert.equal(result.status, "requires_action");
  assert.equal(bed.fake.orderCount, 1);
  const tokens = bed.fake.calls.filter((c) => c.path === "/v1/oauth2/token");
  assert.equal(tokens.length, 1, "the token was fetched once, for both");
  // And it is kept for later calls.
  await bed.gateway.createPayment(paymentRequest());
  assert.equal(
    bed.fake.calls.filter((c) => c.path === "/v1/oauth2/token").length,
    1,
  );
});

Deno.test("a hung token fetch ends at its own deadline; the next call fetches again", async () => {
  await using bed = await startTestbed(identity, {
    gateway: { tokenTimeoutMs: 100 },
  });
  bed.fake.failNext({ path: "/v1/oauth2/token", hang: true });
  const started = Date.now();
  // No caller's signal: only the token's own deadline ends the wait.
  await assert.rejects(
    bed.gateway.createPayment(paymentRequest()),
    transient(undefined),
  );
  assert.ok(Date.now() - started < 2000, "the deadline ended the wait");
  const result = await bed.gateway.createPayment(paymentRequest());
  assert.equal(result.status, "requires_action");
  assert.equal(
    bed.fake.calls.filter((c) => c.path === "/v1/oauth2/token").length,
    2,
  );
});

Deno.test("a revoked token is dropped and the call made once more", async () => {
  await using bed = await startTestbed(identity);
  await bed.gateway.createPayment(paymentRequest());
  bed.fake.revokeTokens();
  const result = await bed.gateway.createPayment(paymentRequest());
  assert.equal(result.status, "requires_action");
  const tokens = bed.fake.calls.filter((c) => c.path === "/v1/oauth2/token");
  assert.equal(tokens.length, 2);
  assert.equal(bed.fake.orderCount, 2);
});

Deno.test("the access token is renewed shortly before it expires", async () => {
  let clock = Date.now();
  await using bed = await startTestbed(identity, {
    fake: { tokenTtlSeconds: 3600 },
    gateway: { now: () => new Date(clock) },
  });
  await bed.gateway.createPayment(paymentRequest());
  clock += 3000_000;
  await bed.gateway.createPayment(paymentRequest());
  clock += 400_000;
  await bed.gateway.createPayment(paymentRequest());
  const tokens = bed.fake.calls.filter((c) => c.path === "/v1/oauth2/token");
  assert.equal(tokens.length, 2);
});

Deno.test("wrong client credentials are refused as invalid_client", async () => {
  await using bed = await startTestbed(identity);
  const gateway = bed.adapter({ clientSecret: "not-the-secret" });
  await assert.rejects(
    gateway.createPayment(paymentRequest()),
    refusedWith("invalid_client"),
  );
});

Deno.test("a 503 or 429 from PayPal is a GatewayTransientError", async () => {
  await using bed = await startTestbed(identity);
  bed.fake.failNext({ path: "/v1/oauth2/token" });
  await assert.rejects(
    bed.gateway.createPayment(paymentRequest()),
    transient(503),
  );
  bed.fake.failNext({ path: "/v2/checkout/orders", status: 429 });
  await assert.rejects(
    bed.gateway.createPayment(paymentRequest()),
    transient(429),
  );
  bed.fake.failNext({ path: "/v2/checkout/orders", status: 500 });
  await assert.rejects(
    bed.gateway.createPayment(paymentRequest()),
    transient(500),
  );
});

Deno.test("a network error is a GatewayTransientError", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => new Response(),
  );
  const closedUrl = `http://127.0.0.1:${server.addr.port}`;
  await server.shutdown();
  const gateway = new PayPalGateway({
    clientId: "id",
    clientSecret: "secret",
    webhookId: "WH-1",
    publicUrl: PUBLIC_URL,
    apiUrl: closedUrl,
  });
  await assert.rejects(
    gateway.createPayment(paymentRequest()),
    transient(undefined),
  );
});

Deno.test("a call hanging until the caller gives up is a GatewayTransientError", async () => {
  await using bed = await startTestbed(identity);
  await bed.gateway.createPayment(paymentRequest());
  bed.fake.failNext({ path: "/v2/checkout/orders", hang: true });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 50);
  try {
    await assert.rejects(
      bed.gateway.createPayment({
        ...paymentRequest(),
        signal: controller.signal,
      }),
      transient(undefined),
    );
  } finally {
    clearTimeout(timer);
  }
});

Deno.test("`createPayment()` refuses a return URL off the store", async () => {
  await using bed = await startTestbed(identity);
  await assert.rejects(
    bed.gateway.createPayment({
      ...paymentRequest(),
      returnUrl: "https://evil.example/orders/1",
    }),
    RangeError,
  );
  assert.equal(bed.fake.orderCount, 0);
});
