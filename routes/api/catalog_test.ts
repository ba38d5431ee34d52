import assert from "node:assert/strict";
import { FIXTURE } from "../../commerce/catalog/_test_util.ts";
import { updateProduct } from "../../commerce/catalog/mod.ts";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";

Deno.test({
  name: "the catalog API",
  // With DATABASE_URL it runs on a throwaway database of that server.
  ignore: ignorePostgresTests && Boolean(Deno.env.get("DATABASE_URL")),
  async fn(t) {
    const store = await startCatalogTestStore({ catalog: FIXTURE });
    const get = (path: string, headers: Record<string, string> = {}) =>
      store.app.request(path, { headers });
    const json = async (path: string, headers: Record<string, string> = {}) => {
      const response = await get(path, headers);
      return {
        status: response.status,
        headers: response.headers,
        body: await response.json(),
      };
    };
    try {
      await t.step(
        "lists products localized and priced, cacheable",
        async () => {
          const { status, headers, body } = await json(
            "/api/products?lang=de&currency=EUR&sort=price_asc",
          );
          assert.equal(status, 200);
          assert.deepEqual(body.items.map((p: { name: string }) => p.name), [
            "Nordic Becher",
            "Atlas Kochmesser",
            "Kyoto Rucksack",
          ]);
          assert.deepEqual(body.items[1].price, {
            amount: "49.95",
            currency: "EUR",
            formatted: "49,95\u00a0€",
          });
          assert.equal(body.items[0].availability.status, "out_of_stock");
          assert.equal(body.total, 3);
          assert.equal(headers.get("content-language"), "de");
          assert.match(
            headers.get("cache-control") ?? "",
            /public, max-age=60, stale-while-revalidate=300/,
          );
          const etag = headers.get("etag")!;
          assert.match(etag, /^"[0-9a-f]+"$/);
          const again = await get(
            "/api/products?lang=de&currency=EUR&sort=price_asc",
            {
              "if-none-match": etag,
            },
          );
          assert.equal(again.status, 304);
          assert.equal(await again.text(), "");
        },
      );

      await t.step(
        "language and currency come from headers and cookies too",
        async () => {
          const { body } = await json("/api/products?sort=price_asc", {
            "accept-language": "ja-JP,ja;q=0.9",
          });
          assert.equal(body.items[0].name, "ノルディック マグカップ");
          assert.equal(body.items[0].price.currency, "JPY");
          assert.equal(body.items[0].price.amount, "1980");
          const cookie = await json("/api/products?lang=en&sort=price_asc", {
            cookie: "currency=GBP",
          });
          assert.equal(cookie.body.items[0].price.currency, "GBP");
        },
      );

      await t.step(
        "filters, search and pagination through the query",
        async () => {
          const filtered = await json(
            "/api/products?lang=en&currency=USD&category=kitchen&in_stock=true&attr=material:steel",
          );
          assert.deepEqual(
            filtered.body.items.map((p: { name: string }) => p.name),
            [
              "Atlas Chef's Knife",
            ],
          );
          const search = await json(
            "/api/products?lang=ja&q=" + encodeURIComponent("リュック"),
          );
          assert.deepEqual(
            search.body.items.map((p: { name: string }) => p.name),
            ["キョウト リュック"],
          );
          const first = await json("/api/products?lang=en&limit=2&sort=newest");
          assert.equal(first.body.items.length, 2);
          const next = await json(
            `/api/products?lang=en&limit=2&sort=newest&cursor=${first.body.nextCursor}`,
          );
          assert.equal(next.body.items.length, 1);
          assert.equal(next.body.nextCursor, null);
        },
      );

      await t.step(
        "bad queries answer 400 with the JSON error shape",
        async () => {
          const cases: [string, string][] = [
            ["/api/products?sort=cheapest", "validation_failed"],
            ["/api/products?limit=1000", "validation_failed"],
            ["/api/products?colour=red", "validation_failed"],
            ["/api/products?min_price=abc", "validation_failed"],
            ["/api/products?min_price=20&max_price=10", "validation_failed"],
            ["/api/products?attr=color", "validation_failed"],
            ["/api/products?currency=XYZ", "unsupported_currency"],
            ["/api/currencies?currency=xyz", "unsupported_currency"],
            ["/api/products?currency=JPY&max_price=12.5", "invalid_amount"],
            ["/api/products?cursor=garbage", "invalid_cursor"],
            ["/api/products?lang=xx", "validation_failed"],
            ["/api/stores?near=somewhere", "validation_failed"],
            ["/api/stores?near=91,0", "validation_failed"],
          ];
          for (const [path, code] of cases) {
            const { status, body } = await json(path);
            assert.equal(status, 400, path);
            assert.equal(body.error.code, code, path);
            assert.equal(typeof body.error.message, "string");
          }
        },
      );

      await t.step("product detail by slug or id, 404 otherwise", async () => {
        const { status, body } = await json(
          "/api/products/atlas-kochmesser?lang=ja&currency=JPY",
        );
        assert.equal(status, 200);
        assert.equal(body.name, "アトラス 牛刀包丁");
        assert.deepEqual(
          body.variants.map((v: { price: { amount: string } }) =>
            v.price.amount
          ),
          [
            "6780",
            "8140",
          ],
        );
        const byId = await json(`/api/products/${body.id}?lang=en`);
        assert.equal(byId.body.name, "Atlas Chef's Knife");
        const missing = await json("/api/products/no-such-thing");
        assert.equal(missing.status, 404);
        assert.equal(missing.body.error.code, "not_found");
      });

      await t.step("reviews, paginated and filtered by language", async () => {
        const all = await json("/api/products/kyoto-backpack/reviews?limit=2");
        assert.equal(all.status, 200);
        assert.equal(all.body.items.length, 2);
        assert.ok(all.body.nextCursor);
        const de = await json(
          "/api/products/kyoto-backpack/reviews?language=de",
        );
        assert.deepEqual(de.body.items.map((r: { title: string }) => r.title), [
          "Gut",
        ]);
        assert.equal((await json("/api/products/nope/reviews")).status, 404);
      });

      await t.step("categories as a tree with counts", async () => {
        const { body } = await json("/api/categories?lang=de");
        assert.equal(body[0].name, "Küche");
        assert.equal(body[0].productCount, 2);
        assert.equal(body[0].children[0].name, "Messer");
      });

      await t.step("stores nearest first", async () => {
        const { body } = await json("/api/stores?near=35.0,135.7&limit=1");
        assert.equal(body.length, 1);
        assert.equal(body[0].name, "Globex Tokyo");
        assert.ok(body[0].distanceKm > 300 && body[0].distanceKm < 400);
      });

      await t.step("a catalog write retires cached responses", async () => {
        const before = await json(
          "/api/products/kyoto-backpack?lang=en&currency=USD",
        );
        await updateProduct({
          sql: store.deps.db.sql,
          cache: store.deps.reads,
          currencies: store.deps.config.CURRENCIES,
          baseCurrency: store.deps.config.BASE_CURRENCY,
        }, { id: before.body.id, patch: { basePrice: "95.00" } });
        const after = await json(
          "/api/products/kyoto-backpack?lang=en&currency=USD",
        );
        assert.equal(after.body.price.amount, "95.00");
        assert.notEqual(after.headers.get("etag"), before.headers.get("etag"));
      });

      await t.step(
        "sitemaps list every language with localized alternates",
        async () => {
          const index = await get("/sitemap.xml");
          assert.equal(index.status, 200);
          const xml = await index.text();
          for (const language of ["en", "de", "ja", "ar"]) {
            assert.match(
              xml,
              new RegExp(
                `<loc>http://localhost/sitemaps/${language}.xml</loc>`,
              ),
            );
          }
          const de = await (await get("/sitemaps/de.xml")).text();
          assert.match(
            de,
            /<loc>http:\/\/localhost\/de\/p\/atlas-kochmesser<\/loc>/,
          );
          assert.match(
            de,
            new RegExp(
              `hreflang="ja" href="http://localhost/ja/p/${
                encodeURIComponent("アトラス-牛刀包丁")
              }"`,
            ),
          );
          assert.match(
            de,
            /hreflang="x-default" href="http:\/\/localhost\/en\/p\/atlas-chefs-knife"/,
          );
          assert.match(de, /<loc>http:\/\/localhost\/de\/c\/messer<\/loc>/);
          assert.equal((await get("/sitemaps/xx.xml")).status, 404);
          const robots = await (await get("/robots.txt")).text();
          assert.match(robots, /Sitemap: http:\/\/localhost\/sitemap.xml/);
        },
      );
    } finally {
      await store.close();
    }
  },
});
