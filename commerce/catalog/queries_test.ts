import assert from "node:assert/strict";
import { ignorePostgresTests } from "../../db/_test_util.ts";
import { MemoryCache } from "../../edge/cache/memory.ts";
import { ReadThrough } from "../../edge/cache/read_through.ts";
import { readProducts } from "./cached.ts";
import {
  getProduct,
  listCategories,
  listProducts,
  listReviews,
  listStores,
  type ProductListQuery,
} from "./queries.ts";
import { setStock, updateProduct } from "./writes.ts";
import { FIXTURE_CURRENCIES, withCatalogDatabase } from "./_test_util.ts";

const base: ProductListQuery = {
  language: "en",
  currency: "USD",
  sort: "newest",
  limit: 20,
};

Deno.test({
  name: "catalog queries on a real Postgres",
  ignore: ignorePostgresTests,
  async fn(t) {
    await withCatalogDatabase(async (sql) => {
      const names = async (query: Partial<ProductListQuery>) =>
        (await listProducts(sql, { ...base, ...query })).items.map((p) =>
          p.name
        );

      await t.step("a category lists its descendants' products", async () => {
        assert.deepEqual(await names({ category: "kitchen" }), [
          "Nordic Mug",
          "Atlas Chef's Knife",
        ]);
        assert.deepEqual(await names({ category: "knives" }), [
          "Atlas Chef's Knife",
        ]);
        // A German slug works from an English request too.
        assert.deepEqual(await names({ category: "messer" }), [
          "Atlas Chef's Knife",
        ]);
        assert.deepEqual(await names({ category: "no-such-category" }), []);
      });

      await t.step(
        "prices come in the shopper's currency, rules applied",
        async () => {
          const eur = await listProducts(sql, {
            ...base,
            currency: "EUR",
            language: "de",
          });
          const byName = new Map(eur.items.map((p) => [p.name, p]));
          // 49.90 USD / 1.0163 = 49.10 EUR, raised to the .95 ending; the
          // large variant's override (59.90 USD) makes it a "from" price.
          assert.deepEqual(byName.get("Atlas Kochmesser")?.price, {
            amount: "49.95",
            currency: "EUR",
            formatted: "49,95\u00a0€",
          });
          assert.equal(byName.get("Atlas Kochmesser")?.priceVaries, true);
          const jpy = await listProducts(sql, {
            ...base,
            currency: "JPY",
            language: "ja",
          });
          const yen = new Map(jpy.items.map((p) => [p.name, p.price?.amount]));
          // Converted yen round to whole tens (6778 → 6780); the mug has an
          // explicit yen price that wins over conversion.
          assert.equal(yen.get("アトラス 牛刀包丁"), "6780");
          assert.equal(yen.get("ノルディック マグカップ"), "1980");
          assert.equal(yen.get("キョウト リュック"), "12090");
          const usd = await listProducts(sql, base);
          assert.equal(
            usd.items.find((p) => p.name === "Kyoto Backpack")?.price
              ?.formatted,
            "$89.00",
          );
        },
      );

      await t.step("price range filters on the shown price", async () => {
        // The knife is shown "from 49.95 EUR" (its variants cost 49.95 and
        // 58.95): the range applies to the figure shoppers see.
        assert.deepEqual(
          await names({ currency: "EUR", minPrice: "49.95", maxPrice: "50" }),
          ["Atlas Chef's Knife"],
        );
        assert.deepEqual(
          await names({ currency: "EUR", minPrice: "49.96", maxPrice: "60" }),
          [],
        );
        assert.deepEqual(
          await names({ currency: "JPY", maxPrice: "1980" }),
          ["Nordic Mug"],
        );
      });

      await t.step("in-stock and attribute filters", async () => {
        assert.deepEqual(await names({ inStock: true }), [
          "Atlas Chef's Knife",
          "Kyoto Backpack",
        ]);
        assert.deepEqual(
          await names({ attributes: { material: ["steel", "nylon"] } }),
          ["Atlas Chef's Knife", "Kyoto Backpack"],
        );
        // Variant options count as attributes too.
        assert.deepEqual(await names({ attributes: { color: ["white"] } }), [
          "Nordic Mug",
        ]);
        assert.deepEqual(
          await names({ attributes: { waterproof: ["true"] } }),
          [
            "Kyoto Backpack",
          ],
        );
      });

      await t.step("full-text search per language", async () => {
        assert.deepEqual(await names({ q: "knives", sort: "relevance" }), [
          "Atlas Chef's Knife",
        ]);
        // German stemming: "Rucksäcke"... is a plural the stemmer folds.
        const de = await listProducts(sql, {
          ...base,
          language: "de",
          q: "Kochmessers",
          sort: "relevance",
        });
        assert.deepEqual(de.items.map((p) => p.name), ["Atlas Kochmesser"]);
        // Japanese has no spaces: bigrams match inside the name.
        const ja = await listProducts(sql, {
          ...base,
          language: "ja",
          q: "牛刀",
          sort: "relevance",
        });
        assert.deepEqual(ja.items.map((p) => p.name), ["アトラス 牛刀包丁"]);
        const one = await listProducts(sql, {
          ...base,
          language: "ja",
          q: "刀",
        });
        assert.equal(one.total, 1);
        assert.equal(
          (await listProducts(sql, { ...base, q: "zeppelin" })).total,
          0,
        );
      });

      await t.step(
        "missing copy falls back to English and says so",
        async () => {
          const fr = await listProducts(sql, {
            ...base,
            language: "fr",
            category: "knives",
          });
          assert.equal(fr.items[0].name, "Atlas Chef's Knife");
          assert.equal(fr.items[0].language, "en");
          const de = await listProducts(sql, {
            ...base,
            language: "de",
            category: "knives",
          });
          assert.equal(de.items[0].language, "de");
        },
      );

      await t.step(
        "every sort pages through all products exactly once",
        async () => {
          const sorts = [
            "price_asc",
            "price_desc",
            "newest",
            "rating",
            "relevance",
          ] as const;
          for (const sort of sorts) {
            const seen: string[] = [];
            let cursor: string | undefined;
            do {
              const page = await listProducts(sql, {
                ...base,
                sort,
                limit: 1,
                cursor,
              });
              seen.push(...page.items.map((p) => p.name));
              cursor = page.nextCursor ?? undefined;
            } while (cursor);
            const full = await names({ sort });
            assert.deepEqual(seen, full, sort);
            assert.equal(new Set(seen).size, 3, sort);
          }
          assert.deepEqual(await names({ sort: "price_asc" }), [
            "Nordic Mug",
            "Atlas Chef's Knife",
            "Kyoto Backpack",
          ]);
          assert.deepEqual(
            (await names({ sort: "rating" }))[0],
            "Kyoto Backpack",
          );
          // Without a query, "relevance" puts featured products first.
          assert.deepEqual(
            (await names({ sort: "relevance" }))[0],
            "Kyoto Backpack",
          );
        },
      );

      await t.step(
        "a tampered or foreign cursor is a 400, never a 500",
        async () => {
          const is400 = (error: Error & { status?: number; code?: string }) =>
            error.status === 400 && error.code === "invalid_cursor";
          await assert.rejects(
            listProducts(sql, { ...base, cursor: "not-a-cursor" }),
            is400,
          );
          const newest = await listProducts(sql, {
            ...base,
            sort: "newest",
            limit: 1,
          });
          // A cursor of one sort cannot continue another.
          await assert.rejects(
            listProducts(sql, {
              ...base,
              sort: "price_asc",
              cursor: newest.nextCursor!,
            }),
            is400,
          );
          // Well-formed, but its keys are not what the sort casts them to.
          const forged = btoa(JSON.stringify(["newest", "x", "y"]));
          await assert.rejects(
            listProducts(sql, { ...base, sort: "newest", cursor: forged }),
            is400,
          );
          const bag = await getProduct(sql, {
            idOrSlug: "kyoto-backpack",
            language: "en",
            currency: "USD",
          });
          await assert.rejects(
            listReviews(sql, {
              productId: bag!.id,
              limit: 1,
              cursor: btoa('["x","y"]'),
            }),
            is400,
          );
          await assert.rejects(
            listReviews(sql, {
              productId: bag!.id,
              limit: 1,
              cursor: newest.nextCursor!,
            }),
            is400,
          );
        },
      );

      await t.step(
        "product detail: variants, stock, slugs, ratings",
        async () => {
          const knife = await getProduct(sql, {
            idOrSlug: "atlas-kochmesser",
            language: "ja",
            currency: "JPY",
          });
          assert.ok(knife);
          assert.equal(knife.name, "アトラス 牛刀包丁");
          assert.equal(knife.slug, "アトラス-牛刀包丁");
          assert.deepEqual(
            knife.variants.map((v) => [v.sku, v.price?.amount, v.availability]),
            [
              ["KNF-S", "6780", { status: "in_stock", quantity: null }],
              ["KNF-L", "8140", { status: "low_stock", quantity: 2 }],
            ],
          );
          assert.deepEqual(knife.breadcrumbs.map((c) => c.name), [
            "キッチン",
            "包丁",
          ]);
          assert.equal(knife.slugs.de, "atlas-kochmesser");
          assert.equal(knife.slugs.fr, undefined);
          const byId = await getProduct(sql, {
            idOrSlug: knife.id,
            language: "en",
            currency: "USD",
          });
          assert.equal(byId?.name, "Atlas Chef's Knife");
          const bag = await getProduct(sql, {
            idOrSlug: "kyoto-backpack",
            language: "en",
            currency: "USD",
          });
          assert.equal(bag?.rating.count, 3);
          assert.equal(bag?.rating.average, 4.33);
          assert.deepEqual(bag?.rating.distribution, {
            1: 0,
            2: 0,
            3: 0,
            4: 2,
            5: 1,
          });
          const mug = await getProduct(sql, {
            idOrSlug: "nordic-mug",
            language: "en",
            currency: "USD",
          });
          assert.equal(mug?.availability.status, "out_of_stock");
          assert.equal(
            await getProduct(sql, {
              idOrSlug: "nope",
              language: "en",
              currency: "USD",
            }),
            null,
          );
        },
      );

      await t.step(
        "category tree with counts including descendants",
        async () => {
          const tree = await listCategories(sql, { language: "de" });
          assert.deepEqual(
            tree.map((
              c,
            ) => [
              c.name,
              c.productCount,
              c.children.map((k) => [k.name, k.productCount]),
            ]),
            [["Küche", 2, [["Messer", 1]]], ["Travel", 1, []]],
          );
        },
      );

      await t.step(
        "reviews page newest first and filter by language",
        async () => {
          const bag = await getProduct(sql, {
            idOrSlug: "kyoto-backpack",
            language: "en",
            currency: "USD",
          });
          const first = await listReviews(sql, {
            productId: bag!.id,
            limit: 2,
          });
          assert.deepEqual(first.items.map((r) => r.authorName), [
            "Bo",
            "Jonas",
          ]);
          const rest = await listReviews(sql, {
            productId: bag!.id,
            limit: 2,
            cursor: first.nextCursor!,
          });
          assert.deepEqual(rest.items.map((r) => r.authorName), ["Ann"]);
          assert.equal(rest.nextCursor, null);
          const german = await listReviews(sql, {
            productId: bag!.id,
            language: "de",
            limit: 10,
          });
          assert.deepEqual(german.items.map((r) => r.title), ["Gut"]);
        },
      );

      await t.step("stores nearest first with distance in km", async () => {
        // From Lyon: Paris is ~392 km away, Tokyo ~9,700 km.
        const stores = await listStores(sql, {
          near: { lat: 45.764, lng: 4.8357 },
          limit: 5,
        });
        assert.deepEqual(stores.map((s) => s.name), [
          "Globex Paris",
          "Globex Tokyo",
        ]);
        assert.ok(
          Math.abs(stores[0].distanceKm! - 392) < 5,
          String(stores[0].distanceKm),
        );
        const fromYokohama = await listStores(sql, {
          near: { lat: 35.44, lng: 139.64 },
          limit: 1,
        });
        assert.deepEqual(fromYokohama.map((s) => s.name), ["Globex Tokyo"]);
        const unsorted = await listStores(sql, { limit: 5 });
        assert.equal(unsorted[0].distanceKm, null);
      });

      await t.step("writes reprice, and retire cached reads", async () => {
        const cache = new MemoryCache({ maxEntries: 100 });
        const reads = new ReadThrough(cache);
        const deps = {
          sql,
          cache: reads,
          currencies: FIXTURE_CURRENCIES,
          baseCurrency: "USD",
        };
        const query = { ...base, currency: "EUR", category: "travel" };
        const before = await readProducts({ sql, reads }, query);
        assert.equal(before.value.items[0].price?.amount, "87.95");
        assert.equal(
          (await readProducts({ sql, reads }, query)).state,
          "fresh",
        );
        const bag = before.value.items[0];
        await updateProduct(deps, {
          id: bag.id,
          patch: { basePrice: "100.00" },
        });
        const after = await readProducts({ sql, reads }, query);
        assert.equal(after.state, "miss");
        // 100 / 1.0163 = 98.40 EUR → 98.95.
        assert.equal(after.value.items[0].price?.amount, "98.95");
        assert.notEqual(after.etag, before.etag);

        await setStock(deps, { sku: "BAG-1", quantity: 0 });
        const sold = await readProducts({ sql, reads }, query);
        assert.equal(sold.value.items[0].availability.status, "out_of_stock");
        await sql`update catalog.inventory set quantity = 5, reserved = 3
                  from catalog.variants v
                  where v.id = variant_id and v.sku = 'BAG-1'`;
        await assert.rejects(
          setStock(deps, { sku: "BAG-1", quantity: 2 }),
          /Cannot set stock of 'BAG-1' to 2: 3 are reserved/,
        );
        await assert.rejects(
          setStock(deps, { sku: "NOPE", quantity: 2 }),
          /No variant/,
        );
      });
    });
  },
});
