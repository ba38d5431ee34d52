import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { readStorefrontLocalization } from "../../../../commerce/localization/mod.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import {
  assertBadRequest,
  assertStaffOnly,
  auditRows,
  call,
  shelfPrice,
} from "./_test_util.ts";

const BASE = "/api/admin/localization/currencies";

Deno.test({
  name: "admins list currencies, enable or disable them and set their rounding",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const { db, reads, config } = store.deps;
    const offered = async () =>
      (await readStorefrontLocalization({ sql: db.sql, reads }, {
        currencies: config.CURRENCIES,
        baseCurrency: config.BASE_CURRENCY,
      })).currencies;
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      assert.ok((await offered()).includes("GBP"));

      await t.step(
        "GET shows each currency's rule, rate, source and age",
        async () => {
          const answer = await call(store, admin.token, "GET", BASE);
          assert.equal(answer.status, 200);
          assert.equal(answer.json.total, config.CURRENCIES.length);
          const byCode = Object.fromEntries(
            answer.json.items.map((c: { code: string }) => [c.code, c]),
          );
          assert.equal(byCode.USD.base, true);
          assert.equal(byCode.USD.rate, "1");
          assert.deepEqual(byCode.USD.rounding, { increment: 1, ending: 99 });
          assert.deepEqual(byCode.JPY.rounding, {
            increment: 10,
            ending: null,
          });
          assert.equal(byCode.GBP.rounding, null);
          assert.equal(byCode.EUR.enabled, true);
          assert.equal(byCode.EUR.source, "snapshot");
          assert.equal(byCode.EUR.asOf, "2022-07-08T00:00:00.000Z");
          assert.ok(byCode.EUR.ageSeconds > 0);
          assert.equal(byCode.EUR.override, null);
          // 1 / 1.0163 EUR per USD, at twelve significant digits.
          assert.equal(byCode.EUR.rate, "0.983961428712");
          await assertStaffOnly(store, customer.token, "GET", BASE);
        },
      );

      await t.step(
        "a new rounding rule reprices the storefront at once, audited",
        async () => {
          // 49.90 USD at 1.0163 USD per EUR is 49.10 EUR, shown as 49.95.
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.95");
          const answer = await call(
            store,
            admin.token,
            "PATCH",
            `${BASE}/EUR`,
            {
              rounding: null,
            },
          );
          assert.equal(answer.status, 200, JSON.stringify(answer.json));
          assert.equal(answer.json.rounding, null);
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.10");
          const [row] = await auditRows(store, "currency.update", "EUR");
          assert.equal(row.actor_id, admin.id);
          assert.deepEqual(row.before, {
            rounding: { increment: 1, ending: 95 },
          });
          assert.deepEqual(row.after, { rounding: null });

          const fifty = await call(store, admin.token, "PATCH", `${BASE}/EUR`, {
            rounding: { increment: 50 },
          });
          assert.deepEqual(fifty.json.rounding, {
            increment: 50,
            ending: null,
          });
          assert.equal(await shelfPrice(store, "KNF-S", "EUR"), "49.00");
        },
      );

      await t.step(
        "disabling a currency takes it off the storefront, audited",
        async () => {
          const answer = await call(
            store,
            admin.token,
            "PATCH",
            `${BASE}/GBP`,
            {
              enabled: false,
            },
          );
          assert.equal(answer.status, 200);
          assert.equal(answer.json.enabled, false);
          assert.ok(!(await offered()).includes("GBP"));
          const [row] = await auditRows(store, "currency.update", "GBP");
          assert.deepEqual(row.before, { enabled: true });
          assert.deepEqual(row.after, { enabled: false });
          await call(store, admin.token, "PATCH", `${BASE}/GBP`, {
            enabled: true,
          });
          assert.ok((await offered()).includes("GBP"));
        },
      );

      await t.step(
        "the base cannot be disabled; bad rules and input are 400",
        async () => {
          const base = await call(store, admin.token, "PATCH", `${BASE}/USD`, {
            enabled: false,
          });
          assert.equal(base.status, 409);
          assert.equal(base.json.error.code, "base_currency");
          assert.equal(
            (await call(store, admin.token, "PATCH", `${BASE}/XYZ`, {
              enabled: false,
            })).status,
            404,
          );
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/JPY`, {
              rounding: { increment: 100_000 },
            }),
            "invalid_rounding_rule",
          );
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/JPY`, {
              rounding: { increment: 0 },
            }),
            "validation_failed",
          );
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/JPY`, {}),
            "validation_failed",
          );
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/JPY`, {
              rounding: { increment: 1.5 },
            }),
            "validation_failed",
          );
          await assertStaffOnly(store, customer.token, "PATCH", `${BASE}/JPY`, {
            enabled: false,
          });
          const jpy = await call(store, admin.token, "GET", BASE);
          assert.deepEqual(
            jpy.json.items.find((c: { code: string }) => c.code === "JPY")
              .rounding,
            { increment: 10, ending: null },
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
