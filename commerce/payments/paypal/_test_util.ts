/**
 * Test set-up for the PayPal adapter: a fake PayPal and an adapter wired
 * to it, disposed together.
 *
 * @module
 */
import type { Money } from "../../pricing/mod.ts";
import type { CreatePaymentRequest, GatewayEvent } from "../gateway.ts";
import {
  type FakeDeliveryOptions,
  FakePayPal,
  type FakePayPalEvent,
  type FakePayPalIdentity,
  type FakePayPalOptions,
} from "./_fake.ts";
import { PayPalGateway, type PayPalGatewayOptions } from "./gateway.ts";

/** The store origin the adapter makes return URLs absolute with. */
export const PUBLIC_URL = "https://shop.example";

/** A fake PayPal and an adapter pointed at it. */
export interface PayPalTestbed extends AsyncDisposable {
  fake: FakePayPal;
  gateway: PayPalGateway;
  /** Another adapter on the same fake with other options. */
  adapter(options?: Partial<PayPalGatewayOptions>): PayPalGateway;
}

/** Start a fake PayPal signing with `identity` and an adapter for it. */
export async function startTestbed(
  identity: FakePayPalIdentity,
  options: {
    fake?: FakePayPalOptions;
    gateway?: Partial<PayPalGatewayOptions>;
  } = {},
): Promise<PayPalTestbed> {
  const fake = await FakePayPal.start({ identity, ...options.fake });
  const adapter = (more: Partial<PayPalGatewayOptions> = {}) =>
    new PayPalGateway({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      webhookId: fake.webhookId,
      apiUrl: fake.url,
      publicUrl: PUBLIC_URL,
      fetch: fake.fetch,
      ...options.gateway,
      ...more,
    });
  return {
    fake,
    gateway: adapter(),
    adapter,
    [Symbol.asyncDispose]: () => fake.close(),
  };
}

/** A payment request for `amount` (USD 100.00) under a new reference. */
export function paymentRequest(
  amount: Money = { amount: 10000n, currency: "USD" },
  reference: string = crypto.randomUUID(),
): CreatePaymentRequest {
  return {
    reference,
    amount,
    orderNumber: `ORD-${reference.slice(0, 8).toUpperCase()}`,
    returnUrl: `/en/orders/${reference}`,
  };
}

/** Deliver `event` from the fake to the adapter's `parseWebhook`. */
export async function receive(
  testbed: { fake: FakePayPal; gateway: PayPalGateway },
  event: FakePayPalEvent,
  options?: FakeDeliveryOptions,
): Promise<GatewayEvent | null> {
  const request = await testbed.fake.webhookRequest(
    event,
    `${PUBLIC_URL}/api/webhooks/paypal`,
    options,
  );
  return await testbed.gateway.parseWebhook({
    rawBody: await request.text(),
    headers: request.headers,
  });
}
