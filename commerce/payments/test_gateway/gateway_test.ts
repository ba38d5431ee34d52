import assert from "node:assert/strict";
import { parseMoney } from "../../pricing/mod.ts";
import { ChallengeNotPending, InvalidWebhookSignature } from "../errors.ts";
import { TEST_CARDS } from "./cards.ts";
import { TestGateway } from "./gateway.ts";
import { SIGNATURE_HEADER } from "./signature.ts";

const SECRET = "whsec-0123456789abcdef";
const card = (number: string) => ({
  type: "card",
  number,
  expMonth: 12,
  expYear: 2099,
  cvc: "123",
});

/** A test gateway whose webhooks land in `received`, verified. */
function gateway() {
  const received: Awaited<ReturnType<TestGateway["parseWebhook"]>>[] = [];
  const tg: TestGateway = new TestGateway({
    secret: SECRET,
    delivery: { delayMs: 0 },
    target: {
      url: "http://store.test/api/payments/webhook/test",
      deliver: async (request) => {
        received.push(
          await tg.parseWebhook({
            rawBody: await request.text(),
            headers: request.headers,
          }),
        );
        return new Response(null, { status: 200 });
      },
    },
  });
  return { tg, received };
}

const request = (number: string, reference: string = crypto.randomUUID()) => ({
  reference,
  amount: parseMoney("49.90", "EUR"),
  orderNumber: "GS-100001",
  returnUrl: "/de/orders/1",
  method: card(number),
});

Deno.test("the test gateway answers a success card and sends processing, then succeeded", async () => {
  const { tg, received } = gateway();
  const answer = await tg.createPayment(request(TEST_CARDS.success));
  assert.equal(answer.status, "succeeded");
  assert.match(answer.gatewayTransactionId, /^tgpay_[0-9a-f]{24}$/);
  await tg.idle();
  assert.deepEqual(received.map((e) => e.type), [
    "payment.processing",
    "payment.succeeded",
  ]);
  assert.equal(received[1].gatewayTransactionId, answer.gatewayTransactionId);
  assert.deepEqual(received[1].amount, parseMoney("49.90", "EUR"));
  await tg.close();
});

Deno.test("the test gateway declines 4000 0000 0000 0002 with card_declined", async () => {
  const { tg, received } = gateway();
  const answer = await tg.createPayment(request(TEST_CARDS.declined));
  assert.deepEqual([answer.status, answer.failureCode], [
    "failed",
    "card_declined",
  ]);
  await tg.idle();
  assert.deepEqual(received.map((e) => e.type), ["payment.failed"]);
  await tg.close();
});

Deno.test("the test gateway holds a 3-D Secure card until the challenge is answered", async () => {
  const { tg, received } = gateway();
  const answer = await tg.createPayment(request(TEST_CARDS.challenge));
  assert.equal(answer.status, "requires_action");
  assert.deepEqual(answer.nextAction, {
    type: "redirect",
    url:
      `/test-gateway/challenge/${answer.gatewayTransactionId}?return=%2Fde%2Forders%2F1`,
  });
  await tg.idle();
  assert.deepEqual(received.map((e) => e.type), ["payment.requires_action"]);
  tg.completeChallenge(answer.gatewayTransactionId, "approve");
  assert.throws(
    () => tg.completeChallenge(answer.gatewayTransactionId, "fail"),
    ChallengeNotPending,
  );
  await tg.idle();
  assert.deepEqual(received.map((e) => e.type).slice(1), [
    "payment.processing",
    "payment.succeeded",
  ]);
  await tg.close();
});

Deno.test("the test gateway charges a reference once (the idempotency key)", async () => {
  const { tg, received } = gateway();
  const first = await tg.createPayment(request(TEST_CARDS.success, "ref-1"));
  const again = await tg.createPayment(request(TEST_CARDS.success, "ref-1"));
  assert.deepEqual(again, first);
  await tg.idle();
  assert.equal(received.length, 2);
  await tg.close();
});

Deno.test("the test gateway refunds what was paid, at most", async () => {
  const { tg, received } = gateway();
  const paid = await tg.createPayment(request(TEST_CARDS.success));
  const refund = await tg.refund({
    gatewayTransactionId: paid.gatewayTransactionId,
    paymentReference: "ref-paid",
    captured: parseMoney("49.90", "EUR"),
    amount: parseMoney("40", "EUR"),
    reference: "refund-1",
  });
  assert.equal(refund.status, "succeeded");
  await assert.rejects(
    tg.refund({
      gatewayTransactionId: paid.gatewayTransactionId,
      paymentReference: "ref-paid",
      captured: parseMoney("49.90", "EUR"),
      amount: parseMoney("10", "EUR"),
      reference: "refund-2",
    }),
    (error) => (error as { code?: string }).code === "invalid_refund",
  );
  await tg.idle();
  const refunded = received.filter((e) => e.type === "refund.succeeded");
  assert.deepEqual(refunded.map((e) => e.gatewayTransactionId), [
    refund.gatewayTransactionId,
  ]);
  await tg.close();
});

Deno.test("the test gateway's parseWebhook() refuses a body it did not sign", async () => {
  const { tg } = gateway();
  const body = JSON.stringify({ id: "evt_1", type: "payment.succeeded" });
  await assert.rejects(
    tg.parseWebhook({
      rawBody: body,
      headers: new Headers({
        [SIGNATURE_HEADER]: `t=${Date.now()},v1=${"0".repeat(64)}`,
      }),
    }),
    InvalidWebhookSignature,
  );
  await tg.close();
});
