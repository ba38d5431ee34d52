import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./config.ts";

Deno.test("parseConfig() runs the store on embedded defaults with no variables", () => {
  const config = parseConfig({});
  assert.equal(config.PORT, 8000);
  assert.equal(config.DATA_DIR, ".data");
  assert.equal(config.DATABASE_URL, undefined);
  assert.equal(config.UPSTASH_REDIS_REST_URL, undefined);
  assert.equal(config.BASE_CURRENCY, "USD");
  assert.ok(config.CURRENCIES.includes("EUR"));
  assert.deepEqual(config.GEO_HEADERS.slice(0, 2), [
    "cf-ipcountry",
    "x-vercel-ip-country",
  ]);
});

Deno.test("parseConfig() treats empty variables as unset", () => {
  assert.equal(parseConfig({ PORT: "", DATABASE_URL: "" }).PORT, 8000);
});

Deno.test("parseConfig() names the bad variable in its message", () => {
  assert.throws(
    () => parseConfig({ PORT: "eighty" }),
    (error: unknown) =>
      error instanceof ConfigError && error.problems.length === 1 &&
      error.problems[0].startsWith("PORT:"),
  );
  assert.throws(
    () => parseConfig({ DATABASE_URL: "mysql://x" }),
    /DATABASE_URL/,
  );
  assert.throws(() => parseConfig({ CURRENCIES: "USD,EURO" }), /'EURO'/);
});

Deno.test("parseConfig() requires the base currency among those sold", () => {
  assert.throws(
    () => parseConfig({ BASE_CURRENCY: "EUR", CURRENCIES: "USD,GBP" }),
    /CURRENCIES: must include the base currency 'EUR'/,
  );
});

Deno.test("parseConfig() wants both Upstash variables or neither", () => {
  assert.throws(
    () => parseConfig({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }),
    /UPSTASH_REDIS_REST_TOKEN/,
  );
  const config = parseConfig({
    UPSTASH_REDIS_REST_URL: "https://x.upstash.io",
    UPSTASH_REDIS_REST_TOKEN: "secret",
  });
  assert.equal(config.UPSTASH_REDIS_REST_TOKEN, "secret");
});

Deno.test("parseConfig() reads lists of currencies and geo headers", () => {
  const config = parseConfig({
    CURRENCIES: "usd, jpy ,KWD",
    GEO_HEADERS: "X-Geo , cf-ipcountry",
  });
  assert.deepEqual(config.CURRENCIES, ["USD", "JPY", "KWD"]);
  assert.deepEqual(config.GEO_HEADERS, ["x-geo", "cf-ipcountry"]);
});

Deno.test("parseConfig() requires PUBLIC_URL in production", () => {
  assert.throws(
    () => parseConfig({ APP_ENV: "production" }),
    /PUBLIC_URL: is required/,
  );
  const config = parseConfig({
    APP_ENV: "production",
    PUBLIC_URL: "https://shop.example/",
    EMAIL_PROVIDER: "sendgrid",
    SENDGRID_API_KEY: "SG.key",
  });
  assert.equal(config.PUBLIC_URL, "https://shop.example");
});

Deno.test("parseConfig() reduces PUBLIC_URL to the origin browsers send", () => {
  assert.equal(
    parseConfig({ PUBLIC_URL: "https://Shop.Example:443/" }).PUBLIC_URL,
    "https://shop.example",
  );
  assert.throws(
    () => parseConfig({ PUBLIC_URL: "https://shop.example/store" }),
    /PUBLIC_URL: must be an origin/,
  );
  assert.throws(
    () => parseConfig({ PUBLIC_URL: "https://x/?q" }),
    /PUBLIC_URL/,
  );
});

