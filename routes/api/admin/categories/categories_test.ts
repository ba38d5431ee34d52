import assert from "node:assert/strict";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../../db/_test_util.ts";
import { call } from "../_test_util.ts";
import type { Store } from "../../../../edge/server.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** `method path` as `options.token`, JSON in and out. */
function client(store: Store) {
  return (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string } = {},
  ) => call(store, { method, path, ...options });
}

// deno-lint-ignore no-explicit-any
const byKey = (nodes: any[], key: string): Json => {
  for (const node of nodes) {
    if (node.key === key) return node;
    const found = byKey(node.children, key);
    if (found) return found;
  }
  return undefined;
};

Deno.test({
  name:
    "admin categories: tree, create, rename, re-slug, move, reorder, delete",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const call = client(store);
    try {
      const admin = await staffMember(store);
      const token = admin.token;
      const audit = async (entityId: string) =>
        (await call(
          "GET",
          `/api/admin/audit?entityType=category&entityId=${entityId}`,
          { token },
        )).json.items;
      const storefront = async (lang: string) =>
        (await call("GET", `/api/categories?lang=${lang}`)).json;
      let created: Json;

      await t.step(
        "the tree has every language's copy and completeness",
        async () => {
          const { status, json } = await call("GET", "/api/admin/categories", {
            token,
          });
          assert.equal(status, 200);
          assert.deepEqual(json.languages, [
            "en",
            "de",
            "fr",
            "es",
            "ja",
            "zh",
            "ar",
          ]);
          assert.deepEqual(json.items.map((c: Json) => c.key), [
            "kitchen",
            "travel",
          ]);
          const kitchen = json.items[0];
          assert.deepEqual(kitchen.translations.de, {
            name: "Küche",
            slug: "kueche",
          });
          assert.deepEqual(kitchen.translations.ja.name, "キッチン");
          assert.equal(kitchen.complete, true);
          assert.equal(kitchen.completeness.ar, true);
          assert.equal(kitchen.productCount, 1);
          assert.equal(kitchen.children[0].key, "knives");
          assert.equal(kitchen.children[0].parentId, kitchen.id);
        },
      );

      await t.step(
        "create under a parent: slugs derived, audited, on the storefront",
        async () => {
          // Warm the storefront cache first: the write must retire it.
          assert.equal(byKey(await storefront("de"), "cookware"), undefined);
          const kitchen = byKey(
            (await call("GET", "/api/admin/categories", { token })).json.items,
            "kitchen",
          );
          const { status, json } = await call("POST", "/api/admin/categories", {
            token,
            body: {
              parentId: kitchen.id,
              position: 0,
              translations: {
                en: { name: "Cookware" },
                de: { name: "Töpfe & Pfannen" },
              },
            },
          });
          assert.equal(status, 201, JSON.stringify(json));
          created = json;
          assert.equal(json.key, "cookware");
          assert.equal(json.parentId, kitchen.id);
          assert.equal(json.position, 0);
          assert.deepEqual(json.translations.de, {
            name: "Töpfe & Pfannen",
            slug: "toepfe-pfannen",
          });
          assert.equal(json.completeness.de, true);
          assert.equal(json.completeness.fr, false);
          assert.equal(json.complete, false);

          const [entry] = await audit(json.id);
          assert.equal(entry.action, "category.create");
          assert.equal(entry.actorId, admin.id);
          assert.equal(entry.after.translations.en.slug, "cookware");

          const tree = await storefront("de");
          const shown = byKey(tree, "cookware");
          assert.equal(shown.name, "Töpfe & Pfannen");
          assert.equal(byKey(tree, "kitchen").children[0].key, "cookware");
          // French has no copy: the default language's.
          assert.equal(
            byKey(await storefront("fr"), "cookware").name,
            "Cookware",
          );

          // The same name again gets a free slug and key.
          const again = await call("POST", "/api/admin/categories", {
            token,
            body: { translations: { en: { name: "Cookware" } } },
          });
          assert.equal(again.status, 201);
          assert.equal(again.json.key, "cookware-2");
          assert.equal(again.json.translations.en.slug, "cookware-2");
          assert.equal(again.json.parentId, null);
          assert.equal(again.json.position, 2);
        },
      );

      await t.step(
        "rename keeps the slug; the storefront shows the new name",
        async () => {
          const { status, json } = await call(
            "PATCH",
            `/api/admin/categories/${created.id}`,
            {
              token,
              body: {
                translations: {
                  de: { name: "Kochgeschirr" },
                  fr: { name: "Batterie de cuisine" },
                },
              },
            },
          );
          assert.equal(status, 200, JSON.stringify(json));
          assert.deepEqual(json.translations.de, {
            name: "Kochgeschirr",
            slug: "toepfe-pfannen",
          });
          assert.equal(json.translations.fr.slug, "batterie-de-cuisine");
          assert.equal(json.completeness.fr, true);
          const [entry] = await audit(created.id);
          assert.equal(entry.action, "category.update");
          assert.equal(entry.before.translations.de.name, "Töpfe & Pfannen");
          assert.equal(entry.after.translations.de.name, "Kochgeschirr");
          assert.equal(entry.before.translations.fr, undefined);
          assert.equal(
            byKey(await storefront("de"), "cookware").name,
            "Kochgeschirr",
          );
        },
      );

      await t.step("re-slug per language; a slug in use is 409", async () => {
        const moved = await call(
          "PATCH",
          `/api/admin/categories/${created.id}`,
          {
            token,
            body: { translations: { de: { slug: "kochgeschirr" } } },
          },
        );
        assert.equal(moved.status, 200);
        assert.equal(moved.json.translations.de.slug, "kochgeschirr");
        const tree = await storefront("de");
        assert.equal(byKey(tree, "cookware").slug, "kochgeschirr");
        const page = await call(
          "GET",
          "/api/products?category=kochgeschirr&lang=de",
        );
        assert.equal(page.status, 200);

        const clash = await call(
          "PATCH",
          `/api/admin/categories/${created.id}`,
          {
            token,
            body: { translations: { de: { slug: "messer" } } },
          },
        );
        assert.equal(clash.status, 409);
        assert.equal(clash.json.error.code, "slug_taken");
        assert.deepEqual(clash.json.error.details, {
          language: "de",
          slug: "messer",
        });
        // The same slug in another language is free.
        const other = await call(
          "PATCH",
          `/api/admin/categories/${created.id}`,
          {
            token,
            body: {
              translations: { ja: { name: "調理器具", slug: "messer" } },
            },
          },
        );
        assert.equal(other.status, 200);
        assert.equal(other.json.translations.ja.slug, "messer");
      });

      await t.step(
        "a move that would make a cycle is 409; a move and reorder work",
        async () => {
          const tree =
            (await call("GET", "/api/admin/categories", { token })).json.items;
          const kitchen = byKey(tree, "kitchen");
          const knives = byKey(tree, "knives");
          for (const parentId of [knives.id, kitchen.id, created.id]) {
            const { status, json } = await call(
              "PATCH",
              `/api/admin/categories/${kitchen.id}`,
              { token, body: { parentId } },
            );
            assert.equal(status, 409);
            assert.equal(json.error.code, "category_cycle");
          }

          const moved = await call(
            "PATCH",
            `/api/admin/categories/${created.id}`,
            {
              token,
              body: { parentId: null, position: 1 },
            },
          );
          assert.equal(moved.status, 200);
          assert.equal(moved.json.parentId, null);
          const roots =
            (await call("GET", "/api/admin/categories", { token })).json.items;
          assert.deepEqual(roots.map((c: Json) => [c.key, c.position]), [
            ["kitchen", 0],
            ["cookware", 1],
            ["travel", 2],
            ["cookware-2", 3],
          ]);
          assert.deepEqual(
            byKey(roots, "kitchen").children.map((c: Json) => c.key),
            ["knives"],
          );
          const [entry] = await audit(created.id);
          assert.equal(entry.before.parentId, kitchen.id);
          assert.equal(entry.after.parentId, null);
          assert.deepEqual((await storefront("en")).map((c: Json) => c.key), [
            "kitchen",
            "cookware",
            "travel",
            "cookware-2",
          ]);

          const first = await call(
            "PATCH",
            `/api/admin/categories/${created.id}`,
            {
              token,
              body: { position: 0 },
            },
          );
          assert.equal(first.json.position, 0);
          const again =
            (await call("GET", "/api/admin/categories", { token })).json.items;
          assert.deepEqual(again.map((c: Json) => c.key), [
            "cookware",
            "kitchen",
            "travel",
            "cookware-2",
          ]);
        },
      );

      await t.step("a patch that changes nothing writes nothing", async () => {
        const before = (await audit(created.id)).length;
        const { status } = await call(
          "PATCH",
          `/api/admin/categories/${created.id}`,
          {
            token,
            body: { translations: { de: { name: "Kochgeschirr" } } },
          },
        );
        assert.equal(status, 200);
        assert.equal((await audit(created.id)).length, before);
      });

      await t.step("only an empty category is deleted", async () => {
        const tree =
          (await call("GET", "/api/admin/categories", { token })).json.items;
        const kitchen = byKey(tree, "kitchen");
        const full = await call(
          "DELETE",
          `/api/admin/categories/${kitchen.id}`,
          { token },
        );
        assert.equal(full.status, 409);
        assert.equal(full.json.error.code, "category_not_empty");
        assert.deepEqual(full.json.error.details, { children: 1, products: 1 });

        const gone = await call(
          "DELETE",
          `/api/admin/categories/${created.id}`,
          { token },
        );
        assert.equal(gone.status, 204);
        assert.equal(gone.json, null);
        const [entry] = await audit(created.id);
        assert.equal(entry.action, "category.delete");
        assert.equal(entry.before.key, "cookware");
        assert.equal(byKey(await storefront("en"), "cookware"), undefined);
        const twice = await call(
          "DELETE",
          `/api/admin/categories/${created.id}`,
          { token },
        );
        assert.equal(twice.status, 404);
      });

      await t.step(
        "bad input is 400 with the error body, unknown ids 404",
        async () => {
          const kitchen = byKey(
            (await call("GET", "/api/admin/categories", { token })).json.items,
            "kitchen",
          );
          const cases: [string, string, unknown, string][] = [
            ["POST", "/api/admin/categories", {
              translations: { de: { name: "Nur Deutsch" } },
            }, "default_language_required"],
            ["POST", "/api/admin/categories", {
              translations: { en: { name: "X", slug: "Not A Slug" } },
            }, "validation_failed"],
            ["POST", "/api/admin/categories", {
              translations: { xx: { name: "X" } },
            }, "validation_failed"],
            ["POST", "/api/admin/categories", {
              translations: { en: { name: " " } },
            }, "validation_failed"],
            ["POST", "/api/admin/categories", {
              parentId: crypto.randomUUID(),
              translations: { en: { name: "Orphan" } },
            }, "parent_not_found"],
            ["POST", "/api/admin/categories", {
              translations: { en: { name: "X" } },
              bogus: 1,
            }, "validation_failed"],
            [
              "PATCH",
              `/api/admin/categories/${kitchen.id}`,
              {},
              "validation_failed",
            ],
            ["PATCH", `/api/admin/categories/${kitchen.id}`, {
              translations: { en: null },
            }, "default_language_required"],
            ["PATCH", `/api/admin/categories/${kitchen.id}`, {
              translations: { de: {} },
            }, "validation_failed"],
            [
              "PATCH",
              `/api/admin/categories/${kitchen.id}`,
              { position: -1 },
              "validation_failed",
            ],
            ["PATCH", `/api/admin/categories/${kitchen.id}`, {
              parentId: "nope",
            }, "validation_failed"],
          ];
          for (const [method, path, body, code] of cases) {
            const { status, json } = await call(method, path, { token, body });
            assert.equal(
              status,
              400,
              `${JSON.stringify(body)}: ${JSON.stringify(json)}`,
            );
            assert.equal(json.error.code, code, JSON.stringify(body));
          }
          const badJson = await call("POST", "/api/admin/categories", {
            token,
            raw: "{",
          });
          assert.equal(badJson.status, 400);
          assert.equal(badJson.json.error.code, "invalid_json");
          const taken = await call("POST", "/api/admin/categories", {
            token,
            body: {
              key: "kitchen",
              translations: { en: { name: "Kitchen 2" } },
            },
          });
          assert.equal(taken.status, 409);
          assert.equal(taken.json.error.code, "key_taken");
          for (const id of [crypto.randomUUID(), "not-an-id"]) {
            const { status } = await call(
              "PATCH",
              `/api/admin/categories/${id}`,
              {
                token,
                body: { position: 0 },
              },
            );
            assert.equal(status, 404);
          }
          // A language's first copy needs a name.
          const cookware2 = byKey(
            (await call("GET", "/api/admin/categories", { token })).json.items,
            "cookware-2",
          );
          const slugOnly = await call(
            "PATCH",
            `/api/admin/categories/${cookware2.id}`,
            {
              token,
              body: { translations: { es: { slug: "menaje" } } },
            },
          );
          assert.equal(slugOnly.status, 400);
          assert.equal(slugOnly.json.error.code, "name_required");
        },
      );

      await t.step("customers get 403, anonymous callers 401", async () => {
        const customer = await staffMember(store, ["customer"]);
        const id = crypto.randomUUID();
        const requests: [string, string, unknown][] = [
          ["GET", "/api/admin/categories", undefined],
          ["POST", "/api/admin/categories", {
            translations: { en: { name: "X" } },
          }],
          ["PATCH", `/api/admin/categories/${id}`, { position: 0 }],
          ["DELETE", `/api/admin/categories/${id}`, undefined],
        ];
        for (const [method, path, body] of requests) {
          const forbidden = await call(method, path, {
            token: customer.token,
            body,
          });
          assert.equal(forbidden.status, 403, `${method} ${path}`);
          assert.equal(forbidden.json.error.code, "forbidden");
          const anonymous = await call(method, path, { body });
          assert.equal(anonymous.status, 401, `${method} ${path}`);
        }
      });
    } finally {
      await store.close();
    }
  },
});
