/**
 * Store configuration, parsed from the environment once at start-up.
 *
 * Every variable is validated with zod; a bad value stops the process with a
 * message naming the variable, so an operator never meets a half-configured
 * store. Handlers receive the parsed {@link Config} through the app context and
 * never read `Deno.env` themselves.
 *
 * @module
 */
import { z } from "zod";
import {
  ECB_RATES_URL,
  isCurrencyCode,
  OPEN_EXCHANGE_RATES_URL,
} from "../commerce/pricing/mod.ts";
import { checkMediaSettings, MEDIA_ENV } from "../commerce/media/mod.ts";
import { checkGatewayKeys, PAYMENTS_ENV } from "./payments_config.ts";
import { StartupError } from "./startup_error.ts";

const currencyList = z.string().transform((value, ctx) => {
  const codes = value.split(",").map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  for (const code of codes) {
    if (!isCurrencyCode(code)) {
      ctx.addIssue({
        code: "custom",
        message: `'${code}' is not an ISO 4217 currency code`,
      });
    }
  }
  return codes;
});

const headerList = z.string().transform((value) =>
  value.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean)
);

// The five fields of a cron expression as Deno.cron reads them: in UTC,
// with days of the week 1-7 counted from Sunday (1 = SUN, 2 = MON... as in
// Cloudflare's saffron, which Deno uses; 0 is refused), or named.
const CRON_FIELDS: {
  name: string;
  min: number;
  max: number;
  names?: string[];
}[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(" "),
  },
  {
    name: "day of week",
    min: 1,
    max: 7,
    names: "SUN MON TUE WED THU FRI SAT".split(" "),
  },
];

/** What is wrong with a five-field cron expression, or `null`. */
function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    return "must be a cron expression of 5 fields (minute hour day-of-month month day-of-week)";
  }
  for (const [i, field] of fields.entries()) {
    const { name, min, max, names = [] } = CRON_FIELDS[i];
    const value = (text: string) => {
      const index = names.indexOf(text.toUpperCase());
      return index >= 0 ? min + index : /^\d+$/.test(text) ? Number(text) : NaN;
    };
    const bad = `has an invalid ${name} field '${field}' (${min}-${max}${
      names.length ? `, ${names[0]}-${names.at(-1)}` : ""
    }, *, ranges, lists, /steps)`;
    for (const part of field.split(",")) {
      const match = /^(?:\*|(\w+)(?:-(\w+))?)(?:\/(\d+))?$/.exec(part);
      if (!match) return bad;
      const [, low, high, step] = match;
      const from = low === undefined ? min : value(low);
      const to = high === undefined
        ? (low === undefined ? max : from)
        : value(high);
      if (!(from >= min && to <= max && from <= to) || step === "0") return bad;
    }
  }
  return null;
}

const cronExpression = z.string().transform((value, ctx) => {
  const problem = cronProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
  return value.trim().split(/\s+/).join(" ");
});

// `shop@example.com` or `Example Shop <shop@example.com>`, as the providers
// take a sender; no spaces or brackets in the address itself.
const EMAIL_ADDRESS = '[^\\s@<>"]+@[^\\s@<>"]+';
const emailSender = z.string().trim().regex(
  new RegExp(`^(?:${EMAIL_ADDRESS}|[^<>@]*<${EMAIL_ADDRESS}>)$`),
  "must be an address such as shop@example.com or Example Shop <shop@example.com>",
);

const PORT_MESSAGE = "must be a port number from 0 to 65535";
const POSITIVE_INT = "must be a positive integer";
const positiveInt = () =>
  z.coerce.number({ error: POSITIVE_INT }).int(POSITIVE_INT).positive(
    POSITIVE_INT,
  );

const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE)
  .min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE);

