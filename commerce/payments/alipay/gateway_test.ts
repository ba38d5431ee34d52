import assert from "node:assert/strict";
import { Invalid } from "../../../edge/errors.ts";
import { parseMoney } from "../../pricing/mod.ts";
import {
  GatewayRefused,
  GatewayTransientError,
  InvalidPaymentMethod,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
} from "../errors.ts";
import type { CreatePaymentRequest, GatewayEvent } from "../gateway.ts";
import {
  FakeAlipay,
  type FakeAlipayOptions,
  generateRsaKeyPair,
  signNotification,
  startFakeAlipay,
} from "./_fake.ts";
import {
  AlipayGateway,
  type AlipayGatewayOptions,
  alipayOrderNumber,
} from "./gateway.ts";

const APP_ID = "2021004100000001";
const NOTIFY_URL = "https://shop.example/api/payments/webhook/alipay";
const PUBLIC_URL = "https://shop.example";

// One set of keys for the whole file: RSA generation is the slow part.
const [merchant, alipay, stranger] = await Promise.all([
  generateRsaKeyPair(),
  generateRsaKeyPair(),
  generateRsaKeyPair(),
]);

interface Setup extends AsyncDisposable {
  fake: FakeAlipay;
  gateway: AlipayGateway;
  /** What the store made of each notification the fake sent. */
  events: (GatewayEvent | null)[];
  /** Notifications the store refused. */
  rejected: unknown[];
}

/** A fake Alipay and an adapter on it, notifications parsed by the adapter. */
function setup(
  options: Partial<AlipayGatewayOptions> = {},
  fakeOptions: Pick<FakeAlipayOptions, "now"> = {},
): Setup {
  const events: (GatewayEvent | null)[] = [];
  const rejected: unknown[] = [];
  const fake = startFakeAlipay({
    ...fakeOptions,
    appId: APP_ID,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
    deliver: async (request) => {
      try {
        events.push(
          await gateway.parseWebhook({
            rawBody: await request.text(),
            headers: request.headers,
          }),
        );
        return new Response(gateway.webhookAck.body, {
          headers: { "content-type": gateway.webhookAck.contentType },
        });
      } catch (error) {
        rejected.push(error);
        return new Response("fail", { status: 400 });
      }
    },
  });
  const gateway = new AlipayGateway({
    appId: APP_ID,
    privateKey: merchant.privateKey,
    alipayPublicKey: alipay.publicKey,
    gatewayUrl: fake.gatewayUrl,
    notifyUrl: NOTIFY_URL,
    publicUrl: PUBLIC_URL,
    ...options,
  });
  return {
    fake,
    gateway,
    events,
    rejected,
    [Symbol.asyncDispose]: () => fake.close(),
  };
}

function payment(
  amount = "88.88",
  reference: string = crypto.randomUUID(),
) {
  return {
    reference,
    amount: parseMoney(amount, "CNY"),
    orderNumber: "GS-100001",
    returnUrl: "/zh/orders/42",
  };
}

/** The shopper opens the page-pay URL: the cashier's URL and page. */
async function openCashier(
  url: string,
): Promise<{ url: string; html: string }> {
  const response = await fetch(url, { redirect: "manual" });
  await response.body?.cancel();
  assert.equal(response.status, 302);
  const cashier = response.headers.get("location")!;
  const page = await fetch(cashier);
  return { url: cashier, html: await page.text() };
}

/** The shopper presses a cashier button: where the browser goes next. */
async function press(cashierUrl: string, button: "pay" | "close") {
  const response = await fetch(`${cashierUrl}/${button}`, {
    method: "POST",
    redirect: "manual",
  });
  await response.body?.cancel();
  assert.equal(response.status, 302);
  return new URL(response.headers.get("location")!);
}

/** A paid trade of `amount` at the fake; its notification is consumed. */
async function paidTrade(ctx: Setup, amount = "88.88") {
  const request = payment(amount);
  const created = await ctx.gateway.createPayment(request);
  assert.equal(created.nextAction?.type, "redirect");
  await openCashier((created.nextAction as { url: string }).url);
  await ctx.fake.pay(created.gatewayTransactionId);
  ctx.events.length = 0;
  return { request, outTradeNo: created.gatewayTransactionId };
}

