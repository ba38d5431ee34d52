import assert from "node:assert/strict";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import {
  GatewayRefused,
  GatewayTransientError,
  GatewayUnavailable,
  InvalidPaymentMethod,
  InvalidWebhookPayload,
  InvalidWebhookSignature,
  type SignatureProblem,
} from "../errors.ts";
import type {
  CancelPaymentRequest,
  CreatePaymentRequest,
  RefundRequest,
} from "../gateway.ts";
import {
  encryptResource,
  generateRsaKeys,
  merchantNumber,
  referenceFromMerchantNumber,
  startWechatTestPair,
  WECHAT_TEST_ACCOUNT,
  type WechatDelivery,
  type WechatFake,
  WechatGateway,
  type WechatGatewayOptions,
  WECHATPAY_HEADERS,
} from "./mod.ts";

const NOTIFY_URL = "https://store.example/webhooks/wechat";
const KEYS = {
  merchant: await generateRsaKeys(),
  platform: await generateRsaKeys(),
};
const STRANGER = await generateRsaKeys();

interface Pair {
  fake: WechatFake;
  gateway: WechatGateway;
  options: WechatGatewayOptions;
}

async function withPair(
  run: (pair: Pair) => Promise<void>,
  gateway: Partial<WechatGatewayOptions> = {},
  now?: () => Date,
): Promise<void> {
  const { fake, options } = await startWechatTestPair({
    notifyUrl: NOTIFY_URL,
    keys: KEYS,
    gateway,
    now,
  });
  try {
    await run({ fake, gateway: new WechatGateway(options), options });
  } finally {
    await fake.close();
  }
}

function payment(
  overrides: Partial<CreatePaymentRequest> = {},
): CreatePaymentRequest {
  return {
    reference: crypto.randomUUID(),
    amount: { amount: 1234n, currency: "CNY" },
    orderNumber: "ORD-1001",
    returnUrl: "/en/orders/1",
    ...overrides,
  };
}

function refund(
  paid: { gatewayTransactionId: string; reference: string },
  amount: bigint,
  reference: string = crypto.randomUUID(),
): RefundRequest {
  return {
    gatewayTransactionId: paid.gatewayTransactionId,
    paymentReference: paid.reference,
    captured: { amount: 1234n, currency: "CNY" },
    amount: { amount, currency: "CNY" },
    reason: "Returned",
    reference,
  };
}

/** A payment placed at the fake and paid by the shopper. */
async function paidPayment(pair: Pair) {
  const request = payment();
  const created = await pair.gateway.createPayment(request);
  await pair.fake.pay(created.gatewayTransactionId);
  return {
    gatewayTransactionId: created.gatewayTransactionId,
    reference: request.reference,
  };
}

/** Close the attempt `created` was made for. */
function closing(
  created: { gatewayTransactionId: string },
  overrides: Partial<CancelPaymentRequest> = {},
): CancelPaymentRequest {
  return {
    gatewayTransactionId: created.gatewayTransactionId,
    reference: referenceFromMerchantNumber(created.gatewayTransactionId)!,
    ...overrides,
  };
}

function qrCode(created: { nextAction?: { type: string; data?: string } }) {
  return created.nextAction?.type === "qr_code"
    ? created.nextAction.data ?? ""
    : "";
}

function webhook(delivery: Pick<WechatDelivery, "body" | "headers">) {
  return { rawBody: delivery.body, headers: new Headers(delivery.headers) };
}

function signatureProblem(reason: SignatureProblem) {
  return (error: unknown) =>
    error instanceof InvalidWebhookSignature && error.reason === reason;
}

function refused(code: string) {
  return (error: unknown) =>
    error instanceof GatewayRefused && error.gatewayCode === code &&
    error.status === 502;
}

function transient(status?: number) {
  return (error: unknown) =>
    error instanceof GatewayTransientError && error.gateway === "wechat" &&
    error.status === status;
}

Deno.test("`createPayment()` answers WeChat Pay's code_url as a qr_code next action", async () => {
  await withPair(async ({ fake, gateway }) => {
    const request = payment();
    const result = await gateway.createPayment(request);
    const outTradeNo = request.reference.replaceAll("-", "");
    assert.equal(result.gatewayTransactionId, outTradeNo);
    assert.equal(result.status, "requires_action");
    assert.equal(result.nextAction?.type, "qr_code");
    const code = result.nextAction?.type === "qr_code"
      ? result.nextAction.data
      : "";
    assert.match(code, /^weixin:\/\/wxpay\/bizpayurl\?pr=\w+$/);
    assert.deepEqual(result.raw, { code_url: code });
    assert.equal(fake.calls.length, 1);
    assert.equal(fake.calls[0].path, "/v3/pay/transactions/native");
    assert.deepEqual(JSON.parse(fake.calls[0].body), {
      appid: WECHAT_TEST_ACCOUNT.appId,
      mchid: WECHAT_TEST_ACCOUNT.mchId,
      description: "ORD-1001",
      out_trade_no: outTradeNo,
      notify_url: NOTIFY_URL,
      amount: { total: 1234, currency: "CNY" },
    });
  });
});