/** The schema of the environment the store reads. */
export const ConfigSchema = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default(
    "development",
  ),
  PORT: port.default(8000),
  // Not HOSTNAME: containers export that as their own name.
  LISTEN_HOST: z.string().min(1).default("0.0.0.0"),
  STORE_NAME: z.string().min(1).default("Globex Store"),
  // Compared with browsers' Origin headers and put into links: an origin in
  // the form browsers send it (lowercase host, no default port, no path).
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).refine(
    (value) => {
      const url = new URL(value);
      return url.pathname === "/" && !url.search && !url.hash && !url.username;
    },
    "must be an origin such as https://shop.example (no path, query or credentials)",
  )
    .transform((value) => new URL(value).origin).optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }).optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  CACHE_MAX_ENTRIES: z.coerce.number({ error: "must be a positive integer" })
    .int("must be a positive integer").positive("must be a positive integer")
    .default(10_000),
  // Caps how long catalog reads stay cached; 0 reads the database every time
  // (the bench's "cold cache" server).
  READ_CACHE_TTL_SECONDS: z.coerce.number({
    error: "must be a whole number of seconds",
  }).int("must be a whole number of seconds").min(
    0,
    "must be a whole number of seconds",
  ).default(60),
  // Per-IP and per-account limits on sign-in, sign-up and reset. Only a load
  // test from one machine (the bench's logins) has a reason to turn them off.
  AUTH_RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code")
    .default("USD"),
  CURRENCIES: currencyList.default(
    ["USD", "EUR", "GBP", "JPY", "CNY", "AED", "CAD", "AUD", "CHF", "INR"],
  ),
  GEO_HEADERS: headerList.default([
    "cf-ipcountry",
    "x-vercel-ip-country",
    "cloudfront-viewer-country",
    "x-country-code",
  ]),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  RATES_SOURCE: z.enum(["ecb", "openexchangerates"]).default("ecb"),
  OPEN_EXCHANGE_RATES_APP_ID: z.string().regex(
    /^[\w-]{8,128}$/,
    "must be an Open Exchange Rates app id (letters and digits)",
  ).optional(),
  ECB_RATES_URL: z.url({ protocol: /^https?$/ }).default(ECB_RATES_URL),
  OPEN_EXCHANGE_RATES_URL: z.url({ protocol: /^https?$/ }).default(
    OPEN_EXCHANGE_RATES_URL,
  ),
  // ECB publishes around 16:00 CET on working days; Deno.cron runs in UTC,
  // so 16:15 UTC is after publication in winter and summer time alike. Days
  // by name: Deno.cron numbers them from Sunday = 1, so "1-5" would be
  // Sunday to Thursday.
  RATES_SCHEDULE: cronExpression.default("15 16 * * MON-FRI"),
  // Where transactional email goes: the dev mailbox (stored in the
  // database, read at /dev/mailbox) unless a real provider is configured.
  EMAIL_PROVIDER: z.enum(["dev", "sendgrid", "mailgun"]).default("dev"),
  EMAIL_FROM: emailSender.default("Globex Store <no-reply@localhost>"),
  SENDGRID_API_KEY: z.string().min(1).optional(),
  MAILGUN_API_KEY: z.string().min(1).optional(),
  MAILGUN_DOMAIN: z.string().regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i,
    "must be a domain name such as mg.example.com",
  ).optional(),
  // Unset: Mailgun's US region; the EU region is https://api.eu.mailgun.net.
  MAILGUN_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  NOTIFICATIONS_SCHEDULE: cronExpression.default("* * * * *"),
  // Checkout: how long a quote holds its prices, how long an unpaid order
  // holds its stock, and how often expired reservations are released.
  QUOTE_TTL_MINUTES: positiveInt().default(15),
  RESERVATION_TTL_MINUTES: positiveInt().default(30),
  RESERVATIONS_SCHEDULE: cronExpression.default("* * * * *"),
  // Who receives operations alerts (low stock).
  OPS_EMAIL: z.string().trim().regex(
    /^[^\s@]+@[^\s@]+$/,
    "must be an email address",
  )
    .default("operations@localhost"),
  // Payment gateways: see edge/payments_config.ts.
  ...PAYMENTS_ENV,
  // Where admins' image uploads go: see commerce/media/settings.ts.
  ...MEDIA_ENV,
}).superRefine((config, ctx) => {
  checkGatewayKeys(config, ctx);
  checkMediaSettings(config, ctx);
  if (config.APP_ENV === "production" && !config.PUBLIC_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["PUBLIC_URL"],
      message:
        "is required in production (canonical links, secure cookies and form origin checks use it)",
    });
  }
  if (!config.CURRENCIES.includes(config.BASE_CURRENCY)) {
    ctx.addIssue({
      code: "custom",
      path: ["CURRENCIES"],
      message:
        `must include the base currency '${config.BASE_CURRENCY}' (BASE_CURRENCY)`,
    });
  }
  if (
    config.RATES_SOURCE === "openexchangerates" &&
    !config.OPEN_EXCHANGE_RATES_APP_ID
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["OPEN_EXCHANGE_RATES_APP_ID"],
      message: "is required when RATES_SOURCE is openexchangerates",
    });
  }
  if (config.APP_ENV === "production" && config.EMAIL_PROVIDER === "dev") {
    ctx.addIssue({
      code: "custom",
      path: ["EMAIL_PROVIDER"],
      message:
        "must be sendgrid or mailgun in production (the dev mailbox would keep customers' emails instead of sending them)",
    });
  }
  if (config.EMAIL_PROVIDER === "sendgrid" && !config.SENDGRID_API_KEY) {
    ctx.addIssue({
      code: "custom",
      path: ["SENDGRID_API_KEY"],
      message: "is required when EMAIL_PROVIDER is sendgrid",
    });
  }
  if (config.EMAIL_PROVIDER === "mailgun") {
    for (const name of ["MAILGUN_API_KEY", "MAILGUN_DOMAIN"] as const) {
      if (!config[name]) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "is required when EMAIL_PROVIDER is mailgun",
        });
      }
    }
  }
  if (
    Boolean(config.UPSTASH_REDIS_REST_URL) !==
      Boolean(config.UPSTASH_REDIS_REST_TOKEN)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["UPSTASH_REDIS_REST_TOKEN"],
      message:
        "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together",
    });
  }
});

/** The parsed, validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

const SECRET = /TOKEN|URL|KEY|SECRET|PASSWORD|APP_ID/;

/** Thrown when the environment does not describe a valid store. */
export class ConfigError extends StartupError {
  /** One line per bad variable: `NAME: what is wrong`. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join("\n  ")}`);
    this.problems = problems;
  }
}

/**
 * Parse the store's configuration from a plain record of environment
 * variables. Empty strings count as unset so `FOO=` in a `.env` file falls back
 * to the default. Throws {@link ConfigError} naming each bad variable.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) =>
      value !== undefined && value !== ""
    ),
  );
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "(environment)");
      // Echo what was given, except where it may hold a secret.
      const given = present[name] !== undefined && !SECRET.test(name)
        ? ` (got '${present[name]}')`
        : "";
      return `${name}: ${issue.message}${given}`;
    }),
  );
}

/** Read the configuration from the process environment. */
export function loadConfig(): Config {
  return parseConfig(Deno.env.toObject());
}
