import assert from "node:assert/strict";
import {
  ignorePostgresTests,
  withTempDatabase,
} from "../../../db/_test_util.ts";
import { migrate } from "../../../db/migrate.ts";
import {
  applyRateOverrides,
  convert,
  deleteExpiredRateOverrides,
  deleteRateOverride,
  InvalidRateError,
  InvalidRateOverrideError,
  latestRates,
  parseRate,
  putRateOverride,
  rateBetween,
  type RateOverride,
  type RateTable,
  seedPricing,
  UNIT_OF_ACCOUNT,
  UnknownCurrencyError,
} from "../mod.ts";

const FEED: RateTable = {
  base: "EUR",
  rates: new Map([["USD", "1.0163"], ["GBP", "0.84755"], ["JPY", "138.05"]]),
  asOf: new Date("2022-07-08T00:00:00Z"),
  source: "ecb",
};

function override(
  currency: string,
  rate: string,
  base = "USD",
): RateOverride {
  return {
    currency,
    base,
    rate,
    expiresAt: new Date(Date.now() + 3_600_000),
    setBy: null,
    updatedAt: new Date("2024-05-01T12:00:00Z"),
  };
}

Deno.test("parseRate() reads exact positive decimals and refuses the rest", () => {
  assert.equal(parseRate("1.0832"), "1.0832");
  assert.equal(parseRate("001.50"), "1.5");
  assert.equal(parseRate("0.000123"), "0.000123");
  assert.equal(parseRate("150"), "150");
  for (
    const bad of [
      "0",
      "0.000",
      "-1",
      "1e3",
      "1,08",
      " 1.2",
      "",
      "1.",
      ".5",
      "1234567890",
      "1.23456789012345",
    ]
  ) {
    assert.throws(() => parseRate(bad), InvalidRateError, bad);
  }
});

Deno.test("applyRateOverrides() sets the admin's rate against the base, exactly", () => {
  const table = applyRateOverrides(FEED, [override("GBP", "0.8")]);
  assert.equal(table.base, "EUR");
  // 0.8 GBP per USD × 1.0163 USD per EUR, exactly.
  assert.equal(table.rates.get("GBP"), "0.81304");
  const quote = rateBetween(table, { from: "USD", to: "GBP" })!;
  assert.equal(quote.rate, "0.8");
  assert.equal(quote.source, "override");
  assert.equal(quote.asOf.toISOString(), "2024-05-01T12:00:00.000Z");
  // Everything else is the feed's.
  assert.deepEqual(
    rateBetween(table, { from: "USD", to: "JPY" }),
    rateBetween(FEED, { from: "USD", to: "JPY" }),
  );
  // 49.90 USD × 0.8 = 39.92 GBP, not a cent off.
  const converted = convert({ amount: 4990n, currency: "USD" }, "GBP", table);
  assert.equal(converted.money.amount, 3992n);
  assert.equal(converted.source, "override");
});

Deno.test("applyRateOverrides() re-bases the table when the feed's base is overridden", () => {
  const table = applyRateOverrides(FEED, [override("EUR", "0.5")]);
  assert.equal(table.base, UNIT_OF_ACCOUNT);
  assert.equal(rateBetween(table, { from: "USD", to: "EUR" })!.rate, "0.5");
  assert.equal(
    convert({ amount: 4990n, currency: "USD" }, "EUR", table).money.amount,
    2495n,
  );
  // The other rates against USD do not move.
  for (const to of ["GBP", "JPY"]) {
    assert.equal(
      rateBetween(table, { from: "USD", to })!.rate,
      rateBetween(FEED, { from: "USD", to })!.rate,
    );
  }
  assert.equal(
    rateBetween(table, { from: "USD", to: "GBP" })!.source,
    "ecb",
  );
});

Deno.test("applyRateOverrides() leaves out what it cannot reach and keeps a bare table", () => {
  assert.equal(applyRateOverrides(FEED, []), FEED);
  const unreachable = applyRateOverrides(FEED, [override("GBP", "2", "CHF")]);
  assert.equal(unreachable, FEED);
});

Deno.test({
  name:
    "putRateOverride() validates, latestRates() uses it until it expires, deletes end it",
  ignore: ignorePostgresTests,
  async fn() {
    await withTempDatabase(async (sql) => {
      await migrate(sql);
      await seedPricing(sql);
      const feed = (await latestRates(sql))!;
      const inAnHour = new Date(Date.now() + 3_600_000);
      const put = (options: {
        currency?: string;
        rate?: string;
        expiresAt?: Date;
      }) =>
        sql.begin((tx) =>
          putRateOverride(tx, {
            currency: options.currency ?? "EUR",
            base: "USD",
            rate: options.rate ?? "0.5",
            expiresAt: options.expiresAt ?? inAnHour,
            setBy: null,
          })
        );

      await assert.rejects(put({ currency: "USD" }), InvalidRateOverrideError);
      await assert.rejects(put({ currency: "XYZ" }), UnknownCurrencyError);
      await assert.rejects(put({ rate: "-1" }), InvalidRateError);
      await assert.rejects(
        put({ expiresAt: new Date(Date.now() - 1000) }),
        InvalidRateOverrideError,
      );
      await assert.rejects(
        put({ expiresAt: new Date(Date.now() + 31 * 86_400_000) }),
        InvalidRateOverrideError,
      );

      const first = await put({});
      assert.equal(first.before, null);
      assert.equal(first.after.rate, "0.5");
      const second = await put({ rate: "0.60" });
      assert.equal(second.before?.rate, "0.5");
      assert.equal(second.after.rate, "0.6");

      let table = (await latestRates(sql))!;
      assert.equal(rateBetween(table, { from: "USD", to: "EUR" })!.rate, "0.6");
      assert.equal(
        rateBetween(table, { from: "USD", to: "GBP" })!.rate,
        rateBetween(feed, { from: "USD", to: "GBP" })!.rate,
      );

      // A cached table lives no longer than the override in it.
      const ttls: number[] = [];
      const spy = {
        get: () => Promise.resolve(undefined),
        set: (_key: string, _value: unknown, ttl: number) => {
          ttls.push(ttl);
          return Promise.resolve();
        },
        delete: () => Promise.resolve(),
      };
      await sql`
        update pricing.rate_overrides
        set expires_at = now() + interval '10 seconds'`;
      await latestRates(sql, { cache: spy });
      assert.ok(ttls[0] <= 10 && ttls[0] >= 1, `ttl ${ttls[0]}`);

      // Past its expiry it is ignored, then removed.
      await sql`
        update pricing.rate_overrides
        set expires_at = now() - interval '1 second'`;
      table = (await latestRates(sql))!;
      assert.deepEqual(table.rates, feed.rates);
      const expired = await deleteExpiredRateOverrides(sql);
      assert.deepEqual(expired.map((o) => o.currency), ["EUR"]);
      assert.deepEqual(await deleteExpiredRateOverrides(sql), []);

      await put({ currency: "GBP", rate: "0.75" });
      const removed = await sql.begin((tx) => deleteRateOverride(tx, "GBP"));
      assert.equal(removed?.rate, "0.75");
      assert.equal(
        await sql.begin((tx) => deleteRateOverride(tx, "GBP")),
        null,
      );
    });
  },
});
