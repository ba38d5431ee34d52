import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./config.ts";
import { configuredGateways } from "./payments_config.ts";
import { createLogger } from "./logger.ts";
import { createStorePayments } from "./payments.ts";

const PEM_PRIVATE =
  "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

Deno.test("parseConfig() turns on no real gateway without keys", () => {
  const config = parseConfig({});
  assert.deepEqual(configuredGateways(config), []);
  assert.equal(config.GATEWAY_TIMEOUT_MS, 8000);
  assert.equal(config.GATEWAY_BREAKER_THRESHOLD, 5);
});

Deno.test("parseConfig() names every missing key of a half-configured gateway", () => {
  assert.deepEqual(problems({ STRIPE_SECRET_KEY: "sk_test_abc" }), [
    "STRIPE_PUBLISHABLE_KEY: is required to turn on stripe (STRIPE_SECRET_KEY is set)",
    "STRIPE_WEBHOOK_SECRET: is required to turn on stripe (STRIPE_SECRET_KEY is set)",
  ]);
  const paypal = problems({
    PAYPAL_CLIENT_ID: "id",
    PAYPAL_CLIENT_SECRET: "secret",
  });
  assert.deepEqual(paypal, [
    "PAYPAL_WEBHOOK_ID: is required to turn on paypal (PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET are set)",
  ]);
});

Deno.test("parseConfig() refuses malformed gateway keys without echoing them", () => {
  const found = problems({
    STRIPE_SECRET_KEY: "pk_live_oops",
    STRIPE_PUBLISHABLE_KEY: "pk_live_ok",
    STRIPE_WEBHOOK_SECRET: "whsec_ok",
    WECHATPAY_API_V3_KEY: "too-short",
    ALIPAY_PRIVATE_KEY: "not a pem",
  });
  assert.ok(found.some((p) => p.startsWith("STRIPE_SECRET_KEY: must be")));
  assert.ok(found.some((p) => p.startsWith("WECHATPAY_API_V3_KEY: must be")));
  assert.ok(found.some((p) => p.startsWith("ALIPAY_PRIVATE_KEY: must be")));
  assert.ok(!found.join("\n").includes("pk_live_oops"), "keys are not echoed");
});

Deno.test("parseConfig() reads PEM keys with \\n escapes", () => {
  const config = parseConfig({
    ALIPAY_APP_ID: "2021004100000001",
    ALIPAY_PRIVATE_KEY: PEM_PRIVATE,
    ALIPAY_PUBLIC_KEY: PEM_PRIVATE.replaceAll("PRIVATE", "PUBLIC"),
  });
  assert.equal(
    config.ALIPAY_PRIVATE_KEY,
    "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
  );
});

Deno.test("createStorePayments() enables the test gateway and each fully configured gateway", async () => {
  const logger = createLogger("error");
  const none = createStorePayments(
    parseConfig({ TEST_GATEWAY: "off" }),
    logger,
  );
  assert.deepEqual(none.names, []);
  const config = parseConfig({
    STRIPE_SECRET_KEY: "sk_test_abc",
    STRIPE_PUBLISHABLE_KEY: "pk_test_abc",
    STRIPE_WEBHOOK_SECRET: "whsec_abc",
    PAYPAL_CLIENT_ID: "id",
    PAYPAL_CLIENT_SECRET: "secret",
    PAYPAL_WEBHOOK_ID: "WH-1",
  });
  const payments = createStorePayments(config, logger);
  assert.deepEqual(payments.names, ["test", "stripe", "paypal"]);
  // The market rules decide what checkout offers.
  assert.deepEqual(payments.gatewaysFor({ currency: "EUR", country: "DE" }), [
    "test",
    "stripe",
    "paypal",
  ]);
  assert.deepEqual(payments.gatewaysFor({ currency: "INR", country: "IN" }), [
    "test",
    "stripe",
  ]);
  assert.deepEqual(payments.gatewaysFor({ currency: "CNY", country: "CN" }), [
    "test",
  ]);
  await payments.close();
  await none.close();
});
