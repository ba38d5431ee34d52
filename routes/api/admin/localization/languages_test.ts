import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { readStorefrontLocalization } from "../../../../commerce/localization/mod.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import type { Store } from "../../../../edge/server.ts";
import {
  assertBadRequest,
  assertStaffOnly,
  auditRows,
  call,
} from "./_test_util.ts";

const BASE = "/api/admin/localization/languages";

// What the storefront offers, read as a storefront request reads it.
function storefront(store: Store) {
  const { db, reads, config } = store.deps;
  return readStorefrontLocalization({ sql: db.sql, reads }, {
    currencies: config.CURRENCIES,
    baseCurrency: config.BASE_CURRENCY,
  });
}

Deno.test({
  name: "admins list, enable, disable and choose the default language",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      // Warm the storefront's cached read: changes must retire it.
      assert.deepEqual((await storefront(store)).languages, [
        "en",
        "de",
        "fr",
        "es",
        "ja",
        "zh",
        "ar",
      ]);

      await t.step(
        "GET lists every language with the default, paged",
        async () => {
          const all = await call(store, admin.token, "GET", BASE);
          assert.equal(all.status, 200);
          assert.equal(all.json.default, "en");
          assert.equal(all.json.total, 7);
          const de = all.json.items.find((l: { code: string }) =>
            l.code === "de"
          );
          assert.deepEqual(de, {
            code: "de",
            name: "German",
            nativeName: "Deutsch",
            dir: "ltr",
            enabled: true,
            default: false,
          });
          const page = await call(
            store,
            admin.token,
            "GET",
            `${BASE}?page=2&limit=3`,
          );
          assert.deepEqual(
            page.json.items.map((l: { code: string }) => l.code),
            ["es", "ja", "zh"],
          );
          assertBadRequest(
            await call(store, admin.token, "GET", `${BASE}?limit=0`),
            "validation_failed",
          );
          await assertStaffOnly(store, customer.token, "GET", BASE);
        },
      );

      await t.step(
        "PATCH disables a language, audited, and the storefront drops it",
        async () => {
          const answer = await call(store, admin.token, "PATCH", `${BASE}/de`, {
            enabled: false,
          });
          assert.equal(answer.status, 200, JSON.stringify(answer.json));
          assert.equal(answer.json.enabled, false);
          const [row] = await auditRows(store, "language.disable", "de");
          assert.equal(row.actor_id, admin.id);
          assert.equal(row.entity_type, "language");
          assert.deepEqual(row.before, { enabled: true });
          assert.deepEqual(row.after, { enabled: false });
          assert.equal(row.request_id, answer.headers.get("x-request-id"));
          assert.ok(!(await storefront(store)).languages.includes("de"));
        },
      );

      await t.step(
        "the default cannot be disabled; a disabled language cannot be the default",
        async () => {
          const en = await call(store, admin.token, "PATCH", `${BASE}/en`, {
            enabled: false,
          });
          assert.equal(en.status, 409);
          assert.equal(en.json.error.code, "default_language");
          const de = await call(store, admin.token, "PUT", `${BASE}/default`, {
            code: "de",
          });
          assert.equal(de.status, 409);
          assert.equal(de.json.error.code, "language_disabled");
        },
      );

      await t.step("PUT default moves the default, audited", async () => {
        await call(store, admin.token, "PATCH", `${BASE}/de`, {
          enabled: true,
        });
        const answer = await call(
          store,
          admin.token,
          "PUT",
          `${BASE}/default`,
          {
            code: "de",
          },
        );
        assert.equal(answer.status, 200, JSON.stringify(answer.json));
        assert.equal(answer.json.default, true);
        const [row] = await auditRows(store, "language.set_default", "de");
        assert.deepEqual(row.before, { default: "en" });
        assert.deepEqual(row.after, { default: "de" });
        const offered = await storefront(store);
        assert.equal(offered.defaultLanguage, "de");
        assert.ok(offered.languages.includes("de"));
        // The old default may be disabled now.
        const en = await call(store, admin.token, "PATCH", `${BASE}/en`, {
          enabled: false,
        });
        assert.equal(en.status, 200);
        assert.ok(!(await storefront(store)).languages.includes("en"));
        const list = await call(store, admin.token, "GET", BASE);
        assert.equal(list.json.default, "de");
      });

      await t.step(
        "bad input is 400, unknown languages 404, non-staff 403/401",
        async () => {
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/fr`, {
              enabled: "no",
            }),
            "validation_failed",
          );
          assertBadRequest(
            await call(store, admin.token, "PATCH", `${BASE}/fr`, {
              enabled: true,
              extra: 1,
            }),
            "validation_failed",
          );
          assertBadRequest(
            await call(store, admin.token, "PUT", `${BASE}/default`, {
              code: "xx",
            }),
            "validation_failed",
          );
          const unknown = await call(
            store,
            admin.token,
            "PATCH",
            `${BASE}/xx`,
            {
              enabled: true,
            },
          );
          assert.equal(unknown.status, 404);
          await assertStaffOnly(store, customer.token, "PATCH", `${BASE}/fr`, {
            enabled: false,
          });
          await assertStaffOnly(
            store,
            customer.token,
            "PUT",
            `${BASE}/default`,
            {
              code: "fr",
            },
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