Deno.test("parseConfig() reads exchange-rate settings with ECB defaults", () => {
  const config = parseConfig({});
  assert.equal(config.RATES_SOURCE, "ecb");
  assert.equal(config.OPEN_EXCHANGE_RATES_APP_ID, undefined);
  assert.equal(
    config.ECB_RATES_URL,
    "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
  );
  assert.equal(
    config.OPEN_EXCHANGE_RATES_URL,
    "https://openexchangerates.org/api/latest.json",
  );
  assert.equal(config.RATES_SCHEDULE, "15 16 * * MON-FRI");
  const local = parseConfig({
    ECB_RATES_URL: "http://127.0.0.1:9999/daily.xml",
    RATES_SCHEDULE: "  */30  *  * * 2-6 ",
  });
  assert.equal(local.ECB_RATES_URL, "http://127.0.0.1:9999/daily.xml");
  assert.equal(local.RATES_SCHEDULE, "*/30 * * * 2-6");
  assert.throws(() => parseConfig({ RATES_SOURCE: "fixer" }), /RATES_SOURCE/);
  assert.throws(
    () => parseConfig({ ECB_RATES_URL: "ftp://example.com/x.xml" }),
    /ECB_RATES_URL/,
  );
});

Deno.test("parseConfig() requires the Open Exchange Rates app id and never echoes it", () => {
  assert.throws(
    () => parseConfig({ RATES_SOURCE: "openexchangerates" }),
    /OPEN_EXCHANGE_RATES_APP_ID: is required when RATES_SOURCE is openexchangerates/,
  );
  const config = parseConfig({
    RATES_SOURCE: "openexchangerates",
    OPEN_EXCHANGE_RATES_APP_ID: "0123456789abcdef0123456789abcdef",
  });
  assert.equal(
    config.OPEN_EXCHANGE_RATES_APP_ID,
    "0123456789abcdef0123456789abcdef",
  );
  // A malformed id is named, never shown (it may be a pasted secret).
  assert.throws(
    () =>
      parseConfig({
        RATES_SOURCE: "openexchangerates",
        OPEN_EXCHANGE_RATES_APP_ID: "s3cret id!",
      }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems[0].startsWith("OPEN_EXCHANGE_RATES_APP_ID: must be") &&
      !error.message.includes("s3cret"),
  );
});

Deno.test("parseConfig() checks RATES_SCHEDULE the way Deno.cron reads it", () => {
  for (
    const schedule of [
      "15 16 * * 1-5",
      "0 * * * *",
      "*/15 8-18 * * MON-FRI",
      "0 0 1,15 jan-jun *",
      "5 4 * * 7",
    ]
  ) {
    assert.doesNotThrow(
      () => parseConfig({ RATES_SCHEDULE: schedule }),
      schedule,
    );
  }
  for (
    const schedule of [
      "15 16 * *",
      "60 16 * * 1",
      "15 24 * * 1",
      "15 16 0 * 1",
      "15 16 * 13 1",
      "15 16 * * 0", // Deno.cron counts days from SUN = 1
      "15 16 * * 5-1",
      "*/0 * * * *",
      "15 16 * * FUN",
      "@daily",
    ]
  ) {
    assert.throws(
      () => parseConfig({ RATES_SCHEDULE: schedule }),
      /RATES_SCHEDULE: /,
      schedule,
    );
  }
});

Deno.test("parseConfig() sends email to the dev mailbox by default", () => {
  const config = parseConfig({});
  assert.equal(config.EMAIL_PROVIDER, "dev");
  assert.equal(config.EMAIL_FROM, "Globex Store <no-reply@localhost>");
  assert.equal(config.SENDGRID_API_KEY, undefined);
  assert.equal(config.MAILGUN_API_URL, undefined);
  assert.equal(config.NOTIFICATIONS_SCHEDULE, "* * * * *");
  assert.equal(
    parseConfig({ NOTIFICATIONS_SCHEDULE: " */5  * * * * " })
      .NOTIFICATIONS_SCHEDULE,
    "*/5 * * * *",
  );
  assert.throws(
    () => parseConfig({ NOTIFICATIONS_SCHEDULE: "every minute" }),
    /NOTIFICATIONS_SCHEDULE: /,
  );
  assert.throws(
    () => parseConfig({ EMAIL_PROVIDER: "smtp" }),
    /EMAIL_PROVIDER/,
  );
});

Deno.test("parseConfig() takes EMAIL_FROM as an address, with or without a name", () => {
  for (
    const from of [
      "shop@example.com",
      "Example Shop <shop@example.com>",
      '"Shop, Inc." <no-reply@mail.example.com>',
      "  shop@example.com  ",
    ]
  ) {
    assert.equal(parseConfig({ EMAIL_FROM: from }).EMAIL_FROM, from.trim());
  }
  for (
    const from of [
      "Example Shop",
      "shop@",
      "shop at example.com",
      "Shop <shop@example.com",
      "Shop <shop@example.com> extra",
      "a@b@c",
    ]
  ) {
    assert.throws(
      () => parseConfig({ EMAIL_FROM: from }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems[0].startsWith("EMAIL_FROM: must be an address"),
      from,
    );
  }
});

Deno.test("parseConfig() requires the chosen email provider's keys and never echoes them", () => {
  assert.throws(
    () => parseConfig({ EMAIL_PROVIDER: "sendgrid" }),
    /SENDGRID_API_KEY: is required when EMAIL_PROVIDER is sendgrid/,
  );
  assert.equal(
    parseConfig({ EMAIL_PROVIDER: "sendgrid", SENDGRID_API_KEY: "SG.x" })
      .SENDGRID_API_KEY,
    "SG.x",
  );
  assert.throws(
    () => parseConfig({ EMAIL_PROVIDER: "mailgun" }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.some((p) =>
        p.startsWith("MAILGUN_API_KEY: is required")
      ) &&
      error.problems.some((p) => p.startsWith("MAILGUN_DOMAIN: is required")),
  );
  const mailgun = parseConfig({
    EMAIL_PROVIDER: "mailgun",
    MAILGUN_API_KEY: "key-123",
    MAILGUN_DOMAIN: "mg.shop.example",
    MAILGUN_API_URL: "https://api.eu.mailgun.net",
  });
  assert.equal(mailgun.MAILGUN_DOMAIN, "mg.shop.example");
  assert.equal(mailgun.MAILGUN_API_URL, "https://api.eu.mailgun.net");
  assert.throws(
    () =>
      parseConfig({
        EMAIL_PROVIDER: "mailgun",
        MAILGUN_API_KEY: "key-123",
        MAILGUN_DOMAIN: "not a domain",
      }),
    /MAILGUN_DOMAIN: must be a domain name/,
  );
  // A bad URL is named, never shown: it may carry credentials.
  assert.throws(
    () => parseConfig({ MAILGUN_API_URL: "ftp://user:s3cret@mailgun.example" }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems[0].startsWith("MAILGUN_API_URL:") &&
      !error.message.includes("s3cret"),
  );
  // The key names match the secret pattern: their values never appear.
  for (const name of ["SENDGRID_API_KEY", "MAILGUN_API_KEY"]) {
    assert.throws(
      () => parseConfig({ [name]: "s3cret", PORT: "x" }),
      (error: unknown) =>
        error instanceof ConfigError && !error.message.includes("s3cret"),
    );
  }
});

Deno.test("parseConfig() refuses the dev mailbox in production", () => {
  const production = {
    APP_ENV: "production",
    PUBLIC_URL: "https://shop.example",
  };
  assert.throws(
    () => parseConfig(production),
    (error: unknown) =>
      error instanceof ConfigError && error.problems.length === 1 &&
      error.problems[0].startsWith(
        "EMAIL_PROVIDER: must be sendgrid or mailgun in production",
      ),
  );
  assert.throws(
    () => parseConfig({ ...production, EMAIL_PROVIDER: "dev" }),
    /EMAIL_PROVIDER: must be sendgrid or mailgun in production/,
  );
  const config = parseConfig({
    ...production,
    EMAIL_PROVIDER: "mailgun",
    MAILGUN_API_KEY: "key-123",
    MAILGUN_DOMAIN: "mg.shop.example",
    EMAIL_FROM: "Shop <orders@shop.example>",
  });
  assert.equal(config.EMAIL_PROVIDER, "mailgun");
});
