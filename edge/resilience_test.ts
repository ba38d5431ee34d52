import assert from "node:assert/strict";
import { FIXTURE } from "../commerce/catalog/_test_util.ts";
import { ignorePostgresTests } from "../db/_test_util.ts";
import { isDatabaseUnavailable } from "./errors.ts";
import { startCatalogTestStore } from "./testing.ts";

Deno.test("isDatabaseUnavailable() tells a lost connection from a bad query", () => {
  assert.equal(isDatabaseUnavailable({ code: "ECONNREFUSED" }), true);
  assert.equal(isDatabaseUnavailable({ code: "CONNECTION_ENDED" }), true);
  assert.equal(isDatabaseUnavailable({ code: "42P01" }), false);
  assert.equal(isDatabaseUnavailable(new Error("boom")), false);
  assert.equal(isDatabaseUnavailable(null), false);
});

Deno.test({
  name:
    "with the database gone, cached catalog reads still answer and the rest is a 503",
  ignore: ignorePostgresTests && Boolean(Deno.env.get("DATABASE_URL")),
  async fn() {
    const store = await startCatalogTestStore({ catalog: FIXTURE });
    try {
      const warm = await store.app.request(
        "/api/products?lang=en&currency=USD",
      );
      assert.equal(warm.status, 200);
      const etag = warm.headers.get("etag");
      await store.deps.db.sql.end({ timeout: 1 });

      const cached = await store.app.request(
        "/api/products?lang=en&currency=USD",
      );
      assert.equal(cached.status, 200);
      assert.equal(cached.headers.get("etag"), etag);

      const missed = await store.app.request(
        "/api/products?lang=de&currency=EUR",
      );
      assert.equal(missed.status, 503);
      assert.equal(missed.headers.get("retry-after"), "5");
      const body = await missed.json();
      assert.equal(body.error.code, "service_unavailable");
      assert.doesNotMatch(JSON.stringify(body), /CONNECTION|postgres|stack/i);
    } finally {
      await store.close();
    }
  },
});

Deno.test("a NUL character in the URL is a 400, on pages and the API", async () => {
  const { startTestStore } = await import("./testing.ts");
  const store = await startTestStore();
  try {
    for (
      const path of [
        "/api/products?q=%00",
        "/en/search?q=a%00b",
        "/api/products/%00",
      ]
    ) {
      const response = await store.app.request(path);
      assert.equal(response.status, 400, path);
      assert.equal((await response.json()).error.code, "invalid_characters");
    }
  } finally {
    await store.close();
  }
});
