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
import { isCurrencyCode } from "../commerce/pricing/mod.ts";
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

const PORT_MESSAGE = "must be a port number from 0 to 65535";
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
}).superRefine((config, ctx) => {
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

const SECRET = /TOKEN|URL|KEY|SECRET|PASSWORD/;

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
