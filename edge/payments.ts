/**
 * Payment gateways in the running store: the registry built from the
 * configuration, the test gateway's webhooks pointed back at the app
 * itself, and how routes reach the registry.
 *
 * @module
 */
import {
  createPaymentGateways,
  type PaymentGateways,
} from "../commerce/payments/mod.ts";
import type { Config } from "./config.ts";
import type { AppDeps } from "./env.ts";
import type { Logger } from "./logger.ts";

/** The path the test gateway posts its webhooks to. */
export const TEST_GATEWAY_WEBHOOK_PATH = "/api/payments/webhook/test";

// It is a test gateway: the store's own webhooks should exercise the
// idempotency of the webhook handler, so some arrive twice and out of order.
const STORE_CHAOS = { duplicateRate: 0.1, reorder: true };

/**
 * The gateways `config` enables. The test gateway (`TEST_GATEWAY=on`, the
 * default) signs with `TEST_GATEWAY_SECRET` or a secret made up for this
 * process, and delivers its webhooks a little chaotically (10 %
 * duplicates, reordered) once {@link connectPayments} has given it the app.
 */
export function createStorePayments(
  config: Pick<
    Config,
    "APP_ENV" | "TEST_GATEWAY" | "TEST_GATEWAY_SECRET"
  >,
  logger: Logger,
): PaymentGateways {
  if (config.APP_ENV === "production" && config.TEST_GATEWAY === "on") {
    logger.warn(
      "the test payment gateway is on in production: anyone can pay with a test card (set TEST_GATEWAY=off)",
    );
  }
  return createPaymentGateways(config, {
    logger,
    test: { chaos: STORE_CHAOS },
  });
}

/**
 * Wire the gateways to the built app: the test gateway's webhooks go to
 * the app's own `fetch` at {@link TEST_GATEWAY_WEBHOOK_PATH} (on
 * `PUBLIC_URL`, else the local port).
 */
export function connectPayments(
  deps: Pick<AppDeps, "config" | "payments">,
  app: { fetch(request: Request): Response | Promise<Response> },
): void {
  const origin = deps.config.PUBLIC_URL ??
    `http://localhost:${deps.config.PORT}`;
  deps.payments.test?.connect({
    url: origin + TEST_GATEWAY_WEBHOOK_PATH,
    deliver: async (request) => await app.fetch(request),
  });
}
