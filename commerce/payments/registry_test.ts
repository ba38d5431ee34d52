import assert from "node:assert/strict";
import type { PaymentGateway } from "./gateway.ts";
import { createPaymentGateways, PaymentGateways } from "./registry.ts";
import { TestGateway } from "./test_gateway/mod.ts";

Deno.test("createPaymentGateways() enables the test gateway when TEST_GATEWAY is on", async () => {
  const on = createPaymentGateways({ TEST_GATEWAY: "on" });
  assert.deepEqual(on.names, ["test"]);
  assert.ok(on.test instanceof TestGateway);
  assert.equal(on.gateway("test"), on.test);
  assert.equal(on.gateway("stripe"), undefined);
  assert.deepEqual(on.gatewaysFor({ currency: "JPY", country: "JP" }), [
    "test",
  ]);
  await on.close();

  const off = createPaymentGateways({ TEST_GATEWAY: "off" });
  assert.deepEqual(off.names, []);
  assert.equal(off.test, undefined);
  assert.deepEqual(off.gatewaysFor({ currency: "USD", country: "US" }), []);
});

Deno.test("gatewaysFor() offers only the gateways that take the currency and country", () => {
  const gateway = (name: string, currencies: string[]): PaymentGateway => ({
    name,
    supports: ({ currency }) => currencies.includes(currency),
    parseMethod: (input) => input,
    createPayment: () => Promise.reject(new Error("unused")),
    parseWebhook: () => Promise.reject(new Error("unused")),
    refund: () => Promise.reject(new Error("unused")),
  });
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
