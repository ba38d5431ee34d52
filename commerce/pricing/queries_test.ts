import assert from "node:assert/strict";
import { ignorePostgresTests, withTempDatabase } from "../../db/_test_util.ts";
import { migrate } from "../../db/migrate.ts";
import type { Sql } from "../../db/client.ts";
import { MemoryCache } from "../../edge/cache/memory.ts";
import {
  convert,
  forgetLatestRates,
  InvalidRoundingRuleError,
  latestRates,
  parseEcbXml,
  parseOpenExchangeRatesJson,
  type RateTable,
  roundingRules,
  seedPricing,
  setRoundingRule,
  storeRates,
} from "./mod.ts";

const testdata = (name: string) =>
  Deno.readTextFile(new URL(`./rates/testdata/${name}`, import.meta.url));

async function withPricingDatabase(fn: (sql: Sql) => Promise<void>) {
  await withTempDatabase(async (sql) => {
    await migrate(sql);
    await fn(sql);
  });
}

Deno.test({
  name:
    "storeRates() stores a snapshot once and latestRates() reads it back exactly",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      assert.equal(await latestRates(sql), null);
      const ecb = parseEcbXml(
        await testdata("ecb-eurofxref-daily-2022-07-08.xml.txt"),
      );
      assert.equal(await storeRates(sql, ecb), 31);
      assert.equal(
        await storeRates(sql, ecb),
        0,
        "an unchanged feed adds nothing",
      );
      const table = await latestRates(sql);
      assert.ok(table);
      assert.equal(table.base, "EUR");
      assert.equal(table.source, "ecb");
      assert.equal(table.asOf.toISOString(), "2022-07-08T00:00:00.000Z");
      // NUMERIC keeps the feed's digits, trailing zeros included.
      assert.deepEqual(table.rates, ecb.rates);
      assert.equal(table.rates.get("PLN"), "4.7630");
    });
  },
});

Deno.test({
  name:
    "latestRates() takes the latest rate per currency across sources and bases",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      await seedPricing(sql); // EUR-based snapshot of 2022-07-08 with AED
      const ecb = parseEcbXml(
        await testdata("ecb-eurofxref-daily-2022-07-08.xml.txt"),
      );
      const nextDay: RateTable = {
        ...ecb,
        asOf: new Date("2022-07-11T00:00:00Z"),
        rates: new Map([["USD", "1.0098"], ["JPY", "137.30"]]),
      };
      await storeRates(sql, nextDay);
      let table = await latestRates(sql);
      assert.ok(table);
      assert.equal(table.base, "EUR");
      assert.equal(table.asOf.toISOString(), "2022-07-11T00:00:00.000Z");
      assert.equal(table.rates.get("USD"), "1.0098");
      // Currencies the newest feed lacks keep their last known rate and date.
      assert.equal(table.rates.get("AED"), "3.73236175");
      assert.equal(table.entries?.get("AED")?.source, "snapshot");
      assert.equal(
        table.entries?.get("AED")?.asOf.toISOString(),
        "2022-07-08T00:00:00.000Z",
      );
      assert.equal(table.entries?.get("USD")?.source, "ecb");

      // A newer USD-based feed: the table moves to its base and older
      // EUR-based rows are crossed through the new EUR rate, exactly.
      const oxr: RateTable = {
        base: "USD",
        rates: new Map([["EUR", "0.99"], ["JPY", "136.5"]]),
        asOf: new Date("2022-07-12T10:00:00Z"),
        source: "openexchangerates",
      };
      await storeRates(sql, oxr);
      table = await latestRates(sql);
      assert.ok(table);
      assert.equal(table.base, "USD");
      assert.equal(table.source, "openexchangerates");
      assert.equal(table.rates.get("EUR"), "0.99");
      assert.equal(table.rates.get("JPY"), "136.5");
      // GBP: 0.84585 GBP/EUR × 0.99 EUR/USD.
      assert.equal(table.rates.get("GBP"), "0.8373915");
      assert.equal(table.rates.has("USD"), false, "the base is implied");
      const pounds = convert(
        { amount: 10000n, currency: "USD" },
        "GBP",
        table,
      );
      assert.equal(pounds.money.amount, 8374n);
      assert.equal(pounds.source, "snapshot");
    });
  },
});