function refund(outTradeNo: string, amount: string) {
  return {
    gatewayTransactionId: outTradeNo,
    paymentReference: crypto.randomUUID(),
    captured: parseMoney("88.88", "CNY"),
    amount: parseMoney(amount, "CNY"),
    reason: "退货 returned",
    reference: crypto.randomUUID(),
  };
}

function webhook(notification: { body: string }) {
  return { rawBody: notification.body, headers: new Headers() };
}

Deno.test("`createPayment()` answers a signed page-pay redirect that the fake accepts", async () => {
  await using ctx = setup();
  const request = payment();
  const answer = await ctx.gateway.createPayment(request);
  const outTradeNo = request.reference.replaceAll("-", "");
  assert.equal(answer.status, "requires_action");
  assert.equal(answer.gatewayTransactionId, outTradeNo);
  assert.equal(answer.nextAction?.type, "redirect");
  const url = new URL((answer.nextAction as { url: string }).url);
  assert.equal(url.origin + url.pathname, ctx.fake.gatewayUrl);
  const params = Object.fromEntries(url.searchParams);
  assert.equal(params.method, "alipay.trade.page.pay");
  assert.equal(params.app_id, APP_ID);
  assert.equal(params.sign_type, "RSA2");
  assert.equal(params.notify_url, NOTIFY_URL);
  assert.equal(params.return_url, "https://shop.example/zh/orders/42");
  assert.match(params.timestamp, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.deepEqual(JSON.parse(params.biz_content), {
    out_trade_no: outTradeNo,
    product_code: "FAST_INSTANT_TRADE_PAY",
    total_amount: "88.88",
    subject: "GS-100001",
  });
  const cashier = await openCashier(url.href);
  assert.match(cashier.html, /id="total-amount">88\.88</);
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "WAIT_BUYER_PAY");
});

Deno.test("`createPayment()` stamps `timestamp` in China time", async () => {
  await using ctx = setup({ now: () => new Date("2024-12-31T17:30:05Z") });
  const answer = await ctx.gateway.createPayment(payment());
  const url = new URL((answer.nextAction as { url: string }).url);
  assert.equal(url.searchParams.get("timestamp"), "2025-01-01 01:30:05");
});

Deno.test("paying on the cashier sends the shopper back and notifies `payment.succeeded`", async () => {
  await using ctx = setup();
  const request = payment();
  const answer = await ctx.gateway.createPayment(request);
  const cashier = await openCashier((answer.nextAction as { url: string }).url);
  const back = await press(cashier.url, "pay");
  assert.equal(
    back.origin + back.pathname,
    "https://shop.example/zh/orders/42",
  );
  assert.equal(
    back.searchParams.get("out_trade_no"),
    answer.gatewayTransactionId,
  );
  assert.equal(back.searchParams.get("method"), "alipay.trade.page.pay.return");
  assert.ok(back.searchParams.get("sign"));
  await ctx.fake.idle();
  assert.deepEqual(ctx.rejected, []);
  assert.equal(ctx.events.length, 1);
  const event = ctx.events[0]!;
  assert.equal(event.type, "payment.succeeded");
  assert.equal(event.gatewayTransactionId, answer.gatewayTransactionId);
  assert.equal(event.reference, request.reference);
  assert.deepEqual(event.amount, parseMoney("88.88", "CNY"));
  assert.equal(event.eventId, ctx.fake.deliveries[0].params.notify_id);
  assert.equal(
    event.raw.trade_no,
    ctx.fake.trade(answer.gatewayTransactionId)?.tradeNo,
  );
  assert.equal(ctx.fake.deliveries[0].acknowledged, true);
});

Deno.test("closing on the cashier (Alipay's decline) notifies `payment.failed` with `trade_closed`", async () => {
  await using ctx = setup();
  const answer = await ctx.gateway.createPayment(payment());
  const cashier = await openCashier((answer.nextAction as { url: string }).url);
  const back = await press(cashier.url, "close");
  assert.equal(back.href, "https://shop.example/zh/orders/42");
  await ctx.fake.idle();
  assert.equal(ctx.events.length, 1);
  assert.equal(ctx.events[0]?.type, "payment.failed");
  assert.equal(ctx.events[0]?.failureCode, "trade_closed");
  assert.equal(
    ctx.events[0]?.gatewayTransactionId,
    answer.gatewayTransactionId,
  );
});

