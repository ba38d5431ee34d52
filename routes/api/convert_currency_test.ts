import assert from "node:assert/strict";
import { forgetLatestRates, seedPricing } from "../../commerce/pricing/mod.ts";
import { postgresAvailable, withTempDatabase } from "../../db/_test_util.ts";
import type { Store } from "../../edge/server.ts";
import { startTestStore } from "../../edge/testing.ts";

/**
 * Run `fn` against a store of its own with the bundled rate snapshot: on a
 * throwaway Postgres database when one is reachable (so no other test's
 * rates leak in), else on the embedded in-memory PGlite.
 */
async function withPricedStore(fn: (store: Store) => Promise<void>) {
  const run = async (overrides: Record<string, string>) => {
    const store = await startTestStore(overrides);
    try {
      await seedPricing(store.deps.db.sql);
      await fn(store);
    } finally {
      await store.close();
    }
  };
  if (postgresAvailable) {
    await withTempDatabase((_sql, url) => run({ DATABASE_URL: url }));
  } else {
    await run({ DATABASE_URL: "" });
  }
}

Deno.test("the pricing API over HTTP", async (t) => {
  await withPricedStore(async (store) => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      store.app.request(`http://store.test${path}`, { headers });
    const getJson = async (
      path: string,
      headers: Record<string, string> = {},
    ) => {
      const response = await get(path, headers);
      return { status: response.status, response, body: await response.json() };
    };

    await t.step(
      "GET /api/convert_currency converts exactly at the stored rates",
      async () => {
        const { status, body } = await getJson(
          "/api/convert_currency?from=USD&to=JPY&amount=12.34",
        );
        assert.equal(status, 200);
        // 12.34 × 138.05 / 1.0163 = 1676.2147…
        assert.deepEqual(body, {
          from: { amount: "12.34", currency: "USD", formatted: "$12.34" },
          to: { amount: "1676", currency: "JPY", formatted: "¥1,676" },
          rate: "135.835875234",
          rateAsOf: "2022-07-08T00:00:00.000Z",
          source: "snapshot",
        });
      },
    );

    await t.step(
      "GET /api/convert_currency uses the feed's rate from the base, and the AED peg",
      async () => {
        const euros = await getJson(
          "/api/convert_currency?from=eur&to=usd&amount=10",
        );
        assert.equal(euros.body.to.amount, "10.16");
        assert.equal(euros.body.rate, "1.0163");
        const dirhams = await getJson(
          "/api/convert_currency?from=USD&to=AED&amount=100",
        );
        assert.equal(dirhams.body.to.amount, "367.25");
        assert.equal(dirhams.body.rate, "3.6725");
        const same = await getJson(
          "/api/convert_currency?from=GBP&to=GBP&amount=5.5",
        );
        assert.deepEqual(same.body.to, same.body.from);
        assert.equal(same.body.rate, "1");
      },
    );

    await t.step(
      "GET /api/convert_currency formats for the request's language",
      async () => {
        const { body, response } = await getJson(
          "/api/convert_currency?from=USD&to=EUR&amount=1234.5",
          { "accept-language": "de" },
        );
        assert.equal(body.from.amount, "1234.50");
        assert.equal(
          body.to.formatted,
          `${body.to.amount.replace(".", ",")}\u00a0€`.replace(
            /^(\d)(\d{3})/,
            "$1.$2",
          ),
        );
        assert.equal(response.headers.get("content-language"), "de");
        assert.match(response.headers.get("vary") ?? "", /Accept-Language/);
      },
    );

    await t.step(
      "GET /api/convert_currency answers 400 for bad codes and amounts",
      async () => {
        const cases: [string, string][] = [
          ["from=USD&to=KWD&amount=1", "unsupported_currency"],
          ["from=XYZ&to=USD&amount=1", "unsupported_currency"],
          ["from=EURO&to=USD&amount=1", "validation_failed"],
          ["from=USD&to=EUR", "validation_failed"],
          ["to=EUR&amount=1", "validation_failed"],
          ["from=USD&to=EUR&amount=12.345", "invalid_amount"],
          ["from=JPY&to=EUR&amount=12.5", "invalid_amount"],
          ["from=USD&to=EUR&amount=-1", "invalid_amount"],
          ["from=USD&to=EUR&amount=1e3", "invalid_amount"],
          ["from=USD&to=EUR&amount=", "validation_failed"],
          [`from=USD&to=EUR&amount=${"9".repeat(41)}`, "validation_failed"],
        ];
        for (const [query, code] of cases) {
          const { status, body } = await getJson(
            `/api/convert_currency?${query}`,
          );
          assert.equal(status, 400, query);
          assert.equal(body.error.code, code, query);
          assert.equal(typeof body.error.message, "string", query);
        }
      },
    );

    await t.step(
      "GET /api/currencies shows each currency's rate against the base",
      async () => {
        const { status, body } = await getJson("/api/currencies");
        assert.equal(status, 200);
        assert.equal(body.base, "USD");
        const byCode = Object.fromEntries(
          body.currencies.map((c: { code: string }) => [c.code, c]),
        );
        assert.deepEqual(
          {
            rate: byCode.USD.rate,
            rateAsOf: byCode.USD.rateAsOf,
            ageSeconds: byCode.USD.ageSeconds,
            source: byCode.USD.source,
          },
          { rate: "1", rateAsOf: null, ageSeconds: null, source: null },
        );
        assert.equal(byCode.JPY.rate, "135.835875234");
        assert.equal(byCode.JPY.exponent, 0);
        assert.equal(byCode.GBP.rate, "0.832283774476");
        assert.equal(byCode.CNY.rate, "6.70028534881");
        assert.equal(byCode.AED.rate, "3.6725");
        assert.equal(byCode.JPY.rateAsOf, "2022-07-08T00:00:00.000Z");
        assert.equal(byCode.JPY.source, "snapshot");
        const expectedAge = (Date.now() - Date.UTC(2022, 6, 8)) / 1000;
        assert.ok(Math.abs(byCode.JPY.ageSeconds - expectedAge) < 60);
      },
    );

    await t.step(
      "without any rates: convert answers 503 and currencies show nulls",
      async () => {
        await store.deps.db.sql`delete from pricing.exchange_rates`;
        await forgetLatestRates(store.deps.cache);
        const { status, response, body } = await getJson(
          "/api/convert_currency?from=USD&to=EUR&amount=1",
        );
        assert.equal(status, 503);
        assert.equal(body.error.code, "service_unavailable");
        assert.ok(Number(response.headers.get("retry-after")) > 0);
        const currencies = await getJson("/api/currencies");
        const eur = currencies.body.currencies.find((c: { code: string }) =>
          c.code === "EUR"
        );
        assert.equal(eur.rate, null);
        assert.equal(eur.rateAsOf, null);
        assert.equal(eur.ageSeconds, null);
        assert.equal(eur.source, null);
      },
    );
  });
});
