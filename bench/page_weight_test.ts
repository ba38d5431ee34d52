import assert from "node:assert/strict";
import { FIXTURE } from "../commerce/catalog/_test_util.ts";
import { ignorePostgresTests } from "../db/_test_util.ts";
import { startCatalogTestStore } from "../edge/testing.ts";
import { weighPage } from "./_weight.ts";

/** The budget: a product page ships at most 15 KB of gzipped JS. */
const PRODUCT_PAGE_BUDGET = 15 * 1024;

Deno.test({
  name: "a product page ships at most 15 KB of gzipped JavaScript",
  ignore: ignorePostgresTests && Boolean(Deno.env.get("DATABASE_URL")),
  async fn() {
    const store = await startCatalogTestStore({ catalog: FIXTURE });
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      store.app.fetch,
    );
    try {
      const origin = `http://127.0.0.1:${server.addr.port}`;
      // A product with reviews, and one with a variant picker.
      for (const path of ["/en/p/kyoto-backpack", "/ja/p/atlas-chefs-knife"]) {
        const weight = await weighPage(origin, { path });
        assert.ok(weight.scripts.length > 0, `${path} hydrates its islands`);
        assert.ok(
          weight.jsGzipBytes <= PRODUCT_PAGE_BUDGET,
          `${path}: ${weight.jsGzipBytes} B of gzipped JS`,
        );
      }
    } finally {
      await server.shutdown();
      await store.close();
    }
  },
});