Deno.test("`createPayment()` twice with one reference places one order", async () => {
  await withPair(async ({ fake, gateway }) => {
    const request = payment();
    const first = await gateway.createPayment(request);
    const second = await gateway.createPayment(request);
    assert.deepEqual(second, first);
    assert.equal(fake.calls.length, 2);
    assert.equal(fake.trades.size, 1);
  });
});

Deno.test("`createPayment()` refuses non-yuan amounts (JPY, KWD) before calling WeChat Pay", async () => {
  await withPair(async ({ fake, gateway }) => {
    for (
      const amount of [
        { amount: 1500n, currency: "JPY" },
        { amount: 12345n, currency: "KWD" },
      ]
    ) {
      await assert.rejects(
        gateway.createPayment(payment({ amount })),
        (error) =>
          error instanceof GatewayUnavailable && error.status === 400 &&
          error.message.includes(amount.currency),
      );
    }
    assert.equal(fake.calls.length, 0);
    assert.equal(gateway.supports({ currency: "CNY", country: "CN" }), true);
    assert.equal(gateway.supports({ currency: "JPY", country: "JP" }), false);
    assert.equal(gateway.supports({ currency: "KWD", country: "KW" }), false);
  });
});

Deno.test("`createPayment()` sends whole fen: ¥0.01 is 1 and ¥100,000.00 is 10000000", async () => {
  await withPair(async ({ fake, gateway }) => {
    await gateway.createPayment(
      payment({ amount: { amount: 1n, currency: "CNY" } }),
    );
    await gateway.createPayment(
      payment({ amount: { amount: 10_000_000n, currency: "CNY" } }),
    );
    assert.deepEqual(
      [...fake.trades.values()].map((trade) => trade.total),
      [1, 10_000_000],
    );
  });
});

Deno.test("`parseWebhook()` reads a paid order as payment.succeeded in fen", async () => {
  await withPair(async (pair) => {
    const request = payment();
    const created = await pair.gateway.createPayment(request);
    const delivery = await pair.fake.pay(created.gatewayTransactionId);
    assert.equal(delivery.eventType, "TRANSACTION.SUCCESS");
    assert.equal(delivery.url, NOTIFY_URL);
    const event = await pair.gateway.parseWebhook(webhook(delivery));
    assert.ok(event);
    assert.equal(event.eventId, delivery.id);
    assert.equal(event.type, "payment.succeeded");
    assert.equal(event.gatewayTransactionId, created.gatewayTransactionId);
    assert.equal(event.reference, request.reference);
    assert.deepEqual(event.amount, { amount: 1234n, currency: "CNY" });
    assert.equal(event.failureCode, undefined);
    assert.ok(Math.abs(event.occurredAt.getTime() - Date.now()) < 5_000);
    const resource = event.raw.resource as Record<string, unknown>;
    assert.equal(
      resource.transaction_id,
      pair.fake.trades.get(created.gatewayTransactionId)?.transactionId,
    );
    assert.equal(resource.trade_state, "SUCCESS");
  });
});

Deno.test("`parseWebhook()` reads an order ending unpaid as payment.failed with its trade_state", async () => {
  await withPair(async ({ fake, gateway }) => {
    for (const state of ["PAYERROR", "CLOSED", "REVOKED"] as const) {
      const request = payment();
      const created = await gateway.createPayment(request);
      const delivery = await fake.fail(created.gatewayTransactionId, state);
      const event = await gateway.parseWebhook(webhook(delivery));
      assert.equal(event?.type, "payment.failed");
      assert.equal(event?.failureCode, state);
      assert.equal(event?.reference, request.reference);
    }
  });
});

