import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import { auditOf, call, client, storefrontProduct } from "./_test_util.ts";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

Deno.test({
  name: "the product admin API lists, shows, creates, edits and archives",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const api = client(store, admin.token);
      const audit = (entityId: string) =>
        auditOf(store, { token: admin.token, entityType: "product", entityId });
      const list = async (query = "") => {
        const answer = await api.get(`/api/admin/products${query}`);
        assert.equal(answer.status, 200, JSON.stringify(answer.json));
        return answer.json;
      };
      const byKey = async (key: string) =>
        (await list(`?q=${key}`)).items.find((p: { key: string }) =>
          p.key === key
        );
      const categories =
        (await call(store, { path: "/api/categories?lang=en" }))
          .json;
      const kitchen = categories.find((c: { key: string }) =>
        c.key === "kitchen"
      );
      const travel = categories.find((c: { key: string }) =>
        c.key === "travel"
      );
      const knife = await byKey("knife");
      const mug = await byKey("mug");
      const backpack = await byKey("backpack");

      await t.step("anonymous callers get 401 and customers 403", async () => {
        const customer = await staffMember(store, ["customer"]);
        const routes: [string, string, unknown?][] = [
          ["GET", "/api/admin/products"],
          ["POST", "/api/admin/products", {}],
          ["GET", `/api/admin/products/${knife.id}`],
          ["PATCH", `/api/admin/products/${knife.id}`, { featured: true }],
          ["POST", `/api/admin/products/${knife.id}/archive`],
          ["POST", `/api/admin/products/${knife.id}/variants`, { sku: "X" }],
          ["PUT", `/api/admin/products/${knife.id}/prices/EUR`, {
            amount: "1",
          }],
          ["DELETE", `/api/admin/products/${knife.id}/prices/EUR`],
        ];
        for (const [method, path, body] of routes) {
          const anonymous = await call(store, { method, path, body });
          assert.equal(anonymous.status, 401, `${method} ${path}`);
          const forbidden = await call(store, {
            method,
            path,
            body,
            token: customer.token,
          });
          assert.equal(forbidden.status, 403, `${method} ${path}`);
          assert.equal(forbidden.json.error.code, "forbidden");
        }
        assert.equal(
          (await api.get(`/api/admin/products/${knife.id}`))
            .json.status,
          "active",
          "nothing changed",
        );
      });

      await t.step(
        "the list searches, filters, pages and flags completeness",
        async () => {
          const all = await list();
          assert.equal(all.total, 3);
          assert.deepEqual(knife.completeness, {
            en: true,
            de: true,
            fr: false,
            es: true,
            ja: true,
            zh: true,
            ar: true,
          });
          assert.equal(knife.name, "Atlas Chef's Knife");
          assert.equal(knife.basePrice, "49.90");
          assert.equal(knife.variantCount, 2);
          assert.deepEqual(knife.stock, { available: 12, lowVariants: 1 });
          assert.equal(knife.category.key, "knives");

          const names = (page: { items: { name: string }[] }) =>
            page.items.map((p) => p.name);
          assert.deepEqual(names(await list("?q=KNF-L")), [
            "Atlas Chef's Knife",
          ]);
          assert.deepEqual(names(await list("?q=rucksack")), [
            "Kyoto Backpack",
          ]);
          assert.deepEqual(names(await list("?missingLanguage=fr")), [
            "Atlas Chef's Knife",
          ]);
          assert.deepEqual(names(await list("?lowStock=true&sort=name")), [
            "Atlas Chef's Knife",
            "Nordic Mug",
          ]);
          assert.deepEqual(
            names(await list(`?category=${kitchen.id}&sort=name`)),
            ["Atlas Chef's Knife", "Nordic Mug"],
          );
          assert.equal((await list("?status=draft")).total, 0);

          const first = await list("?sort=name&limit=2");
          assert.deepEqual(names(first), [
            "Atlas Chef's Knife",
            "Kyoto Backpack",
          ]);
          assert.equal(first.total, 3);
          const second = await list("?sort=name&limit=2&page=2");
          assert.deepEqual(names(second), ["Nordic Mug"]);
          assert.equal(second.page, 2);

          for (
            const query of [
              "?limit=0",
              "?limit=201",
              "?bogus=1",
              "?missingLanguage=xx",
              "?status=gone",
              "?category=kitchen",
            ]
          ) {
            const bad = await api.get(`/api/admin/products${query}`);
            assert.equal(bad.status, 400, query);
            assert.equal(bad.json.error.code, "validation_failed");
          }
        },
      );

      await t.step("the detail shows everything editable", async () => {
        const { status, json } = await api.get(
          `/api/admin/products/${knife.id}`,
        );
        assert.equal(status, 200);
        assert.equal(json.basePrice, "49.90");
        assert.equal(json.baseCurrency, "USD");
        assert.equal(json.brand, "Atlas");
        assert.equal(json.status, "active");
        assert.deepEqual(json.attributes, { material: "steel" });
        assert.equal(json.category.key, "knives");
        assert.equal(json.copy.de.name, "Atlas Kochmesser");
        assert.equal(json.copy.de.slug, "atlas-kochmesser");
        assert.equal(json.copy.de.seoTitle, "Atlas Kochmesser | Test");
        assert.equal(json.copy.fr, undefined);
        assert.equal(json.completeness.fr, false);
        assert.deepEqual(
          json.variants.map((v: { sku: string }) => v.sku),
          ["KNF-S", "KNF-L"],
        );
        const large = json.variants[1];
        assert.equal(large.priceOverride, "59.90");
        assert.equal(large.weightGrams, 220);
        assert.deepEqual(large.stock, {
          quantity: 2,
          reserved: 0,
          available: 2,
          lowStockThreshold: 3,
          low: true,
        });
        assert.deepEqual(
          json.prices.map((p: { currency: string }) => p.currency).sort(),
          [...store.deps.config.CURRENCIES].sort(),
        );
        const usd = json.prices.find((p: { currency: string }) =>
          p.currency === "USD"
        );
        assert.deepEqual(
          { override: usd.override, converted: usd.converted },
          { override: null, converted: "49.90" },
        );
        assert.equal(json.images[0].key, "kitchen--knife--1");
        assert.equal(json.images[0].alt.en, "A knife");

        const mugDetail = (await api.get(`/api/admin/products/${mug.id}`))
          .json;
        const jpy = mugDetail.prices.find((p: { currency: string }) =>
          p.currency === "JPY"
        );
        assert.equal(jpy.override, "1980");
        assert.equal(jpy.source, "price_list");
        assert.match(jpy.converted, /^\d+$/);

        assert.equal(
          (await api.get(`/api/admin/products/${UNKNOWN}`)).status,
          404,
        );
        assert.equal((await api.get("/api/admin/products/nope")).status, 404);
      });

      let lamp: { id: string };
      await t.step(
        "create makes a draft with generated slugs and an audit row",
        async () => {
          const created = await api.post("/api/admin/products", {
            categoryId: kitchen.id,
            brand: "Lumen",
            basePrice: "35",
            attributes: { material: "brass", bulbs: 1 },
            copy: {
              en: { name: "Desk Lamp", description: "A brass lamp." },
              de: { name: "Schreibtischlampe Größe", description: "Messing." },
            },
            variants: [{ sku: "LMP-1", options: { color: "brass" }, stock: 7 }],
          });
          assert.equal(created.status, 201, JSON.stringify(created.json));
          lamp = created.json;
          assert.equal(created.json.status, "draft");
          assert.equal(created.json.basePrice, "35.00");
          assert.equal(created.json.copy.en.slug, "desk-lamp");
          assert.equal(created.json.copy.de.slug, "schreibtischlampe-groesse");
          assert.deepEqual(
            Object.entries(created.json.completeness)
              .filter(([, complete]) => complete).map(([language]) => language),
            ["en", "de"],
          );
          assert.equal(created.json.variants[0].stock.quantity, 7);
          const [entry] = await audit(lamp.id);
          assert.equal(entry.action, "product.create");
          assert.equal(entry.actorId, admin.id);
          assert.equal(entry.after.copy.en.name, "Desk Lamp");
          assert.equal(entry.after.variants[0].sku, "LMP-1");
          // A draft is not on sale.
          assert.equal(
            await storefrontProduct(store, { slug: "desk-lamp" }),
            null,
          );

          const twin = await api.post("/api/admin/products", {
            categoryId: kitchen.id,
            basePrice: "12.50",
            copy: { en: { name: "Desk Lamp" } },
          });
          assert.equal(twin.status, 201);
          assert.equal(twin.json.copy.en.slug, "desk-lamp-2");
          assert.equal(twin.json.copy.en.description, "");
          assert.equal(twin.json.completeness.en, false);
          assert.equal(twin.json.variants.length, 0);
        },
      );

      await t.step("create refuses what is not valid", async () => {
        const base = {
          categoryId: kitchen.id,
          basePrice: "10",
          copy: { en: { name: "Thing" } },
        };
        const cases: [unknown, number, string][] = [
          [{ ...base, basePrice: undefined }, 400, "validation_failed"],
          [{ ...base, basePrice: 10 }, 400, "validation_failed"],
          [{ ...base, extra: 1 }, 400, "validation_failed"],
          [{ ...base, copy: { xx: { name: "x" } } }, 400, "validation_failed"],
          [
            { ...base, copy: { de: { name: "Ding" } } },
            400,
            "default_copy_required",
          ],
          [{ ...base, categoryId: UNKNOWN }, 400, "unknown_category"],
          [{ ...base, basePrice: "1.234" }, 400, "invalid_amount"],
          [
            { ...base, copy: { en: { name: "T", slug: "Bad Slug" } } },
            400,
            "invalid_slug",
          ],
          [
            { ...base, copy: { en: { name: "T", slug: "kyoto-backpack" } } },
            409,
            "slug_taken",
          ],
          [{ ...base, status: "active" }, 409, "product_incomplete"],
          [{ ...base, variants: [{ sku: "BAG-1" }] }, 409, "sku_taken"],
          [{ ...base, key: "knife" }, 409, "key_taken"],
        ];
        for (const [body, status, code] of cases) {
          const answer = await api.post("/api/admin/products", body);
          assert.equal(answer.status, status, JSON.stringify(answer.json));
          assert.equal(answer.json.error.code, code);
        }
        const invalidJson = await store.app.request("/api/admin/products", {
          method: "POST",
          headers: {
            authorization: `Bearer ${admin.token}`,
            "content-type": "application/json",
          },
          body: "{",
        });
        assert.equal(invalidJson.status, 400);
        // Nothing half-made was left behind.
        assert.equal((await list("?q=Thing")).total, 0);
      });

      await t.step(
        "a name change shows on the next storefront request, audited with what changed",
        async () => {
          const before = await storefrontProduct(store, {
            slug: "kyoto-backpack",
            lang: "de",
            currency: "EUR",
          });
          assert.equal(before.name, "Kyoto Rucksack");
          const patched = await api.patch(
            `/api/admin/products/${backpack.id}`,
            { copy: { de: { name: "Kyoto Wanderrucksack" } } },
          );
          assert.equal(patched.status, 200, JSON.stringify(patched.json));
          assert.equal(patched.json.copy.de.name, "Kyoto Wanderrucksack");
          // The slug is a URL: it stays unless an admin changes it.
          assert.equal(patched.json.copy.de.slug, "kyoto-rucksack");
          const after = await storefrontProduct(store, {
            slug: "kyoto-backpack",
            lang: "de",
            currency: "EUR",
          });
          assert.equal(after.name, "Kyoto Wanderrucksack");
          const [entry] = await audit(backpack.id);
          assert.equal(entry.action, "product.update");
          assert.deepEqual(entry.before, {
            copy: { de: { name: "Kyoto Rucksack" } },
          });
          assert.deepEqual(entry.after, {
            copy: { de: { name: "Kyoto Wanderrucksack" } },
          });
          // Shoppers find it by its new name.
          const search = await call(store, {
            path: "/api/products?lang=de&currency=EUR&q=wanderrucksack",
          });
          assert.equal(search.json.items[0]?.id, backpack.id);
        },
      );

      await t.step("copy is edited per language", async () => {
        const path = `/api/admin/products/${knife.id}`;
        const french = await api.patch(path, {
          copy: {
            fr: { name: "Couteau de chef Atlas", description: "Lame forgée." },
          },
        });
        assert.equal(french.status, 200, JSON.stringify(french.json));
        assert.equal(french.json.copy.fr.slug, "couteau-de-chef-atlas");
        assert.equal(french.json.completeness.fr, true);
        assert.equal((await list("?missingLanguage=fr")).total, 2, "2 lamps");
        const storefront = await storefrontProduct(store, {
          slug: "couteau-de-chef-atlas",
          lang: "fr",
        });
        assert.equal(storefront.name, "Couteau de chef Atlas");

        const seo = await api.patch(path, {
          copy: { fr: { seoTitle: "Couteau | Atlas", slug: "couteau-atlas" } },
          images: [{ id: french.json.images[0].id, alt: { fr: "Un couteau" } }],
        });
        assert.equal(seo.json.copy.fr.seoTitle, "Couteau | Atlas");
        assert.equal(seo.json.copy.fr.slug, "couteau-atlas");
        assert.equal(seo.json.copy.fr.name, "Couteau de chef Atlas");
        assert.equal(seo.json.images[0].alt.fr, "Un couteau");
        assert.equal(seo.json.images[0].alt.en, "A knife");
        const [entry] = await audit(knife.id);
        assert.deepEqual(entry.before, {
          copy: {
            fr: { seoTitle: null, slug: "couteau-de-chef-atlas" },
          },
          imageAlt: { [french.json.images[0].id]: { fr: "A knife" } },
        });
        assert.deepEqual(entry.after, {
          copy: { fr: { seoTitle: "Couteau | Atlas", slug: "couteau-atlas" } },
          imageAlt: { [french.json.images[0].id]: { fr: "Un couteau" } },
        });

        const removed = await api.patch(path, { copy: { fr: null } });
        assert.equal(removed.json.copy.fr, undefined);
        assert.equal(removed.json.completeness.fr, false);

        const cases: [unknown, number, string][] = [
          [{}, 400, "validation_failed"],
          [{ copy: { en: null } }, 400, "default_copy_required"],
          [{ copy: { es: { name: "" } } }, 400, "validation_failed"],
          [
            { copy: { fr: { description: "Sans nom" } } },
            400,
            "copy_name_required",
          ],
          [{ copy: { de: { slug: "kyoto-rucksack" } } }, 409, "slug_taken"],
          [
            { images: [{ id: UNKNOWN, alt: { de: "x" } }] },
            400,
            "unknown_image",
          ],
          [{ status: "archived" }, 400, "validation_failed"],
          [{ categoryId: UNKNOWN }, 400, "unknown_category"],
          [{ key: "mug" }, 409, "key_taken"],
        ];
        for (const [body, status, code] of cases) {
          const answer = await api.patch(path, body);
          assert.equal(answer.status, status, JSON.stringify(answer.json));
          assert.equal(answer.json.error.code, code, JSON.stringify(body));
        }
        assert.equal(
          (await api.patch(`/api/admin/products/${UNKNOWN}`, { brand: "x" }))
            .status,
          404,
        );
      });

      await t.step("fields change and a new base price reprices", async () => {
        const before = await storefrontProduct(store, { slug: "nordic-mug" });
        assert.equal(before.price.amount, "12.00");
        const patched = await api.patch(`/api/admin/products/${mug.id}`, {
          basePrice: "14.5",
          brand: "Nordisk",
          featured: true,
          attributes: { material: "stoneware" },
          categoryId: travel.id,
        });
        assert.equal(patched.status, 200, JSON.stringify(patched.json));
        assert.equal(patched.json.basePrice, "14.50");
        assert.equal(patched.json.category.key, "travel");
        const after = await storefrontProduct(store, { slug: "nordic-mug" });
        assert.equal(after.price.amount, "14.50");
        assert.equal(after.brand, "Nordisk");
        assert.equal(after.breadcrumbs.at(-1).key, "travel");
        const [entry] = await audit(mug.id);
        assert.deepEqual(entry.before.basePrice, "12.00");
        assert.deepEqual(entry.after.basePrice, "14.50");
        assert.deepEqual(entry.after.categoryId, travel.id);
        assert.equal(entry.before.copy, undefined, "only what changed");

        // The same values again change nothing and record nothing.
        const again = await api.patch(`/api/admin/products/${mug.id}`, {
          basePrice: "14.50",
        });
        assert.equal(again.status, 200);
        assert.equal((await audit(mug.id)).length, 1);

        const draft = await api.patch(`/api/admin/products/${lamp.id}`, {
          status: "active",
        });
        assert.equal(draft.status, 200, JSON.stringify(draft.json));
        assert.equal(
          (await storefrontProduct(store, { slug: "desk-lamp" })).name,
          "Desk Lamp",
        );
        const [twin] = (await list("?q=desk-lamp-2")).items;
        assert.equal(twin.status, "draft", "found by its slug");
        const incomplete = await api.patch(`/api/admin/products/${twin.id}`, {
          status: "active",
        });
        assert.equal(incomplete.status, 409);
        assert.equal(incomplete.json.error.code, "product_incomplete");
      });

      await t.step(
        "a price-list entry shows on the next storefront request, beside the converted price",
        async () => {
          const path = `/api/admin/products/${backpack.id}/prices`;
          const before = await storefrontProduct(store, {
            slug: "kyoto-backpack",
            currency: "EUR",
          });
          assert.equal(before.price.amount, "87.95");
          const set = await api.put(`${path}/eur`, { amount: "79" });
          assert.equal(set.status, 200, JSON.stringify(set.json));
          assert.deepEqual(
            {
              currency: set.json.currency,
              override: set.json.override,
              converted: set.json.converted,
              source: set.json.source,
            },
            {
              currency: "EUR",
              override: "79.00",
              converted: "87.95",
              source: "price_list",
            },
          );
          assert.ok(set.json.rate);
          const after = await storefrontProduct(store, {
            slug: "kyoto-backpack",
            currency: "EUR",
          });
          assert.equal(after.price.amount, "79.00");
          const [entry] = await audit(backpack.id);
          assert.equal(entry.action, "price.set");
          assert.deepEqual(entry.before, { currency: "EUR", amount: null });
          assert.deepEqual(entry.after, { currency: "EUR", amount: "79.00" });

          const changed = await api.put(`${path}/EUR`, { amount: "75.50" });
          assert.equal(changed.json.override, "75.50");
          assert.deepEqual((await audit(backpack.id))[0].before, {
            currency: "EUR",
            amount: "79.00",
          });

          const cases: [string, unknown, number, string][] = [
            ["USD", { amount: "80" }, 400, "base_currency_price"],
            ["SEK", { amount: "80" }, 400, "currency_not_sold"],
            ["JPY", { amount: "12.5" }, 400, "invalid_amount"],
            ["EUR", { amount: 80 }, 400, "validation_failed"],
            ["EURO", { amount: "80" }, 400, "validation_failed"],
          ];
          for (const [currency, body, status, code] of cases) {
            const answer = await api.put(`${path}/${currency}`, body);
            assert.equal(answer.status, status, currency);
            assert.equal(answer.json.error.code, code, currency);
          }
          assert.equal(
            (await api.put(
              `/api/admin/products/${UNKNOWN}/prices/EUR`,
              { amount: "1" },
            )).status,
            404,
          );

          const deleted = await api.del(`${path}/EUR`);
          assert.equal(deleted.status, 200);
          assert.equal(deleted.json.override, null);
          assert.equal(deleted.json.source, "converted");
          assert.equal(
            (await storefrontProduct(store, {
              slug: "kyoto-backpack",
              currency: "EUR",
            })).price.amount,
            "87.95",
          );
          const [removal] = await audit(backpack.id);
          assert.equal(removal.action, "price.delete");
          assert.deepEqual(removal.before, {
            currency: "EUR",
            amount: "75.50",
          });
          assert.equal((await api.del(`${path}/EUR`)).status, 404);
        },
      );

      await t.step(
        "archive takes a product off the storefront, once",
        async () => {
          const archived = await api.post(
            `/api/admin/products/${backpack.id}/archive`,
          );
          assert.equal(archived.status, 200);
          assert.equal(archived.json.status, "archived");
          assert.equal(
            await storefrontProduct(store, { slug: "kyoto-backpack" }),
            null,
          );
          const [entry] = await audit(backpack.id);
          assert.equal(entry.action, "product.archive");
          assert.deepEqual(entry.before, { status: "active" });
          assert.deepEqual(entry.after, { status: "archived" });
          assert.equal((await list("?status=archived")).total, 1);

          const again = await api.post(
            `/api/admin/products/${backpack.id}/archive`,
          );
          assert.equal(again.status, 200);
          assert.equal((await audit(backpack.id))[0].id, entry.id);
          assert.equal(
            (await api.post(`/api/admin/products/${UNKNOWN}/archive`)).status,
            404,
          );

          const restored = await api.patch(
            `/api/admin/products/${backpack.id}`,
            { status: "active" },
          );
          assert.equal(restored.json.status, "active");
          assert.ok(await storefrontProduct(store, { slug: "kyoto-backpack" }));
        },
      );
    } finally {
      await store.close();
    }
  },
});