Deno.test("`createPayment()` with the same reference twice makes one trade at the fake", async () => {
  await using ctx = setup();
  const request = payment();
  const first = await ctx.gateway.createPayment(request);
  const second = await ctx.gateway.createPayment(request);
  assert.equal(first.gatewayTransactionId, second.gatewayTransactionId);
  const firstUrl = (first.nextAction as { url: string }).url;
  const secondUrl = (second.nextAction as { url: string }).url;
  const a = await openCashier(firstUrl);
  const b = await openCashier(secondUrl);
  assert.equal(a.url, b.url);
  assert.equal(ctx.fake.tradeCount, 1);
  await press(a.url, "pay");
  const again = await fetch(secondUrl);
  assert.match(await again.text(), /ACQ\.TRADE_HAS_SUCCESS/);
  await ctx.fake.idle();
  assert.equal(
    ctx.events.filter((e) => e?.type === "payment.succeeded").length,
    1,
  );
});

Deno.test("the fake refuses a page-pay URL whose amount was altered", async () => {
  await using ctx = setup();
  const answer = await ctx.gateway.createPayment(payment());
  const url = new URL((answer.nextAction as { url: string }).url);
  const biz = JSON.parse(url.searchParams.get("biz_content")!);
  url.searchParams.set(
    "biz_content",
    JSON.stringify({ ...biz, total_amount: "0.01" }),
  );
  const response = await fetch(url);
  assert.match(await response.text(), /isv\.invalid-signature/);
  assert.equal(ctx.fake.tradeCount, 0);
});

Deno.test("`parseWebhook()` rejects a notification whose body was altered", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const notification = ctx.fake.notification(outTradeNo);
  const body = notification.body.replace(
    "total_amount=88.88",
    "total_amount=0.01",
  );
  assert.notEqual(body, notification.body);
  await assert.rejects(
    ctx.gateway.parseWebhook({ rawBody: body, headers: new Headers() }),
    (error) =>
      error instanceof InvalidWebhookSignature &&
      error.reason === "signature_mismatch",
  );
});

Deno.test("`parseWebhook()` rejects a notification signed with another key", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const { sign: _sign, ...params } = ctx.fake.notification(outTradeNo).params;
  const forged = signNotification(params, stranger.privateKey);
  await assert.rejects(
    ctx.gateway.parseWebhook(webhook(forged)),
    (error) =>
      error instanceof InvalidWebhookSignature &&
      error.reason === "signature_mismatch",
  );
});

Deno.test("`parseWebhook()` rejects a notification without a signature, or with one that is no base64", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const { params } = ctx.fake.notification(outTradeNo);
  const { sign: _sign, ...unsigned } = params;
  await assert.rejects(
    ctx.gateway.parseWebhook({
      rawBody: new URLSearchParams(unsigned).toString(),
      headers: new Headers(),
    }),
    (error) =>
      error instanceof InvalidWebhookSignature &&
      error.reason === "missing_header",
  );
  await assert.rejects(
    ctx.gateway.parseWebhook({
      rawBody: new URLSearchParams({ ...params, sign: "not*base64" })
        .toString(),
      headers: new Headers(),
    }),
    (error) =>
      error instanceof InvalidWebhookSignature &&
      error.reason === "malformed_header",
  );
});

Deno.test("`parseWebhook()` rejects a stale `notify_time`", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const old = ctx.fake.notification(outTradeNo, {
    notifyTime: new Date(Date.now() - 901_000),
  });
  await assert.rejects(
    ctx.gateway.parseWebhook(webhook(old)),
    (error) =>
      error instanceof InvalidWebhookSignature &&
      error.reason === "stale_timestamp",
  );
  const recent = ctx.fake.notification(outTradeNo, {
    notifyTime: new Date(Date.now() - 600_000),
  });
  assert.equal(
    (await ctx.gateway.parseWebhook(webhook(recent)))?.type,
    "payment.succeeded",
  );
});

