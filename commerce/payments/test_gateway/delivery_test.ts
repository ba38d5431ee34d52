import assert from "node:assert/strict";
import { type OutgoingEvent, WebhookDelivery } from "./delivery.ts";
import { SIGNATURE_HEADER, verifySignature } from "./signature.ts";

const SECRET = "whsec-0123456789abcdef";

function events(...types: string[]): OutgoingEvent[] {
  return types.map((type, i) => ({
    id: `evt_${i}`,
    type,
    body: JSON.stringify({ id: `evt_${i}`, type }),
  }));
}

/** A receiver recording what arrived, answering with `statuses` in turn. */
function receiver(statuses: number[] = []) {
  const received: { id: string; signature: string | null; body: string }[] = [];
  return {
    received,
    deliver: async (request: Request) => {
      const body = await request.text();
      received.push({
        id: JSON.parse(body).id,
        signature: request.headers.get(SIGNATURE_HEADER),
        body,
      });
      return new Response(null, { status: statuses.shift() ?? 200 });
    },
  };
}

Deno.test("WebhookDelivery sends signed events in order after its delay", async () => {
  const target = receiver();
  const delivery = new WebhookDelivery({ secret: SECRET, delayMs: 5 });
  delivery.connect({ url: "http://store.test/hook", deliver: target.deliver });
  delivery.send(events("payment.processing", "payment.succeeded"));
  assert.equal(target.received.length, 0);
  await delivery.idle();
  assert.deepEqual(target.received.map((r) => r.id), ["evt_0", "evt_1"]);
  for (const { signature, body } of target.received) {
    verifySignature(body, { secret: SECRET, header: signature });
  }
  await delivery.close();
});

Deno.test("WebhookDelivery retries non-2xx answers with backoff, then gives up", async () => {
  const target = receiver([500, 503, 200]);
  const warnings: unknown[] = [];
  const delivery = new WebhookDelivery({
    secret: SECRET,
    delayMs: 0,
    backoffMs: 1,
    attempts: 3,
    logger: { warn: (...args) => warnings.push(args) },
  });
  delivery.connect({ url: "http://store.test/hook", deliver: target.deliver });
  delivery.send(events("payment.succeeded"));
  await delivery.idle();
  assert.equal(target.received.length, 3);
  assert.equal(warnings.length, 0);

  const failing = receiver([500, 500, 500]);
  delivery.connect({ url: "http://store.test/hook", deliver: failing.deliver });
  delivery.send(events("payment.failed"));
  await delivery.idle();
  assert.equal(failing.received.length, 3);
  assert.equal(warnings.length, 1);
  await delivery.close();
});

Deno.test("WebhookDelivery delivers each event twice at a duplicate rate of 1", async () => {
  const target = receiver();
  const delivery = new WebhookDelivery({
    secret: SECRET,
    delayMs: 0,
    chaos: { duplicateRate: 1 },
  });
  delivery.connect({ url: "http://store.test/hook", deliver: target.deliver });
  delivery.send(events("payment.processing", "payment.succeeded"));
  await delivery.idle();
  assert.deepEqual(target.received.map((r) => r.id), [
    "evt_0",
    "evt_0",
    "evt_1",
    "evt_1",
  ]);
  await delivery.close();
});

Deno.test("WebhookDelivery may deliver a payment's events out of order", async () => {
  const target = receiver();
  const delivery = new WebhookDelivery({
    secret: SECRET,
    delayMs: 0,
    chaos: { reorder: true },
    // Fisher–Yates drawing 0 swaps the two events.
    random: () => 0,
  });
  delivery.connect({ url: "http://store.test/hook", deliver: target.deliver });
  delivery.send(events("payment.processing", "payment.succeeded"));
  await delivery.idle();
  assert.deepEqual(target.received.map((r) => r.id), ["evt_1", "evt_0"]);
  await delivery.close();
});

Deno.test("flush() delivers at once what waits on a long delay", async () => {
  const target = receiver([500]);
  const delivery = new WebhookDelivery({
    secret: SECRET,
    delayMs: 60_000,
    backoffMs: 60_000,
  });
  delivery.connect({ url: "http://store.test/hook", deliver: target.deliver });
  delivery.send(events("payment.succeeded"));
  await delivery.flush();
  assert.equal(target.received.length, 2, "first attempt and one retry");
  await delivery.close();
});

Deno.test("close() cancels scheduled deliveries and their timers", async () => {
  const target = receiver();
  const delivery = new WebhookDelivery({ secret: SECRET, delayMs: 60_000 });
  delivery.connect({ url: "http://store.test/hook", deliver: target.deliver });
  delivery.send(events("payment.succeeded"));
  await delivery.close();
  delivery.send(events("payment.failed"));
  await delivery.idle();
  assert.equal(target.received.length, 0);
});