Deno.test("`parseWebhook()` gives a redelivered callback the same eventId", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    const first = pair.fake.deliveries[0];
    const again = await pair.fake.redeliver(first);
    assert.notEqual(
      again.headers[WECHATPAY_HEADERS.nonce],
      first.headers[WECHATPAY_HEADERS.nonce],
    );
    const events = [
      await pair.gateway.parseWebhook(webhook(first)),
      await pair.gateway.parseWebhook(webhook(again)),
    ];
    assert.equal(events[0]?.eventId, first.id);
    assert.equal(events[1]?.eventId, first.id);
    assert.equal(events[1]?.gatewayTransactionId, paid.gatewayTransactionId);
  });
});

Deno.test("`parseWebhook()` rejects a tampered body as signature_mismatch", async () => {
  await withPair(async (pair) => {
    await paidPayment(pair);
    const delivery = pair.fake.deliveries[0];
    const body = delivery.body.replace(
      '"event_type":"TRANSACTION.SUCCESS"',
      '"event_type":"TRANSACTION.SUCCESS" ',
    );
    assert.notEqual(body, delivery.body);
    await assert.rejects(
      pair.gateway.parseWebhook(webhook({ ...delivery, body })),
      signatureProblem("signature_mismatch"),
    );
  });
});

Deno.test("`parseWebhook()` rejects a callback signed with another key or an unknown serial", async () => {
  await withPair(async (pair) => {
    await paidPayment(pair);
    const { body } = pair.fake.deliveries[0];
    const foreign = await pair.fake.signedHeaders(body, {
      privateKey: STRANGER.privateKey,
    });
    await assert.rejects(
      pair.gateway.parseWebhook(webhook({ body, headers: foreign })),
      signatureProblem("signature_mismatch"),
    );
    const warnings: unknown[] = [];
    const logged = new WechatGateway({
      ...pair.options,
      logger: { warn: (...args) => warnings.push(args) },
    });
    const rotated = await pair.fake.signedHeaders(body, {
      serial: "PUB_KEY_ID_0119000001092025010100000002",
    });
    await assert.rejects(
      logged.parseWebhook(webhook({ body, headers: rotated })),
      signatureProblem("signature_mismatch"),
    );
    assert.equal(warnings.length, 1);
  });
});

Deno.test("`parseWebhook()` rejects a stale timestamp, within the tolerance it is given", async () => {
  await withPair(async (pair) => {
    await paidPayment(pair);
    const { body } = pair.fake.deliveries[0];
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const headers = await pair.fake.signedHeaders(body, {
      timestamp: tenMinutesAgo,
    });
    await assert.rejects(
      pair.gateway.parseWebhook(webhook({ body, headers })),
      signatureProblem("stale_timestamp"),
    );
    const lenient = new WechatGateway({
      ...pair.options,
      toleranceSeconds: 900,
    });
    assert.equal(
      (await lenient.parseWebhook(webhook({ body, headers })))?.type,
      "payment.succeeded",
    );
  });
});

Deno.test("`parseWebhook()` rejects missing and malformed signature headers", async () => {
  await withPair(async (pair) => {
    await paidPayment(pair);
    const delivery = pair.fake.deliveries[0];
    for (const name of Object.values(WECHATPAY_HEADERS)) {
      if (name === WECHATPAY_HEADERS.signatureType) continue;
      const headers = new Headers(delivery.headers);
      headers.delete(name);
      await assert.rejects(
        pair.gateway.parseWebhook({ rawBody: delivery.body, headers }),
        signatureProblem("missing_header"),
      );
    }
    for (
      const [name, value] of [
        [WECHATPAY_HEADERS.signature, "not base64!"],
        [WECHATPAY_HEADERS.signature, "WECHATPAY/SIGNTEST/"],
        [WECHATPAY_HEADERS.timestamp, "yesterday"],
      ]
    ) {
      await assert.rejects(
        pair.gateway.parseWebhook(
          webhook({
            ...delivery,
            headers: { ...delivery.headers, [name]: value },
          }),
        ),
        signatureProblem("malformed_header"),
      );
    }
  });
});

