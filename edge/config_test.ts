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
