import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import {
  expireRateOverrides,
  type LocalizationAdminDeps,
} from "../../../../commerce/localization/admin/mod.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import type { Store } from "../../../../edge/server.ts";
import {
  assertBadRequest,
  assertStaffOnly,
  auditRows,
  call,
  shelfPrice,
} from "./_test_util.ts";

const BASE = "/api/admin/localization/rates";
const HOUR = 3_600_000;

const ecbXml = await Deno.readTextFile(
  new URL(
    "../../../../commerce/pricing/rates/testdata/ecb-eurofxref-daily-2022-07-08.xml.txt",
    import.meta.url,
  ),
);

/** A fake ECB answering `respond()`, on a free loopback port. */
function fakeEcb() {
  let respond = () => new Response("", { status: 503 });
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    () => respond(),
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/eurofxref-daily.xml`,
    answer(next: () => Response) {
      respond = next;
    },
    close: () => server.shutdown(),
  };
}

function deps(store: Store): LocalizationAdminDeps {
  const { db, reads, config, logger } = store.deps;
  return {
    sql: db.sql,
    cache: reads,
    currencies: config.CURRENCIES,
    baseCurrency: config.BASE_CURRENCY,
    logger,
  };
}

// What a shopper converting 10 USD to EUR is told on their next request.
async function convertTen(store: Store) {
  const answer = await call(
    store,
    undefined,
    "GET",
    "/api/convert_currency?from=USD&to=EUR&amount=10",
  );
  assert.equal(answer.status, 200);
  return { amount: answer.json.to.amount, source: answer.json.source };
}

async function storefrontRate(store: Store, code: string) {
  const answer = await call(store, undefined, "GET", "/api/currencies");
  return answer.json.currencies.find((c: { code: string }) => c.code === code);
}

Deno.test({
  name:
    "rate overrides change storefront prices until they expire; feed updates on demand",
  ignore: ignorePostgresTests,
  async fn(t) {
    const feed = fakeEcb();
    const store = await startPaymentsTestStore({ ECB_RATES_URL: feed.url });
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      // Warm every cache the storefront reads prices through.
      assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.95");
      assert.deepEqual(await convertTen(store), {
        amount: "9.84",
        source: "snapshot",
      });

      await t.step(
        "GET lists each rate with its source, age and override",
        async () => {
          const answer = await call(
            store,
            admin.token,
            "GET",
            `${BASE}?limit=100`,
          );
          assert.equal(answer.status, 200);
          assert.equal(answer.json.base, "USD");
          const eur = answer.json.items.find((r: { currency: string }) =>
            r.currency === "EUR"
          );
          assert.equal(eur.rate, "0.983961428712");
          assert.equal(eur.source, "snapshot");
          assert.ok(eur.ageSeconds > 0);
          assert.deepEqual(eur.feed, {
            rate: eur.rate,
            source: eur.source,
            asOf: eur.asOf,
            ageSeconds: eur.ageSeconds,
          });
          assert.equal(eur.override, null);
          assert.ok(
            !answer.json.items.some((r: { currency: string }) =>
              r.currency === "USD"
            ),
          );
          await assertStaffOnly(store, customer.token, "GET", BASE);
        },
      );

      await t.step(
        "PUT an override: the next storefront request uses it, audited",
        async () => {
          const expiresAt = new Date(Date.now() + HOUR).toISOString();
          const answer = await call(
            store,
            admin.token,
            "PUT",
            `${BASE}/EUR/override`,
            { rate: "0.5", expiresAt },
          );
          assert.equal(answer.status, 200, JSON.stringify(answer.json));
          assert.equal(answer.json.rate, "0.5");
          assert.equal(answer.json.source, "override");
          assert.equal(answer.json.feed.rate, "0.983961428712");
          assert.equal(answer.json.override.rate, "0.5");
          assert.equal(answer.json.override.setBy, admin.id);
          assert.equal(answer.json.override.expiresAt, expiresAt);

          // 49.90 USD × 0.5 = 24.95 EUR.
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "24.95");
          assert.deepEqual(await convertTen(store), {
            amount: "5.00",
            source: "override",
          });
          const eur = await storefrontRate(store, "EUR");
          assert.equal(eur.rate, "0.5");
          assert.equal(eur.source, "override");

          const [row] = await auditRows(store, "exchange_rate.override", "EUR");
          assert.equal(row.actor_id, admin.id);
          assert.equal(row.before, null);
          assert.deepEqual(row.after, { rate: "0.5", base: "USD", expiresAt });
        },
      );

      await t.step("past its expiry the feed's rate is back", async () => {
        // Time moves on: the override expired a second ago.
        await store.deps.db.sql`
          update pricing.rate_overrides
          set expires_at = now() - interval '1 second'`;
        // The scheduled expiry run (every minute in a running store).
        const run = await expireRateOverrides(deps(store));
        assert.deepEqual(run.expired, ["EUR"]);
        assert.ok(run.repriced);
        assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.95");
        assert.deepEqual(await convertTen(store), {
          amount: "9.84",
          source: "snapshot",
        });
        const [row] = await auditRows(
          store,
          "exchange_rate.override_expired",
          "EUR",
        );
        assert.equal(row.actor_id, null);
        assert.equal(row.before.rate, "0.5");
        const list = await call(store, admin.token, "GET", BASE);
        assert.equal(
          list.json.items.find((r: { currency: string }) =>
            r.currency === "EUR"
          )
            .override,
          null,
        );
        assert.deepEqual(await expireRateOverrides(deps(store)), {
          expired: [],
          repriced: null,
        });
      });

      await t.step(
        "DELETE ends an override at once, audited; 404 without one",
        async () => {
          const expiresAt = new Date(Date.now() + HOUR).toISOString();
          await call(store, admin.token, "PUT", `${BASE}/EUR/override`, {
            rate: "0.25",
            expiresAt,
          });
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "12.95");
          const answer = await call(
            store,
            admin.token,
            "DELETE",
            `${BASE}/EUR/override`,
          );
          assert.equal(answer.status, 200);
          assert.equal(answer.json.override, null);
          assert.equal(answer.json.source, "snapshot");
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.95");
          const [row] = await auditRows(
            store,
            "exchange_rate.clear_override",
            "EUR",
          );
          assert.deepEqual(row.before, {
            rate: "0.25",
            base: "USD",
            expiresAt,
          });
          const again = await call(
            store,
            admin.token,
            "DELETE",
            `${BASE}/EUR/override`,
          );
          assert.equal(again.status, 404);
          await assertStaffOnly(
            store,
            customer.token,
            "DELETE",
            `${BASE}/EUR/override`,
          );
        },
      );

      await t.step(
        "bad overrides are 400; unsold currencies and the base 404",
        async () => {
          const put = (code: string, body: unknown) =>
            call(store, admin.token, "PUT", `${BASE}/${code}/override`, body);
          const soon = new Date(Date.now() + HOUR).toISOString();
          assertBadRequest(
            await put("EUR", { rate: "1,08", expiresAt: soon }),
            "invalid_rate",
          );
          assertBadRequest(
            await put("EUR", { rate: "0", expiresAt: soon }),
            "invalid_rate",
          );
          assertBadRequest(
            await put("EUR", { rate: 1.08, expiresAt: soon }),
            "validation_failed",
          );
          assertBadRequest(
            await put("EUR", { rate: "1.08", expiresAt: "tomorrow" }),
            "validation_failed",
          );
          assertBadRequest(
            await put("EUR", {
              rate: "1.08",
              expiresAt: new Date(Date.now() - 1000).toISOString(),
            }),
            "invalid_rate_override",
          );
          assertBadRequest(
            await put("EUR", {
              rate: "1.08",
              expiresAt: new Date(Date.now() + 31 * 24 * HOUR).toISOString(),
            }),
            "invalid_rate_override",
          );
          assert.equal(
            (await put("USD", { rate: "1.08", expiresAt: soon })).status,
            404,
          );
          assert.equal(
            (await put("SEK", { rate: "1.08", expiresAt: soon })).status,
            404,
          );
          await assertStaffOnly(
            store,
            customer.token,
            "PUT",
            `${BASE}/EUR/override`,
            {
              rate: "1.08",
              expiresAt: soon,
            },
          );
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.95");
        },
      );

      await t.step(
        "POST update fetches the feed now and reprices, audited",
        async () => {
          const yesterday = new Date(Date.now() - 24 * HOUR).toISOString()
            .slice(0, 10);
          feed.answer(() =>
            new Response(
              ecbXml.replace("time='2022-07-08'", `time='${yesterday}'`)
                .replace("rate='1.0163'", "rate='2'"),
            )
          );
          const answer = await call(
            store,
            admin.token,
            "POST",
            `${BASE}/update`,
          );
          assert.equal(answer.status, 200, JSON.stringify(answer.json));
          assert.equal(answer.json.ok, true);
          assert.equal(answer.json.source, "ecb");
          assert.equal(answer.json.asOf, `${yesterday}T00:00:00.000Z`);
          assert.ok(answer.json.stored > 0);
          assert.ok(answer.json.repriced > 0);
          const eur = answer.json.rates.find((r: { currency: string }) =>
            r.currency === "EUR"
          );
          assert.equal(eur.rate, "0.5");
          assert.equal(eur.source, "ecb");
          // 49.90 USD at 2 USD per EUR.
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "24.95");
          const [row] = await auditRows(store, "exchange_rate.update", "ecb");
          assert.equal(row.after.ok, true);
          assert.equal(row.actor_id, admin.id);
        },
      );

      await t.step(
        "a failed update answers 502 with the last known rates",
        async () => {
          feed.answer(() => new Response("down", { status: 500 }));
          const answer = await call(
            store,
            admin.token,
            "POST",
            `${BASE}/update`,
          );
          assert.equal(answer.status, 502);
          assert.equal(answer.json.error.code, "rates_update_failed");
          assert.equal(answer.json.error.details.lastKnown.source, "ecb");
          const eur = answer.json.error.details.rates.find((
            r: { currency: string },
          ) => r.currency === "EUR");
          assert.equal(eur.rate, "0.5");
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "24.95");
          const [row] = await auditRows(store, "exchange_rate.update", "ecb");
          assert.equal(row.after.ok, false);
          await assertStaffOnly(
            store,
            customer.token,
            "POST",
            `${BASE}/update`,
          );
        },
      );
    } finally {
      await store.close();
      await feed.close();
    }
  },
});