Deno.test("`parseWebhook()` rejects a resource that fails the GCM tag check as signature_mismatch", async () => {
  await withPair(async ({ fake, gateway }) => {
    const plaintext = JSON.stringify({
      mchid: WECHAT_TEST_ACCOUNT.mchId,
      out_trade_no: "0".repeat(32),
      trade_state: "SUCCESS",
      amount: { total: 1, currency: "CNY" },
    });
    const sealed = await encryptResource(plaintext, {
      apiV3Key: WECHAT_TEST_ACCOUNT.apiV3Key,
      associatedData: "transaction",
      originalType: "transaction",
    });
    const bytes = Uint8Array.from(
      atob(sealed.ciphertext),
      (c) => c.charCodeAt(0),
    );
    bytes[0] ^= 1;
    const resources = [
      { ...sealed, ciphertext: btoa(String.fromCharCode(...bytes)) },
      { ...sealed, associated_data: "refund" },
      await encryptResource(plaintext, {
        apiV3Key: "b".repeat(32),
        associatedData: "transaction",
        originalType: "transaction",
      }),
    ];
    for (const resource of resources) {
      const body = JSON.stringify({
        id: crypto.randomUUID(),
        create_time: "2024-05-20T13:29:35+08:00",
        resource_type: "encrypt-resource",
        event_type: "TRANSACTION.SUCCESS",
        summary: "支付成功",
        resource,
      });
      await assert.rejects(
        gateway.parseWebhook(
          webhook({ body, headers: await fake.signedHeaders(body) }),
        ),
        signatureProblem("signature_mismatch"),
      );
    }
  });
});

Deno.test("`parseWebhook()` resolves null for event types and states the store does not act on", async () => {
  await withPair(async ({ fake, gateway }) => {
    const created = await gateway.createPayment(payment());
    const outTradeNo = created.gatewayTransactionId;
    const coupon = await fake.notify("COUPON.USE", {
      originalType: "coupon",
      plaintext: { stock_id: "9856000" },
      notifyUrl: NOTIFY_URL,
    });
    const waiting = await fake.notify("TRANSACTION.SUCCESS", {
      originalType: "transaction",
      plaintext: {
        mchid: WECHAT_TEST_ACCOUNT.mchId,
        out_trade_no: outTradeNo,
        trade_state: "USERPAYING",
        amount: { total: 1234, currency: "CNY" },
      },
      notifyUrl: NOTIFY_URL,
    });
    assert.equal(await gateway.parseWebhook(webhook(coupon)), null);
    assert.equal(await gateway.parseWebhook(webhook(waiting)), null);
  });
});

Deno.test("`parseWebhook()` rejects a signed body it cannot read as an invalid payload", async () => {
  await withPair(async ({ fake, gateway }) => {
    for (
      const body of [
        "not json",
        JSON.stringify({ id: "x", event_type: "TRANSACTION.SUCCESS" }),
        JSON.stringify({
          id: "x",
          create_time: "2024-05-20T13:29:35+08:00",
          event_type: "TRANSACTION.SUCCESS",
        }),
      ]
    ) {
      await assert.rejects(
        gateway.parseWebhook(
          webhook({ body, headers: await fake.signedHeaders(body) }),
        ),
        InvalidWebhookPayload,
      );
    }
    const created = await gateway.createPayment(payment());
    const other = await fake.notify("TRANSACTION.SUCCESS", {
      originalType: "transaction",
      plaintext: {
        mchid: "1900000999",
        out_trade_no: created.gatewayTransactionId,
        trade_state: "SUCCESS",
        amount: { total: 1234, currency: "CNY" },
      },
      notifyUrl: NOTIFY_URL,
    });
    await assert.rejects(
      gateway.parseWebhook(webhook(other)),
      InvalidWebhookPayload,
    );
  });
});

Deno.test("`refund()` refunds part, then the rest, then refuses what is beyond", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    const partialReference = crypto.randomUUID();
    const partial = await pair.gateway.refund(
      refund(paid, 500n, partialReference),
    );
    const outRefundNo = partialReference.replaceAll("-", "");
    assert.equal(partial.status, "processing");
    assert.equal(partial.gatewayTransactionId, outRefundNo);
    assert.equal(partial.raw.status, "PROCESSING");
    assert.deepEqual(JSON.parse(pair.fake.calls.at(-1)!.body), {
      out_trade_no: paid.gatewayTransactionId,
      out_refund_no: outRefundNo,
      reason: "Returned",
      notify_url: NOTIFY_URL,
      amount: { refund: 500, total: 1234, currency: "CNY" },
    });

    const settled = await pair.fake.settleRefund(outRefundNo);
    const event = await pair.gateway.parseWebhook(webhook(settled));
    assert.equal(event?.type, "refund.succeeded");
    assert.equal(event?.gatewayTransactionId, outRefundNo);
    assert.equal(event?.reference, partialReference);
    assert.deepEqual(event?.amount, { amount: 500n, currency: "CNY" });

    pair.fake.refundStatus = "SUCCESS";
    const rest = await pair.gateway.refund(refund(paid, 734n));
    assert.equal(rest.status, "succeeded");
    assert.equal(pair.fake.deliveries.at(-1)?.eventType, "REFUND.SUCCESS");

    await assert.rejects(
      pair.gateway.refund(refund(paid, 1n)),
      refused("INVALID_REQUEST"),
    );
  });
});

