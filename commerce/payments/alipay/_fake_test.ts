import assert from "node:assert/strict";
import { parseMoney } from "../../pricing/mod.ts";
import type { GatewayEvent } from "../gateway.ts";
import { generateRsaKeyPair, startFakeAlipay } from "./_fake.ts";
import { AlipayGateway } from "./gateway.ts";

const APP_ID = "2021004100000002";
const [merchant, alipay] = await Promise.all([
  generateRsaKeyPair(),
  generateRsaKeyPair(),
]);

Deno.test("`FakeAlipay.pay()` POSTs the notification to `notify_url` and records the answer", async () => {
  const received: GatewayEvent[] = [];
  let gateway!: AlipayGateway;
  const store = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      assert.equal(
        new URL(request.url).pathname,
        "/api/payments/webhook/alipay",
      );
      assert.match(
        request.headers.get("content-type")!,
        /^application\/x-www-form-urlencoded/,
      );
      const event = await gateway.parseWebhook({
        rawBody: await request.text(),
        headers: request.headers,
      });
      if (event) received.push(event);
      return new Response(gateway.webhookAck.body, {
        headers: { "content-type": gateway.webhookAck.contentType },
      });
    },
  );
  const fake = startFakeAlipay({
    appId: APP_ID,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
  });
  try {
    const origin = `http://127.0.0.1:${store.addr.port}`;
    gateway = new AlipayGateway({
      appId: APP_ID,
      privateKey: merchant.privateKey,
      alipayPublicKey: alipay.publicKey,
      gatewayUrl: fake.gatewayUrl,
      notifyUrl: `${origin}/api/payments/webhook/alipay`,
      publicUrl: origin,
    });
    const answer = await gateway.createPayment({
      reference: crypto.randomUUID(),
      amount: parseMoney("12.30", "CNY"),
      orderNumber: "GS-100002",
      returnUrl: "/en/orders/7",
    });
    const opened = await fetch((answer.nextAction as { url: string }).url);
    await opened.body?.cancel();
    const delivery = await fake.pay(answer.gatewayTransactionId);
    assert.equal(delivery.status, 200);
    assert.equal(delivery.answer, "success");
    assert.equal(delivery.acknowledged, true);
    assert.equal(received[0]?.type, "payment.succeeded");
    assert.deepEqual(received[0]?.amount, parseMoney("12.30", "CNY"));
  } finally {
    await fake.close();
    await store.shutdown();
  }
});

Deno.test("the fake refuses an unsigned call to an unknown method under `error_response`", async () => {
  const fake = startFakeAlipay({
    appId: APP_ID,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
  });
  try {
    const response = await fetch(fake.gatewayUrl, {
      method: "POST",
      body: new URLSearchParams({ app_id: APP_ID, method: "alipay.x" }),
    });
    const body = await response.json();
    assert.equal(body.error_response.sub_code, "isv.missing-signature");
    assert.equal(body.sign, undefined);
  } finally {
    await fake.close();
  }
});

Deno.test("`FakeAlipay.close()` releases a hung call", async () => {
  const fake = startFakeAlipay({
    appId: APP_ID,
    merchantPublicKey: merchant.publicKey,
    alipayPrivateKey: alipay.privateKey,
  });
  fake.failNext(1, "hang");
  const hung = fetch(fake.gatewayUrl, { method: "POST" }).then(
    async (response) => {
      await response.body?.cancel();
      return response.status;
    },
    () => 0,
  );
  // Let the request reach the fake before closing it.
  while (fake.apiCalls === 0) await new Promise((r) => setTimeout(r, 5));
  await fake.close();
  assert.ok([0, 504].includes(await hung));
});