Deno.test("`parseWebhook()` honours `toleranceSeconds`", async () => {
  await using ctx = setup({ toleranceSeconds: 60 });
  const { outTradeNo } = await paidTrade(ctx);
  const notification = ctx.fake.notification(outTradeNo, {
    notifyTime: new Date(Date.now() - 120_000),
  });
  await assert.rejects(
    ctx.gateway.parseWebhook(webhook(notification)),
    InvalidWebhookSignature,
  );
});

Deno.test("`parseWebhook()` refuses a verified notification for another app", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const other = ctx.fake.notification(outTradeNo, {
    params: { app_id: "2021000000000099" },
  });
  await assert.rejects(
    ctx.gateway.parseWebhook(webhook(other)),
    InvalidWebhookPayload,
  );
});

Deno.test("`parseWebhook()` refuses a verified notification with an unreadable amount", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const odd = ctx.fake.notification(outTradeNo, {
    params: { total_amount: "88.888" },
  });
  await assert.rejects(
    ctx.gateway.parseWebhook(webhook(odd)),
    InvalidWebhookPayload,
  );
});

Deno.test("a redelivered notification keeps its `notify_id` as the event id", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const first = await ctx.fake.deliver(ctx.fake.notification(outTradeNo));
  const again = await ctx.fake.redeliver(first);
  assert.equal(again.params.notify_id, first.params.notify_id);
  assert.deepEqual(ctx.rejected, []);
  assert.equal(ctx.events.length, 2);
  assert.equal(ctx.events[0]?.eventId, first.params.notify_id);
  assert.equal(ctx.events[1]?.eventId, first.params.notify_id);
  assert.equal(again.acknowledged, true);
});

Deno.test("`parseWebhook()` maps `WAIT_BUYER_PAY` and resolves `null` for what the store does not act on", async () => {
  await using ctx = setup();
  const request = payment();
  const answer = await ctx.gateway.createPayment(request);
  await openCashier((answer.nextAction as { url: string }).url);
  const parse = (params: Record<string, string>) =>
    ctx.gateway.parseWebhook(
      webhook(ctx.fake.notification(answer.gatewayTransactionId, { params })),
    );
  const waiting = await parse({});
  assert.equal(waiting?.type, "payment.requires_action");
  assert.equal(waiting?.reference, request.reference);
  assert.equal(await parse({ trade_status: "TRADE_PENDING_REVIEW" }), null);
  assert.equal(await parse({ notify_type: "trade_settle_sync" }), null);
});

Deno.test("`parseWebhook()` reads `TRADE_FINISHED` as `payment.succeeded`, amounts exactly", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx, "0.01");
  const event = await ctx.gateway.parseWebhook(
    webhook(ctx.fake.notification(outTradeNo, {
      params: { trade_status: "TRADE_FINISHED" },
    })),
  );
  assert.equal(event?.type, "payment.succeeded");
  assert.deepEqual(event?.amount, { amount: 1n, currency: "CNY" });
});

Deno.test("`refund()` refunds in parts, then in full, then refuses more with `ACQ.REFUND_AMT_NOT_EQUAL_TOTAL`", async () => {
  await using ctx = setup();
  const { outTradeNo, request } = await paidTrade(ctx);
  const partial = refund(outTradeNo, "30.00");
  const first = await ctx.gateway.refund(partial);
  assert.equal(first.status, "succeeded");
  assert.equal(
    first.gatewayTransactionId,
    partial.reference.replaceAll("-", ""),
  );
  assert.equal(first.raw.refund_fee, "30.00");
  const rest = await ctx.gateway.refund(refund(outTradeNo, "58.88"));
  assert.equal(rest.raw.refund_fee, "88.88");
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "TRADE_CLOSED");
  await assert.rejects(
    ctx.gateway.refund(refund(outTradeNo, "0.01")),
    (error) =>
      error instanceof GatewayRefused &&
      error.gatewayCode === "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
  );
  await ctx.fake.idle();
  assert.deepEqual(ctx.rejected, []);
  assert.deepEqual(
    ctx.events.map((
      e,
    ) => [e?.type, e?.gatewayTransactionId, e?.amount?.amount]),
    [
      ["refund.succeeded", first.gatewayTransactionId, 3000n],
      ["refund.succeeded", rest.gatewayTransactionId, 5888n],
    ],
  );
  assert.equal(ctx.events[0]?.reference, partial.reference);
  assert.notEqual(ctx.events[0]?.reference, request.reference);
});