Deno.test("`refund()` beyond the captured amount is refused with INVALID_REQUEST", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    await assert.rejects(
      pair.gateway.refund(refund(paid, 1235n)),
      refused("INVALID_REQUEST"),
    );
    assert.equal(pair.fake.refunds.size, 0);
  });
});

Deno.test("`refund()` retried with one reference refunds once", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    const reference = crypto.randomUUID();
    const first = await pair.gateway.refund(refund(paid, 1000n, reference));
    const again = await pair.gateway.refund(refund(paid, 1000n, reference));
    assert.equal(again.gatewayTransactionId, first.gatewayTransactionId);
    assert.equal(pair.fake.refunds.size, 1);
    assert.equal(
      pair.fake.trades.get(paid.gatewayTransactionId)?.refunded,
      1000,
    );
  });
});

Deno.test("`refund()` and its callback report an abnormal refund as failed", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    pair.fake.refundStatus = "ABNORMAL";
    const result = await pair.gateway.refund(refund(paid, 100n));
    assert.equal(result.status, "failed");
    assert.equal(result.failureCode, "ABNORMAL");
    const event = await pair.gateway.parseWebhook(
      webhook(pair.fake.deliveries.at(-1)!),
    );
    assert.equal(event?.type, "refund.failed");
    assert.equal(event?.failureCode, "ABNORMAL");

    pair.fake.refundStatus = "PROCESSING";
    const closing = await pair.gateway.refund(refund(paid, 200n));
    const closed = await pair.fake.settleRefund(
      closing.gatewayTransactionId,
      "CLOSED",
    );
    assert.equal(
      (await pair.gateway.parseWebhook(webhook(closed)))?.type,
      "refund.failed",
    );
  });
});

Deno.test("`refund()` of an unpaid or unknown order is refused", async () => {
  await withPair(async ({ gateway }) => {
    const created = await gateway.createPayment(payment());
    await assert.rejects(
      gateway.refund(
        refund({ ...created, reference: crypto.randomUUID() }, 100n),
      ),
      refused("INVALID_REQUEST"),
    );
    await assert.rejects(
      gateway.refund(
        refund({
          gatewayTransactionId: "f".repeat(32),
          reference: crypto.randomUUID(),
        }, 100n),
      ),
      refused("RESOURCE_NOT_EXISTS"),
    );
  });
});

Deno.test("a 503, a 429 or a SYSTEM_ERROR from WeChat Pay is a GatewayTransientError", async () => {
  await withPair(async ({ fake, gateway }) => {
    fake.failNext(1);
    await assert.rejects(gateway.createPayment(payment()), transient(503));
    fake.failNext(1, { status: 429, code: "FREQUENCY_LIMITED" });
    await assert.rejects(gateway.createPayment(payment()), transient(429));
    fake.failNext(1, { status: 400, code: "SYSTEM_ERROR" });
    await assert.rejects(gateway.createPayment(payment()), transient());
    const result = await gateway.createPayment(payment());
    assert.equal(result.status, "requires_action");
  });
});

Deno.test("an unreachable WeChat Pay is a GatewayTransientError", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  await withPair(async ({ options }) => {
    const gateway = new WechatGateway({
      ...options,
      apiUrl: `http://127.0.0.1:${port}`,
    });
    await assert.rejects(gateway.createPayment(payment()), transient());
  });
});

Deno.test("a WeChat Pay that does not answer before the abort is a GatewayTransientError", async () => {
  await withPair(async ({ fake, gateway }) => {
    fake.hangNext(1);
    await assert.rejects(
      gateway.createPayment(payment({ signal: AbortSignal.timeout(100) })),
      transient(),
    );
  });
});

Deno.test("a request signed with the wrong merchant key is refused with SIGN_ERROR", async () => {
  await withPair(async ({ fake, options }) => {
    const gateway = new WechatGateway({
      ...options,
      privateKey: STRANGER.privateKeyPem,
    });
    await assert.rejects(
      gateway.createPayment(payment()),
      refused("SIGN_ERROR"),
    );
    assert.equal(fake.trades.size, 0);
  });
});

