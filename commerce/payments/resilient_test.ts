import assert from "node:assert/strict";
import { Invalid } from "../../edge/errors.ts";
import { parseMoney } from "../pricing/mod.ts";
import {
  GatewayCircuitOpen,
  GatewayRefused,
  GatewayTransientError,
} from "./errors.ts";
import type {
  CreatePaymentRequest,
  CreatePaymentResult,
  PaymentGateway,
} from "./gateway.ts";
import { ResilientGateway } from "./resilient.ts";

const REQUEST: CreatePaymentRequest = {
  reference: "00000000-0000-4000-8000-000000000001",
  amount: parseMoney("12.50", "EUR"),
  orderNumber: "GS-100001",
  returnUrl: "/de/orders/1",
};

const OK: CreatePaymentResult = {
  gatewayTransactionId: "pay_1",
  status: "succeeded",
  raw: {},
};

// A gateway whose createPayment runs the next scripted behaviour per call.
function scripted(
  script: (
    | "ok"
    | "transient"
    | "refused"
    | "invalid"
    | "hang"
    | "bug"
  )[],
) {
  const calls: AbortSignal[] = [];
  const gateway: PaymentGateway = {
    name: "flaky",
    supports: () => true,
    parseMethod: (input) => input,
    createPayment(request) {
      calls.push(request.signal!);
      const step = script[Math.min(calls.length - 1, script.length - 1)];
      switch (step) {
        case "ok":
          return Promise.resolve(OK);
        case "transient":
          return Promise.reject(
            new GatewayTransientError("flaky", "answered 503", { status: 503 }),
          );
        case "refused":
          return Promise.reject(
            new GatewayRefused("flaky", { gatewayCode: "amount_too_large" }),
          );
        case "invalid":
          return Promise.reject(new Invalid("Bad amount"));
        case "bug":
          return Promise.reject(new TypeError("undefined is not a function"));
        case "hang":
          return new Promise(() => {});
      }
    },
    parseWebhook: () => Promise.resolve(null),
    refund: () => Promise.reject(new Error("unused")),
  };
  return { gateway, calls };
}

Deno.test("ResilientGateway retries a transient failure and answers the retry's result", async () => {
  const { gateway, calls } = scripted(["transient", "transient", "ok"]);
  const resilient = new ResilientGateway(gateway, { retries: 2, backoffMs: 1 });
  assert.deepEqual(await resilient.createPayment(REQUEST), OK);
  assert.equal(calls.length, 3);
});

Deno.test("ResilientGateway never retries a refusal, and a refusal keeps the circuit closed", async () => {
  for (const kind of ["refused", "invalid"] as const) {
    const { gateway, calls } = scripted([kind]);
    const resilient = new ResilientGateway(gateway, {
      retries: 3,
      backoffMs: 1,
      breakerThreshold: 1,
    });
    await assert.rejects(resilient.createPayment(REQUEST));
    assert.equal(calls.length, 1, kind);
    assert.equal(resilient.available, true, kind);
  }
});

Deno.test("ResilientGateway does not retry an unexpected error but counts it against the gateway", async () => {
  const { gateway, calls } = scripted(["bug"]);
  const resilient = new ResilientGateway(gateway, {
    retries: 3,
    backoffMs: 1,
    breakerThreshold: 1,
  });
  await assert.rejects(resilient.createPayment(REQUEST), TypeError);
  assert.equal(calls.length, 1);
  assert.equal(resilient.available, false);
});

Deno.test("ResilientGateway aborts an attempt at its deadline and retries it", async () => {
  const { gateway, calls } = scripted(["hang", "ok"]);
  const resilient = new ResilientGateway(gateway, {
    attemptTimeoutMs: 20,
    retries: 1,
    backoffMs: 1,
  });
  assert.deepEqual(await resilient.createPayment(REQUEST), OK);
  assert.equal(calls.length, 2);
  assert.equal(calls[0].aborted, true, "the hung attempt was aborted");
});

Deno.test("ResilientGateway opens its circuit after repeated timeouts, fails fast, and closes after recovery", async () => {
  let now = 5_000_000;
  const script: ("hang" | "ok")[] = ["hang", "hang", "hang", "hang"];
  const { gateway, calls } = scripted(script);
  const resilient = new ResilientGateway(gateway, {
    attemptTimeoutMs: 10,
    retries: 1,
    backoffMs: 1,
    breakerThreshold: 2,
    breakerCoolDownMs: 60_000,
    now: () => now,
  });
  for (let i = 0; i < 2; i++) {
    await assert.rejects(
      resilient.createPayment(REQUEST),
      GatewayTransientError,
    );
  }
  assert.equal(calls.length, 4, "two calls of two attempts each");
  assert.equal(resilient.available, false);

  const open = await resilient.createPayment(REQUEST).catch((e) => e);
  assert.ok(open instanceof GatewayCircuitOpen);
  assert.equal(open.status, 503);
  assert.equal(open.retryAfterSeconds > 0, true);
  assert.equal(calls.length, 4, "an open circuit calls nobody");

  // The gateway recovers; after the cool-down one call goes through and
  // closes the circuit.
  script.splice(0, script.length, "ok");
  now += 60_000;
  assert.equal(resilient.available, true);
  assert.deepEqual(await resilient.createPayment(REQUEST), OK);
  assert.equal(resilient.available, true);
});

Deno.test("ResilientGateway passes webhooks through without calling out", async () => {
  const { gateway } = scripted(["ok"]);
  const resilient = new ResilientGateway(gateway);
  assert.equal(
    await resilient.parseWebhook({ rawBody: "{}", headers: new Headers() }),
    null,
  );
});

Deno.test("ResilientGateway: a refusal before any call neither opens nor closes the circuit", async () => {
  const now = 1_000;
  const { gateway } = scripted(["transient", "invalid", "transient"]);
  const resilient = new ResilientGateway(gateway, {
    retries: 0,
    breakerThreshold: 2,
    now: () => now,
  });
  await assert.rejects(resilient.createPayment(REQUEST), GatewayTransientError);
  await assert.rejects(resilient.createPayment(REQUEST), Invalid);
  // The local refusal did not reset the count: the next failure trips it.
  await assert.rejects(resilient.createPayment(REQUEST), GatewayTransientError);
  assert.equal(resilient.available, false);
});
