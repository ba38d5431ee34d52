/**
 * Test set-up for the Stripe adapter: a {@link FakeStripe} with a gateway
 * pointed at it, payment requests, and recorded webhooks as the adapter
 * reads them.
 *
 * @module
 */
import { parseMoney } from "../../pricing/mod.ts";
import type { CreatePaymentRequest, WebhookRequest } from "../gateway.ts";
import { FakeStripe, type FakeWebhook } from "./_fake.ts";
import { StripeGateway, type StripeGatewayOptions } from "./gateway.ts";

/** The store origin return paths are made absolute with. */
export const STORE_URL = "https://shop.test";

/**
 * Run `test` with a fresh fake Stripe and a gateway on it (`options`
 * override the gateway's), closing the fake afterwards.
 */
export async function withStripe(
  test: (
    context: { fake: FakeStripe; gateway: StripeGateway },
  ) => Promise<void>,
  options: Partial<StripeGatewayOptions> = {},
): Promise<void> {
  const fake = await FakeStripe.start();
  try {
    const gateway = new StripeGateway({
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      publicUrl: STORE_URL,
      apiUrl: fake.url,
      ...options,
    });
    await test({ fake, gateway });
  } finally {
    await fake.close();
  }
}

/** A payment of 25.00 USD for order `SO-1001` with a fresh reference. */
export function paymentRequest(
  overrides: Partial<CreatePaymentRequest> = {},
): CreatePaymentRequest {
  return {
    reference: crypto.randomUUID(),
    amount: parseMoney("25.00", "USD"),
    orderNumber: "SO-1001",
    returnUrl: "/en/orders/SO-1001",
    ...overrides,
  };
}

/** A recorded webhook as the store hands it to `parseWebhook`. */
export function webhookRequest(
  webhook: Pick<FakeWebhook, "body" | "signature">,
): WebhookRequest {
  return {
    rawBody: webhook.body,
    headers: new Headers({ "Stripe-Signature": webhook.signature }),
  };
}

/** The only recorded webhook of `type`; throws when there is not one. */
export function onlyWebhook(fake: FakeStripe, type: string): FakeWebhook {
  const found = fake.webhooksOf(type);
  if (found.length !== 1) {
    throw new Error(`Expected one '${type}' webhook, found ${found.length}`);
  }
  return found[0];
}