Deno.test("an answer WeChat Pay did not sign is a GatewayTransientError, not a refusal", async () => {
  await withPair(async ({ fake, gateway, options }) => {
    const request = payment();
    fake.corruptNextSignature();
    await assert.rejects(gateway.createPayment(request), transient(200));
    // The order was placed all the same: asking again gives its code.
    const again = await gateway.createPayment(request);
    assert.equal(again.status, "requires_action");
    assert.equal(fake.trades.size, 1);
    const unknownKey = new WechatGateway({
      ...options,
      platformKeys: [{
        serial: WECHAT_TEST_ACCOUNT.platformSerial,
        publicKeyPem: STRANGER.publicKeyPem,
      }],
    });
    await assert.rejects(unknownKey.createPayment(payment()), transient(200));
  });
});

Deno.test("`refund()` answered with a bad signature stays retryable and refunds once with the same reference", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    const reference = crypto.randomUUID();
    pair.fake.corruptNextSignature();
    await assert.rejects(
      pair.gateway.refund(refund(paid, 300n, reference)),
      transient(200),
    );
    // WeChat Pay took it: the retry finds the same refund.
    assert.equal(pair.fake.refunds.size, 1);
    const again = await pair.gateway.refund(refund(paid, 300n, reference));
    assert.equal(again.status, "processing");
    assert.equal(again.gatewayTransactionId, reference.replaceAll("-", ""));
    assert.equal(pair.fake.refunds.size, 1);
    assert.equal(
      pair.fake.trades.get(paid.gatewayTransactionId)?.refunded,
      300,
    );
  });
});

Deno.test("`createPayment()` sends expiresAt as time_expire in China time, to the second", async () => {
  await withPair(async ({ fake, gateway }) => {
    const expiresAt = new Date("2099-12-05T14:15:00.750Z");
    const created = await gateway.createPayment(payment({ expiresAt }));
    const body = JSON.parse(fake.calls[0].body);
    assert.equal(body.time_expire, "2099-12-05T22:15:00+08:00");
    assert.equal(
      fake.trades.get(created.gatewayTransactionId)?.expiresAt?.getTime(),
      Date.parse("2099-12-05T14:15:00Z"),
    );
    await assert.rejects(
      gateway.createPayment(payment({ expiresAt: new Date(NaN) })),
      TypeError,
    );
  });
});

Deno.test("an order past its time_expire cannot be paid and closes as cancelled", async () => {
  let now = Date.parse("2026-12-05T14:00:00Z");
  await withPair(
    async ({ fake, gateway }) => {
      const created = await gateway.createPayment(
        payment({ expiresAt: new Date(now + 15 * 60_000) }),
      );
      assert.equal(
        JSON.parse(fake.calls[0].body).time_expire,
        "2026-12-05T22:15:00+08:00",
      );
      now += 16 * 60_000;
      await assert.rejects(fake.pay(created.gatewayTransactionId), /CLOSED/);
      const html = await (await fetch(fake.scanUrl(qrCode(created)))).text();
      assert.match(html, /closed/);
      assert.doesNotMatch(html, /<form/);
      assert.equal(await gateway.cancel(closing(created)), "cancelled");
    },
    {},
    () => new Date(now),
  );
});

Deno.test("`cancel()` closes an open order: its QR code can no longer be paid", async () => {
  await withPair(async ({ fake, gateway }) => {
    const created = await gateway.createPayment(payment());
    const outTradeNo = created.gatewayTransactionId;
    assert.equal(await gateway.cancel(closing(created)), "cancelled");
    const call = fake.calls.at(-1)!;
    assert.equal(call.method, "POST");
    assert.equal(
      call.path,
      `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`,
    );
    assert.deepEqual(JSON.parse(call.body), {
      mchid: WECHAT_TEST_ACCOUNT.mchId,
    });
    assert.equal(fake.calls.length, 2, "a verified 204 needs no query");
    assert.equal(fake.trades.get(outTradeNo)?.state, "CLOSED");

    await assert.rejects(fake.pay(outTradeNo), /not waiting for payment/);
    const code = qrCode(created);
    const html = await (await fetch(fake.scanUrl(code))).text();
    assert.match(html, /closed and can no longer be paid/);
    assert.doesNotMatch(html, /<form/);
    const paying = await fetch(fake.scanUrl(code), {
      method: "POST",
      redirect: "manual",
    });
    await paying.body?.cancel();
    assert.equal(fake.trades.get(outTradeNo)?.state, "CLOSED");
    assert.equal(fake.deliveries.length, 0);
    // Placing it again does not reopen it.
    await assert.rejects(
      gateway.createPayment({
        ...payment(),
        reference: referenceFromMerchantNumber(outTradeNo)!,
      }),
      refused("ORDER_CLOSED"),
    );
  });
});

