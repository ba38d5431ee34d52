import assert from "node:assert/strict";
import { FIXTURE } from "../commerce/catalog/_test_util.ts";
import { updateProduct } from "../commerce/catalog/mod.ts";
import { ignorePostgresTests } from "../db/_test_util.ts";
import { startCatalogTestStore } from "./testing.ts";

function nonceOf(response: Response): string {
  const csp = response.headers.get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
}

Deno.test({
  name:
    "rendered pages are reused per data version, with a fresh nonce each time",
  ignore: ignorePostgresTests && Boolean(Deno.env.get("DATABASE_URL")),
  async fn() {
    const store = await startCatalogTestStore({ catalog: FIXTURE });
    const html = { headers: { accept: "text/html", cookie: "currency=USD" } };
    try {
      const first = await store.app.request("/en/p/kyoto-backpack", html);
      const second = await store.app.request("/en/p/kyoto-backpack", html);
      const [a, b] = [await first.text(), await second.text()];
      const [na, nb] = [nonceOf(first), nonceOf(second)];
      assert.ok(na && nb && na !== nb, "every response has its own nonce");
      assert.ok(a.includes(`nonce="${na}"`) && !a.includes(nb));
      assert.ok(b.includes(`nonce="${nb}"`) && !b.includes(na));
      assert.equal(a.replaceAll(na, "N"), b.replaceAll(nb, "N"));
      assert.match(a, /\$89\.00/);

      // Another currency is another page.
      const euro = await (await store.app.request("/en/p/kyoto-backpack", {
        headers: { accept: "text/html", cookie: "currency=EUR" },
      })).text();
      assert.match(euro, /€87\.95/);

      const id = (await (await store.app.request(
        "/api/products/kyoto-backpack",
      )).json()).id;
      await updateProduct({
        sql: store.deps.db.sql,
        cache: store.deps.reads,
        currencies: store.deps.config.CURRENCIES,
        baseCurrency: store.deps.config.BASE_CURRENCY,
      }, { id, patch: { basePrice: "79.00" } });
      const after =
        await (await store.app.request("/en/p/kyoto-backpack", html))
          .text();
      assert.match(after, /\$79\.00/);
      assert.doesNotMatch(after, /\$89\.00/);
    } finally {
      await store.close();
    }
  },
});
