/**
 * Payment gateways in the running store: the registry built from the
 * configuration (the test gateway, and each real gateway whose keys are
 * set), every gateway behind timeouts, retries and its own circuit
 * breaker, the test gateway's webhooks pointed back at the app itself,
 * and how routes reach the registry.
 *
 * @module
 */
import { AlipayGateway } from "../commerce/payments/alipay/mod.ts";
import {
  type PaymentGateway,
  PaymentGateways,
  TestGateway,
} from "../commerce/payments/mod.ts";
import { PayPalGateway } from "../commerce/payments/paypal/mod.ts";
import { StripeGateway } from "../commerce/payments/stripe/mod.ts";
import { WechatGateway } from "../commerce/payments/wechat/mod.ts";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Config } from "./config.ts";
import type { AppDeps } from "./env.ts";
import type { Logger } from "./logger.ts";

/** The path the test gateway posts its webhooks to. */
export const TEST_GATEWAY_WEBHOOK_PATH = "/api/payments/webhook/test";

/** Where gateway `name` posts its webhooks, on this store's origin. */
export function webhookUrl(
  config: Pick<Config, "PUBLIC_URL" | "PORT">,
  name: string,
): string {
  return `${storeOrigin(config)}/api/payments/webhook/${name}`;
}

function storeOrigin(config: Pick<Config, "PUBLIC_URL" | "PORT">): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

// It is a test gateway: the store's own webhooks should exercise the
// idempotency of the webhook handler, so some arrive twice and out of order.
const STORE_CHAOS = { duplicateRate: 0.1, reorder: true };

/** What building the gateways may be given besides the configuration. */
export interface StorePaymentsOptions {
  /** The `fetch` real gateways call through (tests point it at fakes). */
  fetch?: typeof fetch;
}

/**
 * The gateways `config` enables. The test gateway (`TEST_GATEWAY=on`, the
 * default) signs with `TEST_GATEWAY_SECRET` or a secret made up for this
 * process, and delivers its webhooks a little chaotically (10 %
 * duplicates, reordered) once {@link connectPayments} has given it the app.
 * Stripe, PayPal, Alipay and WeChat Pay join when their keys are set (the
 * config refuses a half-set group).
 */
export function createStorePayments(
  config: Config,
  logger: Logger,
  options: StorePaymentsOptions = {},
): PaymentGateways {
  if (config.APP_ENV === "production" && config.TEST_GATEWAY === "on") {
    logger.warn(
      "the test payment gateway is on in production: anyone can pay with a test card (set TEST_GATEWAY=off)",
    );
  }
  const gateways: PaymentGateway[] = [];
  if (config.TEST_GATEWAY === "on") {
    gateways.push(
      new TestGateway({
        logger,
        chaos: STORE_CHAOS,
        secret: config.TEST_GATEWAY_SECRET ??
          bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
      }),
    );
  }
  gateways.push(...realGateways(config, logger, options));
  return new PaymentGateways(gateways, {
    attemptTimeoutMs: config.GATEWAY_TIMEOUT_MS,
    retries: config.GATEWAY_RETRIES,
    breakerThreshold: config.GATEWAY_BREAKER_THRESHOLD,
    breakerCoolDownMs: config.GATEWAY_BREAKER_COOLDOWN_MS,
    logger,
  });
}

function realGateways(
  config: Config,
  logger: Logger,
  { fetch }: StorePaymentsOptions,
): PaymentGateway[] {
  const publicUrl = storeOrigin(config);
  const gateways: PaymentGateway[] = [];
  if (
    config.STRIPE_SECRET_KEY && config.STRIPE_PUBLISHABLE_KEY &&
    config.STRIPE_WEBHOOK_SECRET
  ) {
    gateways.push(
      new StripeGateway({
        secretKey: config.STRIPE_SECRET_KEY,
        publishableKey: config.STRIPE_PUBLISHABLE_KEY,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        publicUrl,
        apiUrl: config.STRIPE_API_URL,
        fetch,
      }),
    );
  }
  if (
    config.PAYPAL_CLIENT_ID && config.PAYPAL_CLIENT_SECRET &&
    config.PAYPAL_WEBHOOK_ID
  ) {
    gateways.push(
      new PayPalGateway({
        clientId: config.PAYPAL_CLIENT_ID,
        clientSecret: config.PAYPAL_CLIENT_SECRET,
        webhookId: config.PAYPAL_WEBHOOK_ID,
        verification: config.PAYPAL_WEBHOOK_VERIFICATION,
        publicUrl,
        apiUrl: config.PAYPAL_API_URL,
        fetch,
      }),
    );
  }
  if (
    config.ALIPAY_APP_ID && config.ALIPAY_PRIVATE_KEY &&
    config.ALIPAY_PUBLIC_KEY
  ) {
    gateways.push(
      new AlipayGateway({
        appId: config.ALIPAY_APP_ID,
        privateKey: config.ALIPAY_PRIVATE_KEY,
        alipayPublicKey: config.ALIPAY_PUBLIC_KEY,
        gatewayUrl: config.ALIPAY_GATEWAY_URL,
        notifyUrl: webhookUrl(config, "alipay"),
        publicUrl,
        fetch,
      }),
    );
  }
  if (
    config.WECHATPAY_MCH_ID && config.WECHATPAY_APP_ID &&
    config.WECHATPAY_MCH_SERIAL && config.WECHATPAY_PRIVATE_KEY &&
    config.WECHATPAY_API_V3_KEY && config.WECHATPAY_PLATFORM_SERIAL &&
    config.WECHATPAY_PLATFORM_PUBLIC_KEY
  ) {
    gateways.push(
      new WechatGateway({
        mchId: config.WECHATPAY_MCH_ID,
        appId: config.WECHATPAY_APP_ID,
        merchantSerial: config.WECHATPAY_MCH_SERIAL,
        privateKey: config.WECHATPAY_PRIVATE_KEY,
        apiV3Key: config.WECHATPAY_API_V3_KEY,
        platformKeys: [
          {
            serial: config.WECHATPAY_PLATFORM_SERIAL,
            publicKeyPem: config.WECHATPAY_PLATFORM_PUBLIC_KEY,
          },
          ...(config.WECHATPAY_NEXT_PLATFORM_SERIAL &&
              config.WECHATPAY_NEXT_PLATFORM_PUBLIC_KEY
            ? [{
              serial: config.WECHATPAY_NEXT_PLATFORM_SERIAL,
              publicKeyPem: config.WECHATPAY_NEXT_PLATFORM_PUBLIC_KEY,
            }]
            : []),
        ],
        notifyUrl: webhookUrl(config, "wechat"),
        apiUrl: config.WECHATPAY_API_URL,
        fetch,
        logger,
      }),
    );
  }
  return gateways;
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
  deps.payments.test?.connect({
    url: storeOrigin(deps.config) + TEST_GATEWAY_WEBHOOK_PATH,
    deliver: async (request) => await app.fetch(request),
  });
}
