/**
 * The payment gateways' part of the store's configuration: each real
 * gateway is switched on by its keys, all of them or none (a half-set group
 * stops the store with a message naming what is missing), plus how hard
 * the store tries a gateway before its circuit breaker opens.
 *
 * @module
 */
import { z } from "zod";

// A PEM block in one environment variable: real newlines, or `\n` escapes
// as `.env` files and secret stores often keep them.
const pem = (
  kind: "PRIVATE KEY" | "PUBLIC KEY" | "PUBLIC KEY or CERTIFICATE",
) =>
  z.string().transform((value) => value.replaceAll("\\n", "\n").trim())
    .refine(
      (value) =>
        /^-----BEGIN (?:[A-Z ]+ )?(?:PRIVATE KEY|PUBLIC KEY|CERTIFICATE)-----/
          .test(value),
      `must be a PEM ${kind} (-----BEGIN ...-----)`,
    );

const httpUrl = z.url({ protocol: /^https?$/ });
const MS = "must be a whole number of milliseconds";
const ms = () => z.coerce.number({ error: MS }).int(MS).min(1, MS);
const COUNT = "must be a whole number";
const count = () => z.coerce.number({ error: COUNT }).int(COUNT).min(0, COUNT);

/** The gateway variables, merged into the store's config schema. */
export const PAYMENTS_ENV = {
  // The built-in test gateway signs its webhooks with this secret (the
  // embedded default makes one up per process).
  TEST_GATEWAY: z.enum(["on", "off"]).default("on"),
  TEST_GATEWAY_SECRET: z.string().min(16).optional(),
  STRIPE_SECRET_KEY: z.string().regex(
    /^(sk|rk)_(test|live)_\w+$/,
    "must be a Stripe secret key (sk_test_... or sk_live_...)",
  ).optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().regex(
    /^pk_(test|live)_\w+$/,
    "must be a Stripe publishable key (pk_test_... or pk_live_...)",
  ).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(
    /^whsec_\w+$/,
    "must be a Stripe webhook signing secret (whsec_...)",
  ).optional(),
  // Any Stripe-compatible endpoint (stripe-mock, a proxy); unset: Stripe.
  STRIPE_API_URL: httpUrl.optional(),
  PAYPAL_CLIENT_ID: z.string().min(1).optional(),
  PAYPAL_CLIENT_SECRET: z.string().min(1).optional(),
  PAYPAL_WEBHOOK_ID: z.string().min(1).optional(),
  // Unset: live (https://api-m.paypal.com); the sandbox is
  // https://api-m.sandbox.paypal.com.
  PAYPAL_API_URL: httpUrl.optional(),
  PAYPAL_WEBHOOK_VERIFICATION: z.enum(["offline", "api"]).default("offline"),
  ALIPAY_APP_ID: z.string().regex(/^\d{6,32}$/, "must be an Alipay app id")
    .optional(),
  ALIPAY_PRIVATE_KEY: pem("PRIVATE KEY").optional(),
  ALIPAY_PUBLIC_KEY: pem("PUBLIC KEY").optional(),
  // Unset: https://openapi.alipay.com/gateway.do.
  ALIPAY_GATEWAY_URL: httpUrl.optional(),
  WECHATPAY_MCH_ID: z.string().regex(/^\d{6,32}$/, "must be a merchant id")
    .optional(),
  WECHATPAY_APP_ID: z.string().min(1).optional(),
  WECHATPAY_MCH_SERIAL: z.string().regex(
    /^[0-9A-Fa-f]{8,64}$/,
    "must be the merchant certificate's serial number (hex)",
  ).optional(),
  WECHATPAY_PRIVATE_KEY: pem("PRIVATE KEY").optional(),
  WECHATPAY_API_V3_KEY: z.string().refine(
    (value) => new TextEncoder().encode(value).length === 32,
    "must be the 32-byte APIv3 key",
  ).optional(),
  WECHATPAY_PLATFORM_SERIAL: z.string().min(1).optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY: pem("PUBLIC KEY or CERTIFICATE").optional(),
  // While WeChat Pay rotates its platform key, callbacks come signed by
  // either: the incoming one goes here until the old one is retired.
  WECHATPAY_NEXT_PLATFORM_SERIAL: z.string().min(1).optional(),
  WECHATPAY_NEXT_PLATFORM_PUBLIC_KEY: pem("PUBLIC KEY or CERTIFICATE")
    .optional(),
  // Unset: https://api.mch.weixin.qq.com.
  WECHATPAY_API_URL: httpUrl.optional(),
  // How hard a gateway is tried: the deadline of one call, retries of
  // transient failures, and the circuit breaker.
  GATEWAY_TIMEOUT_MS: ms().default(8_000),
  GATEWAY_RETRIES: count().default(2),
  GATEWAY_BREAKER_THRESHOLD: count().min(1, COUNT).default(5),
  GATEWAY_BREAKER_COOLDOWN_MS: ms().default(30_000),
};

/** The variables each real gateway needs, all of them or none. */
export const GATEWAY_KEYS = {
  stripe: [
    "STRIPE_SECRET_KEY",
    "STRIPE_PUBLISHABLE_KEY",
    "STRIPE_WEBHOOK_SECRET",
  ],
  paypal: ["PAYPAL_CLIENT_ID", "PAYPAL_CLIENT_SECRET", "PAYPAL_WEBHOOK_ID"],
  alipay: ["ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY"],
  wechat: [
    "WECHATPAY_MCH_ID",
    "WECHATPAY_APP_ID",
    "WECHATPAY_MCH_SERIAL",
    "WECHATPAY_PRIVATE_KEY",
    "WECHATPAY_API_V3_KEY",
    "WECHATPAY_PLATFORM_SERIAL",
    "WECHATPAY_PLATFORM_PUBLIC_KEY",
  ],
} as const;

/** The parsed gateway variables. */
export type PaymentsEnv = z.infer<z.ZodObject<typeof PAYMENTS_ENV>>;

/**
 * Report every gateway whose keys are set only in part: name each missing
 * variable, so an operator never runs a gateway that cannot verify its own
 * webhooks.
 */
export function checkGatewayKeys(
  config: PaymentsEnv,
  ctx: z.RefinementCtx,
): void {
  if (
    Boolean(config.WECHATPAY_NEXT_PLATFORM_SERIAL) !==
      Boolean(config.WECHATPAY_NEXT_PLATFORM_PUBLIC_KEY)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["WECHATPAY_NEXT_PLATFORM_PUBLIC_KEY"],
      message:
        "WECHATPAY_NEXT_PLATFORM_SERIAL and WECHATPAY_NEXT_PLATFORM_PUBLIC_KEY must be set together",
    });
  }
  for (const [gateway, keys] of Object.entries(GATEWAY_KEYS)) {
    const set = keys.filter((key) => config[key] !== undefined);
    if (set.length === 0 || set.length === keys.length) continue;
    for (const key of keys.filter((key) => config[key] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `is required to turn on ${gateway} (${set.join(", ")} ${
          set.length === 1 ? "is" : "are"
        } set)`,
      });
    }
  }
}

/** The names of the real gateways whose keys are all set. */
export function configuredGateways(config: PaymentsEnv): string[] {
  return Object.entries(GATEWAY_KEYS)
    .filter(([, keys]) => keys.every((key) => config[key] !== undefined))
    .map(([gateway]) => gateway);
}