Deno.test("`refund()` with the same reference twice refunds once", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const once = refund(outTradeNo, "10.00");
  const a = await ctx.gateway.refund(once);
  const b = await ctx.gateway.refund(once);
  assert.equal(a.gatewayTransactionId, b.gatewayTransactionId);
  assert.equal(b.raw.fund_change, "N");
  assert.equal(ctx.fake.trade(outTradeNo)?.refunded.amount, 1000n);
});

Deno.test("`refund()` of an unknown trade is refused with `ACQ.TRADE_NOT_EXIST`", async () => {
  await using ctx = setup();
  await assert.rejects(
    ctx.gateway.refund(refund(alipayOrderNumber(crypto.randomUUID()), "1.00")),
    (error) =>
      error instanceof GatewayRefused &&
      error.gatewayCode === "ACQ.TRADE_NOT_EXIST",
  );
});

Deno.test("`refund()` throws `GatewayTransientError` on 503, `20000`, a network error and an abort", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  ctx.fake.failNext(1);
  await assert.rejects(
    ctx.gateway.refund(refund(outTradeNo, "1.00")),
    (error) => error instanceof GatewayTransientError && error.status === 503,
  );
  ctx.fake.failNext(1, "system_error");
  await assert.rejects(
    ctx.gateway.refund(refund(outTradeNo, "1.00")),
    GatewayTransientError,
  );
  const offline = new AlipayGateway({
    appId: APP_ID,
    privateKey: merchant.privateKey,
    alipayPublicKey: alipay.publicKey,
    gatewayUrl: ctx.fake.gatewayUrl,
    notifyUrl: NOTIFY_URL,
    publicUrl: PUBLIC_URL,
    fetch: () => Promise.reject(new TypeError("connection refused")),
  });
  await assert.rejects(
    offline.refund(refund(outTradeNo, "1.00")),
    GatewayTransientError,
  );
  ctx.fake.failNext(1, "hang");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 50);
  await assert.rejects(
    ctx.gateway.refund({
      ...refund(outTradeNo, "1.00"),
      signal: controller.signal,
    }),
    GatewayTransientError,
  );
  clearTimeout(timer);
  assert.equal(ctx.fake.trade(outTradeNo)?.refunded.amount, 0n);
  assert.equal(ctx.fake.apiCalls, 3);
});

Deno.test("`refund()` distrusts an answer signed with another key", async () => {
  await using ctx = setup({ alipayPublicKey: stranger.publicKey });
  const { outTradeNo } = await paidTrade(ctx);
  await assert.rejects(
    ctx.gateway.refund(refund(outTradeNo, "1.00")),
    GatewayTransientError,
  );
});

Deno.test("`refund()` reports Alipay's refusal of a request signed with the wrong key", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  const misconfigured = new AlipayGateway({
    appId: APP_ID,
    privateKey: stranger.privateKey,
    alipayPublicKey: alipay.publicKey,
    gatewayUrl: ctx.fake.gatewayUrl,
    notifyUrl: NOTIFY_URL,
    publicUrl: PUBLIC_URL,
  });
  await assert.rejects(
    misconfigured.refund(refund(outTradeNo, "1.00")),
    (error) =>
      error instanceof GatewayRefused &&
      error.gatewayCode === "isv.invalid-signature",
  );
});

