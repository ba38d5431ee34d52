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

Deno.test({
  name:
    "what admins turn off leaves the storefront: pickers, saved choices, geo and language prefixes",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const page = (path: string, headers: Record<string, string> = {}) =>
      store.app.request(path, { headers: { accept: "text/html", ...headers } });
    try {
      const admin = await staffMember(store);
      const base = "/api/admin/localization";
      // Warm every cache first: the change must still show at once.
      const before = await (await page("/en/about")).text();
      assert.match(before, /<option[^>]*value="GBP"/);
      assert.match(before, /hreflang="fr"/);
      for (
        const [path, body] of [
          [`${base}/languages/fr`, { enabled: false }],
          [`${base}/currencies/GBP`, { enabled: false }],
        ] as const
      ) {
        const answer = await call(store, admin.token, "PATCH", path, body);
        assert.equal(answer.status, 200);
      }

      await t.step("the pickers no longer offer them", async () => {
        const html = await (await page("/en/about")).text();
        assert.doesNotMatch(html, /<option[^>]*value="GBP"/);
        assert.match(html, /<option[^>]*value="EUR"/);
        assert.doesNotMatch(html, /hreflang="fr"/);
        assert.match(html, /hreflang="de"/);
      });

      await t.step(
        "a saved currency that was turned off is not used",
        async () => {
          const html = await (await page("/en/about", {
            cookie: "currency=GBP",
            "cf-ipcountry": "DE",
          })).text();
          // Germany's currency instead.
          assert.match(html, /<option[^>]*value="EUR"[^>]*selected/);
        },
      );

      await t.step("pages of a turned-off language redirect", async () => {
        const answer = await page("/fr/about?x=1", {
          "accept-language": "fr-FR, de;q=0.8",
        });
        assert.equal(answer.status, 302);
        assert.equal(answer.headers.get("location"), "/de/about?x=1");
        const root = await page("/", { "accept-language": "fr" });
        assert.equal(root.headers.get("location"), "/en/");
        // A French shopper in France is not told to switch to French.
        const html = await (await page("/en/about", { "cf-ipcountry": "FR" }))
          .text();
        assert.doesNotMatch(html, /data-testid="geo-suggestion"/);
      });

      await t.step("neither can be chosen", async () => {
        for (const body of [{ currency: "GBP" }, { language: "fr" }]) {
          const answer = await call(
            store,
            undefined,
            "PUT",
            "/api/preferences",
            body,
          );
          assert.equal(answer.status, 400);
          assert.match(answer.json.error.code, /^unsupported_/);
        }
      });
    } finally {
      await store.close();
    }
  },
});