Deno.test("`cancel()` twice, or of an order never placed, answers cancelled", async () => {
  await withPair(async ({ fake, gateway }) => {
    const created = await gateway.createPayment(payment());
    assert.equal(await gateway.cancel(closing(created)), "cancelled");
    assert.equal(await gateway.cancel(closing(created)), "cancelled");
    const never = { gatewayTransactionId: merchantNumber(crypto.randomUUID()) };
    assert.equal(await gateway.cancel(closing(never)), "cancelled");
    assert.equal(fake.trades.size, 1);
  });
});

Deno.test("`cancel()` after the shopper paid answers already_paid", async () => {
  await withPair(async (pair) => {
    const paid = await paidPayment(pair);
    assert.equal(await pair.gateway.cancel(closing(paid)), "already_paid");
    assert.equal(
      pair.fake.trades.get(paid.gatewayTransactionId)?.state,
      "SUCCESS",
    );
  });
});

Deno.test("`cancel()` queries the order when the close's 204 is not signed by WeChat Pay", async () => {
  await withPair(async ({ fake, gateway }) => {
    const created = await gateway.createPayment(payment());
    const outTradeNo = created.gatewayTransactionId;
    fake.corruptNextSignature();
    assert.equal(await gateway.cancel(closing(created)), "cancelled");
    const query = fake.calls.at(-1)!;
    assert.equal(query.method, "GET");
    assert.equal(
      query.path,
      `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${WECHAT_TEST_ACCOUNT.mchId}`,
    );
    assert.equal(query.body, "");

    // Neither the close nor the query can be trusted: try again later.
    const other = await gateway.createPayment(payment());
    fake.corruptNextSignature(2);
    await assert.rejects(gateway.cancel(closing(other)), transient(200));
    assert.equal(await gateway.cancel(closing(other)), "cancelled");
  });
});

Deno.test("`cancel()` settles a refusal it cannot read by the order's trade_state", async () => {
  await withPair(async (pair) => {
    const tradeError = { status: 403, code: "TRADE_ERROR" };
    const paid = await paidPayment(pair);
    pair.fake.failNext(1, tradeError);
    assert.equal(await pair.gateway.cancel(closing(paid)), "already_paid");

    const open = await pair.gateway.createPayment(payment());
    pair.fake.failNext(1, tradeError);
    await assert.rejects(
      pair.gateway.cancel(closing(open)),
      refused("TRADE_ERROR"),
    );
    assert.equal(
      pair.fake.trades.get(open.gatewayTransactionId)?.state,
      "NOTPAY",
    );

    pair.fake.closeOrder(open.gatewayTransactionId);
    pair.fake.failNext(1, tradeError);
    assert.equal(await pair.gateway.cancel(closing(open)), "cancelled");
  });
});

Deno.test("`cancel()` of an unreachable or silent WeChat Pay is a GatewayTransientError", async () => {
  await withPair(async ({ fake, gateway }) => {
    const created = await gateway.createPayment(payment());
    fake.failNext(1);
    await assert.rejects(gateway.cancel(closing(created)), transient(503));
    fake.hangNext(1);
    await assert.rejects(
      gateway.cancel(closing(created, { signal: AbortSignal.timeout(100) })),
      transient(),
    );
    assert.equal(
      fake.trades.get(created.gatewayTransactionId)?.state,
      "NOTPAY",
    );
    assert.equal(await gateway.cancel(closing(created)), "cancelled");
    await assert.rejects(
      gateway.cancel({ gatewayTransactionId: "../x", reference: "r" }),
      TypeError,
    );
  });
});

Deno.test("`WechatGateway` takes a platform certificate in PEM, checking its serial", async () => {
  x509.cryptoProvider.set(crypto);
  const serial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial,
    name: "CN=Tenpay.com Root CA",
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    keys: {
      privateKey: KEYS.platform.privateKey,
      publicKey: KEYS.platform.publicKey,
    },
  });
  const certificatePem = certificate.toString("pem");
  const { fake, options } = await startWechatTestPair({
    notifyUrl: NOTIFY_URL,
    keys: KEYS,
    platformSerial: serial,
    gateway: { platformKeys: [{ serial, publicKeyPem: certificatePem }] },
  });
  try {
    const gateway = new WechatGateway(options);
    const request = payment();
    const created = await gateway.createPayment(request);
    await fake.pay(created.gatewayTransactionId);
    const event = await gateway.parseWebhook(webhook(fake.deliveries[0]));
    assert.equal(event?.reference, request.reference);
  } finally {
    await fake.close();
  }
  assert.throws(
    () =>
      new WechatGateway({
        ...baseOptions(),
        platformKeys: [{ serial: "ABCDEF", publicKeyPem: certificatePem }],
      }),
    TypeError,
  );
});