Deno.test("`supports()` takes yuan only; `createPayment()` refuses yen and dinars", async () => {
  await using ctx = setup();
  assert.equal(ctx.gateway.supports({ currency: "CNY", country: "CN" }), true);
  assert.equal(ctx.gateway.supports({ currency: "JPY", country: "JP" }), false);
  assert.equal(ctx.gateway.supports({ currency: "KWD", country: "KW" }), false);
  for (
    const amount of [parseMoney("1200", "JPY"), parseMoney("1.234", "KWD")]
  ) {
    await assert.rejects(
      ctx.gateway.createPayment({ ...payment(), amount }),
      Invalid,
    );
  }
  await assert.rejects(
    ctx.gateway.createPayment(payment("0.00")),
    Invalid,
  );
  await assert.rejects(
    ctx.gateway.refund({
      ...refund("x", "1.00"),
      amount: parseMoney("100", "JPY"),
    }),
    Invalid,
  );
});

Deno.test("`createPayment()` takes Alipay's largest amount", async () => {
  await using ctx = setup();
  const answer = await ctx.gateway.createPayment(payment("100000000.00"));
  const cashier = await openCashier((answer.nextAction as { url: string }).url);
  assert.match(cashier.html, /100000000\.00/);
});

Deno.test("`createPayment()` refuses a return URL off the store", async () => {
  await using ctx = setup();
  for (const returnUrl of ["https://evil.example/x", "//evil.example/x"]) {
    await assert.rejects(
      ctx.gateway.createPayment({ ...payment(), returnUrl }),
      RangeError,
    );
  }
});

Deno.test("`parseMethod()` takes nothing or `{ type: 'alipay' }`", async () => {
  await using ctx = setup();
  assert.deepEqual(ctx.gateway.parseMethod(undefined), { type: "alipay" });
  assert.deepEqual(ctx.gateway.parseMethod({ type: "alipay" }), {
    type: "alipay",
  });
  for (const input of [{ type: "card" }, "alipay", { type: "alipay", x: 1 }]) {
    assert.throws(() => ctx.gateway.parseMethod(input), InvalidPaymentMethod);
  }
});

Deno.test("`AlipayGateway` checks its options", () => {
  const valid: AlipayGatewayOptions = {
    appId: APP_ID,
    privateKey: merchant.privateKey,
    alipayPublicKey: alipay.publicKey,
    notifyUrl: NOTIFY_URL,
    publicUrl: PUBLIC_URL,
  };
  const bare = merchant.privateKey.replace(/-----[^-]+-----|\s/g, "");
  assert.ok(new AlipayGateway({ ...valid, privateKey: bare }));
  for (
    const bad of [
      { appId: "" },
      { privateKey: alipay.publicKey },
      { alipayPublicKey: "MIIB" },
      { notifyUrl: "/api/payments/webhook/alipay" },
      { publicUrl: "shop.example" },
      { gatewayUrl: "ftp://openapi.alipay.com/gateway.do" },
      { toleranceSeconds: 0 },
    ]
  ) {
    assert.throws(() => new AlipayGateway({ ...valid, ...bad }), TypeError);
  }
});

Deno.test("`webhookAck` is the text `success` Alipay waits for", async () => {
  await using ctx = setup();
  assert.deepEqual(ctx.gateway.webhookAck, {
    contentType: "text/plain; charset=utf-8",
    body: "success",
  });
});

/** A clock tests move by hand. */
function clock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

function cancellation(outTradeNo: string, signal?: AbortSignal) {
  return {
    gatewayTransactionId: outTradeNo,
    reference: crypto.randomUUID(),
    signal,
  };
}

/** An open attempt: created and its cashier opened (Alipay has the trade). */
async function openTrade(
  ctx: Setup,
  request: CreatePaymentRequest = payment(),
) {
  const created = await ctx.gateway.createPayment(request);
  const url = (created.nextAction as { url: string }).url;
  const cashier = await openCashier(url);
  return { outTradeNo: created.gatewayTransactionId, url, cashier };
}

Deno.test("`createPayment()` passes `expiresAt` as `time_expire` in China time, seconds dropped", async () => {
  await using ctx = setup({ now: () => new Date("2024-12-31T17:30:05Z") });
  const answer = await ctx.gateway.createPayment({
    ...payment(),
    expiresAt: new Date("2024-12-31T17:45:05.900Z"),
  });
  const url = new URL((answer.nextAction as { url: string }).url);
  const biz = JSON.parse(url.searchParams.get("biz_content")!);
  assert.equal(biz.time_expire, "2025-01-01 01:45:05");
  assert.equal(answer.raw.time_expire, "2025-01-01 01:45:05");
  await assert.rejects(
    ctx.gateway.createPayment({ ...payment(), expiresAt: new Date(NaN) }),
    RangeError,
  );
});