Deno.test({
  name: "latestRates() reads through a cache until forgetLatestRates()",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      const cache = new MemoryCache({ maxEntries: 10 });
      assert.equal(await latestRates(sql, { cache }), null);
      assert.equal(cache.size, 0, "no rates are not cached");
      await seedPricing(sql);
      const first = await latestRates(sql, { cache });
      assert.ok(first);
      await sql`delete from pricing.exchange_rates`;
      const cached = await latestRates(sql, { cache });
      assert.deepEqual(cached, first);
      assert.ok(cached?.asOf instanceof Date);
      await forgetLatestRates(cache);
      assert.equal(await latestRates(sql, { cache }), null);
    });
  },
});

Deno.test({
  name:
    "the exchange_rates table refuses rates that are not positive and finite",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      for (const rate of ["0", "-1", "NaN", "1e20"]) {
        await assert.rejects(
          () =>
            sql`insert into pricing.exchange_rates (source, base, currency, rate, as_of)
              values ('ecb', 'EUR', 'USD', ${rate}, now())`,
          /check constraint/,
          rate,
        );
      }
    });
  },
});

Deno.test({
  name: "seedPricing() is idempotent and never overwrites an admin's edits",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      assert.deepEqual(await seedPricing(sql), { rates: 32, roundingRules: 3 });
      await sql`update pricing.rounding_rules set ending = 49 where currency = 'USD'`;
      await sql`delete from pricing.rounding_rules where currency = 'EUR'`;
      assert.deepEqual(await seedPricing(sql), { rates: 0, roundingRules: 1 });
      const rules = await roundingRules(sql);
      assert.deepEqual(rules.get("USD"), {
        currency: "USD",
        increment: 1n,
        ending: 49n,
      });
      assert.deepEqual(rules.get("JPY"), {
        currency: "JPY",
        increment: 10n,
        ending: null,
      });
      assert.equal(rules.get("EUR")?.ending, 95n);
      const [{ count }] = await sql`
        select count(*)::int as count from pricing.exchange_rates`;
      assert.equal(count, 32);
    });
  },
});

Deno.test({
  name: "seedPricing() leaves stored feed rates alone",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      const oxr = parseOpenExchangeRatesJson(
        await testdata("oxr-latest-2016-03-22.json"),
      );
      await storeRates(sql, oxr);
      assert.equal((await seedPricing(sql)).rates, 0);
      assert.equal((await latestRates(sql))?.source, "openexchangerates");
    });
  },
});

Deno.test({
  name:
    "setRoundingRule() validates, upserts, keeps 'no rounding' as a row, and reports before/after",
  ignore: ignorePostgresTests,
  async fn() {
    await withPricingDatabase(async (sql) => {
      await seedPricing(sql);
      const set = (
        currency: string,
        rule: {
          increment: bigint;
          ending: bigint | null;
        } | null,
      ) => sql.begin((tx) => setRoundingRule(tx, { currency, rule }));

      const usd = await set("USD", { increment: 5n, ending: null });
      assert.deepEqual(usd.before, {
        currency: "USD",
        increment: 1n,
        ending: 99n,
      });
      assert.deepEqual(usd.after, {
        currency: "USD",
        increment: 5n,
        ending: null,
      });
      const chf = await set("CHF", { increment: 5n, ending: null });
      assert.equal(chf.before, null);
      // "No rounding" stays a row, so the seeded default does not return.
      await set("EUR", null);
      await seedPricing(sql);
      const rules = await roundingRules(sql);
      assert.deepEqual(rules.get("EUR"), {
        currency: "EUR",
        increment: 1n,
        ending: null,
      });
      assert.equal(rules.get("CHF")?.increment, 5n);

      await assert.rejects(
        set("JPY", { increment: 0n, ending: null }),
        InvalidRoundingRuleError,
      );
      await assert.rejects(
        set("JPY", { increment: 100_000n, ending: null }),
        InvalidRoundingRuleError,
      );
      await assert.rejects(
        set("USD", { increment: 1n, ending: 100_000n }),
        InvalidRoundingRuleError,
      );
      assert.equal((await roundingRules(sql)).get("JPY")?.increment, 10n);
    });
  },
});