Deno.test("`parseMethod()` takes nothing or wechat_native and refuses anything else", () => {
  const gateway = new WechatGateway(baseOptions());
  assert.deepEqual(gateway.parseMethod(undefined), { type: "wechat_native" });
  assert.deepEqual(gateway.parseMethod(null), { type: "wechat_native" });
  assert.deepEqual(gateway.parseMethod({ type: "wechat_native" }), {
    type: "wechat_native",
  });
  for (
    const input of [{ type: "card" }, { type: "wechat_native", x: 1 }, "qr"]
  ) {
    assert.throws(
      () => gateway.parseMethod(input),
      (error) =>
        error instanceof InvalidPaymentMethod &&
        error.code === "invalid_payment_method",
    );
  }
});

Deno.test("`WechatGateway` refuses incomplete or wrong options with a TypeError", () => {
  for (
    const options of [
      { apiV3Key: "too short" },
      { notifyUrl: "/webhooks/wechat" },
      { notifyUrl: "https://store.example/hook?x=1" },
      { apiUrl: "ftp://api.example" },
      { mchId: "" },
      { merchantSerial: 'x",evil="' },
      { privateKey: "not a key" },
      { platformKeys: [] },
      { platformKeys: [{ serial: "S1", publicKeyPem: "nope" }] },
      { toleranceSeconds: 0 },
    ]
  ) {
    assert.throws(
      () => new WechatGateway({ ...baseOptions(), ...options }),
      TypeError,
      JSON.stringify(options),
    );
  }
});

Deno.test("`merchantNumber()` drops a UUID's dashes and `referenceFromMerchantNumber()` restores them", () => {
  const reference = "0b0e4b1c-5a4f-4e8e-9b2a-3c1d2e3f4a5b";
  const number = merchantNumber(reference);
  assert.equal(number, "0b0e4b1c5a4f4e8e9b2a3c1d2e3f4a5b");
  assert.equal(referenceFromMerchantNumber(number), reference);
  assert.equal(referenceFromMerchantNumber("ORDER-12345"), undefined);
  assert.throws(() => merchantNumber("abc"), TypeError);
});

Deno.test("the fake's scan page pays the order and a callback reaches the store", async () => {
  const received: string[] = [];
  const events: unknown[] = [];
  let gateway!: WechatGateway;
  const store = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const rawBody = await request.text();
      received.push(new URL(request.url).pathname);
      events.push(
        await gateway.parseWebhook({ rawBody, headers: request.headers }),
      );
      return new Response(null, { status: 204 });
    },
  );
  const notifyUrl = `http://127.0.0.1:${store.addr.port}/webhooks/wechat`;
  const { fake, options } = await startWechatTestPair({
    notifyUrl,
    keys: KEYS,
    autoDeliver: true,
  });
  try {
    gateway = new WechatGateway(options);
    const request = payment();
    const created = await gateway.createPayment(request);
    const code = created.nextAction?.type === "qr_code"
      ? created.nextAction.data
      : "";
    const page = await fetch(fake.scanUrl(code));
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /¥12\.34/);
    assert.match(html, /<form method="post">/);
    const paid = await fetch(fake.scanUrl(code), {
      method: "POST",
      redirect: "manual",
    });
    await paid.body?.cancel();
    assert.equal(paid.status, 303);
    await fake.idle();
    assert.deepEqual(received, ["/webhooks/wechat"]);
    assert.equal(
      (events[0] as { reference?: string }).reference,
      request.reference,
    );
    assert.equal(
      fake.trades.get(created.gatewayTransactionId)?.state,
      "SUCCESS",
    );
  } finally {
    await fake.close();
    await store.shutdown();
  }
});

function baseOptions(): WechatGatewayOptions {
  return {
    mchId: WECHAT_TEST_ACCOUNT.mchId,
    appId: WECHAT_TEST_ACCOUNT.appId,
    merchantSerial: WECHAT_TEST_ACCOUNT.merchantSerial,
    privateKey: KEYS.merchant.privateKeyPem,
    apiV3Key: WECHAT_TEST_ACCOUNT.apiV3Key,
    platformKeys: [{
      serial: WECHAT_TEST_ACCOUNT.platformSerial,
      publicKeyPem: KEYS.platform.publicKeyPem,
    }],
    notifyUrl: NOTIFY_URL,
  };
}