Deno.test("the fake stops a trade at its `time_expire`: paying is refused, `TRADE_CLOSED` is notified", async () => {
  const time = clock();
  await using ctx = setup({ now: time.now }, { now: time.now });
  const request = {
    ...payment(),
    expiresAt: new Date(time.now().getTime() + 15 * 60_000),
  };
  const { outTradeNo, url, cashier } = await openTrade(ctx, request);
  assert.equal(
    ctx.fake.trade(outTradeNo)?.timeExpire?.getTime(),
    Math.floor(request.expiresAt.getTime() / 1000) * 1000,
  );
  time.advance(15 * 60_000);
  const pressed = await fetch(`${cashier.url}/pay`, { method: "POST" });
  assert.match(await pressed.text(), /ACQ\.TRADE_HAS_CLOSE/);
  assert.throws(() => ctx.fake.pay(outTradeNo), /TRADE_CLOSED/);
  assert.match(await (await fetch(url)).text(), /ACQ\.TRADE_HAS_CLOSE/);
  await ctx.fake.idle();
  assert.deepEqual(
    ctx.events.map((e) => [e?.type, e?.failureCode]),
    [["payment.failed", "trade_closed"]],
  );
});

Deno.test("the fake refuses a page-pay URL opened after its `time_expire`", async () => {
  const time = clock();
  await using ctx = setup({ now: time.now }, { now: time.now });
  const answer = await ctx.gateway.createPayment({
    ...payment(),
    expiresAt: new Date(time.now().getTime() + 60_000),
  });
  time.advance(61_000);
  const page = await fetch((answer.nextAction as { url: string }).url);
  assert.match(await page.text(), /ACQ\.INVALID_PARAMETER/);
  assert.equal(ctx.fake.tradeCount, 0);
});

Deno.test("`cancel()` closes an open attempt with `alipay.trade.close`; it can no longer be paid", async () => {
  const sent: { url: string; body: string }[] = [];
  await using ctx = setup({
    fetch: (input, init) => {
      sent.push({ url: String(input), body: String(init?.body) });
      return fetch(input, init);
    },
  });
  const { outTradeNo, url, cashier } = await openTrade(ctx);
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "cancelled",
  );
  assert.equal(sent.length, 1);
  const query = new URL(sent[0].url).searchParams;
  assert.equal(query.get("method"), "alipay.trade.close");
  assert.ok(query.get("sign"));
  assert.deepEqual(
    JSON.parse(new URLSearchParams(sent[0].body).get("biz_content")!),
    { out_trade_no: outTradeNo },
  );
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "TRADE_CLOSED");
  const pressed = await fetch(`${cashier.url}/pay`, { method: "POST" });
  assert.match(await pressed.text(), /ACQ\.TRADE_HAS_CLOSE/);
  assert.match(await (await fetch(url)).text(), /ACQ\.TRADE_HAS_CLOSE/);
  assert.throws(() => ctx.fake.pay(outTradeNo), /TRADE_CLOSED/);
  await ctx.fake.idle();
  assert.deepEqual(ctx.rejected, []);
  assert.deepEqual(
    ctx.events.map((e) => [e?.type, e?.gatewayTransactionId]),
    [["payment.failed", outTradeNo]],
  );
});

Deno.test("`cancel()` twice answers `cancelled` twice (the second through `alipay.trade.query`)", async () => {
  await using ctx = setup();
  const { outTradeNo } = await openTrade(ctx);
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "cancelled",
  );
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "cancelled",
  );
  // close; then close (ACQ.TRADE_STATUS_ERROR) and query (TRADE_CLOSED).
  assert.equal(ctx.fake.apiCalls, 3);
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "TRADE_CLOSED");
});

Deno.test("`cancel()` after the shopper paid answers `already_paid` and leaves the payment alone", async () => {
  await using ctx = setup();
  const { outTradeNo } = await paidTrade(ctx);
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "already_paid",
  );
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "TRADE_SUCCESS");
  await ctx.fake.idle();
  assert.deepEqual(ctx.events, []);
});

