import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import { call } from "./_test_util.ts";

Deno.test({
  name:
    "disabled languages and currencies leave GET /api/languages and /api/currencies on the next request",
  ignore: ignorePostgresTests,
  async fn() {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const codes = async (path: string, key: string) => {
        const answer = await call(store, undefined, "GET", path);
        assert.equal(answer.status, 200);
        return {
          default: answer.json.default,
          codes: answer.json[key].map((item: { code: string }) => item.code),
        };
      };
      // Warm the caches the storefront reads through.
      assert.ok(
        (await codes("/api/languages", "languages")).codes.includes("fr"),
      );
      assert.ok(
        (await codes("/api/currencies", "currencies")).codes.includes("GBP"),
      );

      const base = "/api/admin/localization";
      assert.equal(
        (await call(store, admin.token, "PATCH", `${base}/languages/fr`, {
          enabled: false,
        })).status,
        200,
      );
      assert.equal(
        (await call(store, admin.token, "PUT", `${base}/languages/default`, {
          code: "de",
        })).status,
        200,
      );
      assert.equal(
        (await call(store, admin.token, "PATCH", `${base}/currencies/GBP`, {
          enabled: false,
        })).status,
        200,
      );

      const languages = await codes("/api/languages", "languages");
      assert.equal(languages.default, "de");
      assert.deepEqual(languages.codes, ["en", "de", "es", "ja", "zh", "ar"]);
      assert.ok(
        !(await codes("/api/currencies", "currencies")).codes.includes("GBP"),
      );

      await call(store, admin.token, "PATCH", `${base}/languages/fr`, {
        enabled: true,
      });
      await call(store, admin.token, "PATCH", `${base}/currencies/GBP`, {
        enabled: true,
      });
      assert.ok(
        (await codes("/api/languages", "languages")).codes.includes("fr"),
      );
      assert.ok(
        (await codes("/api/currencies", "currencies")).codes.includes("GBP"),
      );
    } finally {
      await store.close();
    }
  },
});
