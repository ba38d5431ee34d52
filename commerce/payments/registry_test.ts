import assert from "node:assert/strict";
import { GatewayTransientError } from "./errors.ts";
import type { PaymentGateway } from "./gateway.ts";
import { parseMoney } from "../pricing/mod.ts";
import { PaymentGateways } from "./registry.ts";
import { ResilientGateway } from "./resilient.ts";
import { TestGateway } from "./test_gateway/mod.ts";

function gateway(
  name: string,
  currencies: string[],
  createPayment: PaymentGateway["createPayment"] = () =>
    Promise.reject(new Error("unused")),
): PaymentGateway {
  return {
    name,
    supports: ({ currency }) => currencies.includes(currency),
    parseMethod: (input) => input,
    createPayment,
    parseWebhook: () => Promise.reject(new Error("unused")),
    refund: () => Promise.reject(new Error("unused")),
  };
}

Deno.test("PaymentGateways wraps each gateway and still finds the test gateway", async () => {
  const test = new TestGateway({ secret: "a-secret-of-sixteen-chars" });
  const payments = new PaymentGateways([test]);
  assert.deepEqual(payments.names, ["test"]);
  assert.equal(payments.test, test);
  assert.ok(payments.gateway("test") instanceof ResilientGateway);
  assert.equal(payments.gateway("test")!.inner, test);
  assert.equal(payments.gateway("stripe"), undefined);
  await payments.close();
});

Deno.test("gatewaysFor() offers only the gateways that take the currency and country", () => {
  const payments = new PaymentGateways([
    gateway("alipay", ["CNY"]),
    gateway("stripe", ["USD", "CNY"]),
  ]);
  assert.deepEqual(payments.gatewaysFor({ currency: "CNY", country: "CN" }), [
    "alipay",
    "stripe",
  ]);
  assert.deepEqual(payments.gatewaysFor({ currency: "USD", country: "US" }), [
    "stripe",
  ]);
});

Deno.test("gatewaysFor() hides a gateway whose circuit is open and offers it again after the cool-down", async () => {
  let now = 1_000_000;
  const down = gateway(
    "stripe",
    ["USD"],
    () => Promise.reject(new GatewayTransientError("stripe", "503")),
  );
  const payments = new PaymentGateways(
    [down, gateway("paypal", ["USD"])],
    {
      retries: 0,
      breakerThreshold: 2,
      breakerCoolDownMs: 30_000,
      now: () => now,
    },
  );
  const request = {
    reference: crypto.randomUUID(),
    amount: parseMoney("10.00", "USD"),
    orderNumber: "GS-1",
    returnUrl: "/en/orders/1",
  };
  const usd = { currency: "USD", country: "US" };
  for (let i = 0; i < 2; i++) {
    await assert.rejects(
      payments.gateway("stripe")!.createPayment(request),
      GatewayTransientError,
    );
  }
  assert.deepEqual(payments.gatewaysFor(usd), ["paypal"]);
  now += 30_000;
  assert.deepEqual(payments.gatewaysFor(usd), ["stripe", "paypal"]);
});