Deno.test("`cancel()` of a trade that expired at Alipay answers `cancelled`", async () => {
  const time = clock();
  await using ctx = setup({ now: time.now }, { now: time.now });
  const { outTradeNo } = await openTrade(ctx, {
    ...payment(),
    expiresAt: new Date(time.now().getTime() + 60_000),
  });
  time.advance(120_000);
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "cancelled",
  );
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "TRADE_CLOSED");
});

Deno.test("`cancel()` before the cashier was opened answers `cancelled`, but, as at Alipay, the URL works until `time_expire`", async () => {
  const time = clock();
  await using ctx = setup({ now: time.now }, { now: time.now });
  const created = await ctx.gateway.createPayment({
    ...payment(),
    expiresAt: new Date(time.now().getTime() + 15 * 60_000),
  });
  const outTradeNo = created.gatewayTransactionId;
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "cancelled",
  );
  assert.equal(ctx.fake.tradeCount, 0);
  // Alipay keeps no trace of a trade it never had: only `time_expire`
  // stops the old URL.
  const url = (created.nextAction as { url: string }).url;
  const late = await openCashier(url);
  assert.match(late.html, /id="total-amount">88\.88</);
  time.advance(15 * 60_000);
  assert.match(await (await fetch(url)).text(), /ACQ\.TRADE_HAS_CLOSE/);
  assert.equal(
    await ctx.gateway.cancel(cancellation(outTradeNo)),
    "cancelled",
  );
});

Deno.test("`cancel()` throws `GatewayTransientError` on 503, `20000`, a bad signature and an abort", async () => {
  await using ctx = setup();
  const { outTradeNo } = await openTrade(ctx);
  ctx.fake.failNext(1);
  await assert.rejects(
    ctx.gateway.cancel(cancellation(outTradeNo)),
    (error) => error instanceof GatewayTransientError && error.status === 503,
  );
  ctx.fake.failNext(1, "system_error");
  await assert.rejects(
    ctx.gateway.cancel(cancellation(outTradeNo)),
    GatewayTransientError,
  );
  ctx.fake.failNext(1, "hang");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 50);
  await assert.rejects(
    ctx.gateway.cancel(cancellation(outTradeNo, controller.signal)),
    GatewayTransientError,
  );
  clearTimeout(timer);
  assert.equal(ctx.fake.trade(outTradeNo)?.status, "WAIT_BUYER_PAY");
  const distrustful = new AlipayGateway({
    appId: APP_ID,
    privateKey: merchant.privateKey,
    alipayPublicKey: stranger.publicKey,
    gatewayUrl: ctx.fake.gatewayUrl,
    notifyUrl: NOTIFY_URL,
    publicUrl: PUBLIC_URL,
  });
  await assert.rejects(
    distrustful.cancel(cancellation(alipayOrderNumber(crypto.randomUUID()))),
    GatewayTransientError,
  );
});

Deno.test("`cancel()` does not act on an unsigned `ACQ.TRADE_NOT_EXIST`", async () => {
  const gateway = new AlipayGateway({
    appId: APP_ID,
    privateKey: merchant.privateKey,
    alipayPublicKey: alipay.publicKey,
    notifyUrl: NOTIFY_URL,
    publicUrl: PUBLIC_URL,
    fetch: () =>
      Promise.resolve(Response.json({
        alipay_trade_close_response: {
          code: "40004",
          msg: "Business Failed",
          sub_code: "ACQ.TRADE_NOT_EXIST",
          sub_msg: "交易不存在",
        },
      })),
  });
  await assert.rejects(
    gateway.cancel(cancellation(alipayOrderNumber(crypto.randomUUID()))),
    GatewayTransientError,
  );
});

Deno.test("`cancel()` passes on Alipay's other refusals as `GatewayRefused`", async () => {
  await using ctx = setup();
  await assert.rejects(
    ctx.gateway.cancel(cancellation("")),
    (error) =>
      error instanceof GatewayRefused &&
      error.gatewayCode === "ACQ.INVALID_PARAMETER",
  );
});
