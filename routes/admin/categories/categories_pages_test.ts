import assert from "node:assert/strict";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import {
  type AdminCategoryNode,
  adminCategoryTree,
} from "../../../commerce/catalog/mod.ts";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import type { PageState } from "../../../edge/define.ts";
import { translator } from "../../../edge/i18n.ts";
import { collectIslands } from "../../../edge/render/islands.ts";
import de from "../../../locales/de.json" with { type: "json" };
import en from "../../../locales/en.json" with { type: "json" };
import { call } from "../../api/admin/_test_util.ts";
import type { AdminShell } from "../_shell.ts";
import CategoryTreePage from "./index.tsx";

/** The node of `key` in `tree`, at any depth. */
function byKey(
  tree: AdminCategoryNode[],
  key: string,
): AdminCategoryNode | undefined {
  for (const node of tree) {
    if (node.key === key) return node;
    const found = byKey(node.children, key);
    if (found) return found;
  }
  return undefined;
}

/** The `<li>` rows of the tree: key, depth and shown name, in page order. */
function rows(html: string): { key: string; depth: number; name: string }[] {
  return [
    ...html.matchAll(
      /data-category-key="([^"]+)" data-depth="(\d+)"[\s\S]*?data-testid="category-name"[^>]*>([^<]*)</g,
    ),
  ].map(([, key, depth, name]) => ({ key, depth: Number(depth), name }));
}

/** The text of the element carrying `testId`, or `undefined`. */
function textOf(html: string, testId: string): string | undefined {
  return new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

Deno.test({
  name:
    "category tree page: staff only, nested in the admin's language, editor for writers",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    const sql = store.deps.db.sql;
    const page = async (
      path: string,
      init: { token?: string; language?: string } = {},
    ) => {
      const headers: Record<string, string> = { accept: "text/html" };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.language) headers.cookie = `lang=${init.language}`;
      const response = await store.app.request(path, { headers });
      return { response, html: await response.text() };
    };
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const token = admin.token;

      await t.step("a customer gets the 403 page", async () => {
        const { response, html } = await page("/admin/categories", {
          token: customer.token,
          language: "de",
        });
        assert.equal(response.status, 403);
        assert.ok(html.includes(de.admin.forbidden.title));
        assert.doesNotMatch(html, /data-category-key=/);
        const anonymous = await page("/admin/categories");
        assert.equal(anonymous.response.status, 303);
      });

      await t.step(
        "the tree is nested, in German, with product counts",
        async () => {
          const { response, html } = await page("/admin/categories", {
            token,
            language: "de",
          });
          assert.equal(response.status, 200);
          assert.equal(
            response.headers.get("cache-control"),
            "private, no-store",
          );
          assert.match(html, /<html lang="de"/);
          assert.match(
            html,
            new RegExp(`<title>${de.admin.categories.title} · `),
          );
          const shown = rows(html);
          assert.deepEqual(shown.map(({ key, depth }) => [key, depth]), [
            ["kitchen", 0],
            ["knives", 1],
            ["travel", 0],
          ]);
          assert.deepEqual(shown.map((row) => row.name), [
            "Küche",
            "Messer",
            // The fixture's name in every language.
            "Travel",
          ]);
          // "Messer" sits in the list nested inside Küche's item.
          const kitchen = html.indexOf('data-category-key="kitchen"');
          const knives = html.indexOf('data-category-key="knives"');
          const travel = html.indexOf('data-category-key="travel"');
          assert.ok(kitchen < knives && knives < travel);
          assert.match(
            html.slice(kitchen, knives),
            /<ul[^>]*class="[^"]*ml-5[^"]*"/,
          );
          assert.ok(
            html.slice(kitchen, knives).includes("1 Produkt<"),
            "Küche holds one product",
          );
          assert.equal(
            textOf(html, "categories-summary"),
            "3 Kategorien",
          );
          // Every language complete: no marks.
          assert.doesNotMatch(html, /data-complete="false"/);
          assert.doesNotMatch(html, /data-testid="category-untranslated"/);
        },
      );

      const tree = await adminCategoryTree(sql);
      const kitchen = byKey(tree, "kitchen")!;
      const knives = byKey(tree, "knives")!;

      await t.step("missing translations are marked", async () => {
        const removed = await call(store, {
          method: "PATCH",
          path: `/api/admin/categories/${knives.id}`,
          token,
          body: { translations: { ar: null, ja: null } },
        });
        assert.equal(removed.status, 200, JSON.stringify(removed.json));
        const { html } = await page("/admin/categories", {
          token,
          language: "ar",
        });
        assert.match(html, /<html lang="ar" dir="rtl"/);
        const row = html.slice(
          html.indexOf('data-category-key="knives"'),
          html.indexOf('data-category-key="travel"'),
        );
        assert.match(row, /data-language="ar" data-complete="false"/);
        assert.match(row, /data-language="ja" data-complete="false"/);
        assert.match(row, /data-language="de" data-complete="true"/);
        // Shown by its English name, marked as untranslated.
        assert.match(row, /data-testid="category-name" lang="en"[^>]*>Knives</);
        assert.match(row, /data-testid="category-untranslated"/);
        const arabic = translator("ar");
        assert.equal(
          textOf(html, "categories-summary"),
          `${arabic("admin.categories.count", { count: 3 })} · `,
        );
        assert.ok(
          html.includes(
            `>${arabic("admin.categories.incompleteCount", { count: 1 })}<`,
          ),
          "one category lacks a translation",
        );
        // The editor's tabs mark the same languages.
        const editor = await page(`/admin/categories?edit=${knives.id}`, {
          token,
          language: "de",
        });
        assert.match(editor.html, /data-island="AdminCategoryEditor"/);
        for (const language of ["ar", "ja"]) {
          assert.match(
            editor.html,
            new RegExp(
              `role="tab" id="category-tab-${language}" data-language="${language}" data-missing="true"`,
            ),
          );
        }
        assert.doesNotMatch(
          editor.html,
          /id="category-tab-de" data-language="de" data-missing="true"/,
        );
      });

      await t.step(
        "writers get the editor and the reorder buttons",
        async () => {
          const list = await page("/admin/categories", {
            token,
            language: "de",
          });
          assert.match(list.html, /data-island="AdminCategoryReorder"/);
          assert.ok(list.html.includes(de.admin.categories.new));
          // No editor until a category is chosen.
          assert.doesNotMatch(list.html, /data-island="AdminCategoryEditor"/);
          assert.doesNotMatch(list.html, /data-testid="categories-read-only"/);

          const edit = await page(`/admin/categories?edit=${kitchen.id}`, {
            token,
            language: "de",
          });
          assert.equal(edit.response.status, 200);
          assert.match(edit.html, /data-island="AdminCategoryEditor"/);
          assert.ok(edit.html.includes("„Küche“ bearbeiten"));
          assert.match(edit.html, /"slug":"kueche"/);
          // The row being edited is highlighted; the form cannot pick the
          // category itself as its parent.
          assert.match(
            edit.html,
            new RegExp(
              `data-category-id="${kitchen.id}"[^>]*><div aria-current="true"`,
            ),
          );
          assert.doesNotMatch(
            edit.html,
            new RegExp(`<option value="${kitchen.id}"`),
          );
          assert.match(
            edit.html,
            new RegExp(`<option value="${knives.id}"[^>]*>Küche › Messer<`),
          );

          const create = await page(`/admin/categories?new=${kitchen.id}`, {
            token,
            language: "de",
          });
          assert.ok(create.html.includes("Neue Unterkategorie von „Küche“"));
          assert.match(
            create.html,
            new RegExp(`<option value="${kitchen.id}" selected`),
          );
          assert.ok(create.html.includes(de.admin.categories.create));
        },
      );

      await t.step(
        "a category made through the editor's API call shows after reload",
        async () => {
          const created = await call(store, {
            method: "POST",
            path: "/api/admin/categories",
            token,
            body: {
              parentId: knives.id,
              translations: {
                en: { name: "Chef Knives" },
                de: { name: "Kochmesser", slug: "kochmesser" },
              },
            },
          });
          assert.equal(created.status, 201, JSON.stringify(created.json));
          const { html } = await page(
            `/admin/categories?edit=${created.json.id}&done=created`,
            { token, language: "de" },
          );
          assert.equal(
            textOf(html, "categories-done"),
            de.admin.categories.done.created,
          );
          const shown = rows(html).find((row) => row.key === "chef-knives");
          assert.deepEqual(shown, {
            key: "chef-knives",
            depth: 2,
            name: "Kochmesser",
          });
          assert.ok(html.includes("/kochmesser<"));
          assert.ok(html.includes("„Kochmesser“ bearbeiten"));
        },
      );

      await t.step(
        "an unknown or unreadable query still shows the tree",
        async () => {
          const gone = await page(
            `/admin/categories?edit=${crypto.randomUUID()}`,
            { token },
          );
          assert.equal(gone.response.status, 200);
          assert.ok(gone.html.includes(en.admin.categories.gone));
          assert.doesNotMatch(gone.html, /data-island="AdminCategoryEditor"/);
          const junk = await page(
            "/admin/categories?edit=nope&new=%%%&done=zzz",
            { token },
          );
          assert.equal(junk.response.status, 200);
          assert.match(junk.html, /data-category-key="kitchen"/);
        },
      );

      await t.step(
        "without catalog:write the tree is read-only, with no island",
        async () => {
          const current = await adminCategoryTree(sql);
          // What the page reads of its state (the layout reads the rest).
          const state = {
            locale: { language: "de", currency: "EUR" },
            t: translator("de"),
            storeName: "Test",
          } as PageState;
          const render = (canWrite: boolean) =>
            collectIslands(() =>
              renderToString(h(CategoryTreePage, {
                data: {
                  shell: { name: "Reader" } as AdminShell,
                  tree: current,
                  canWrite,
                  query: {},
                  editing: null,
                  gone: false,
                },
                url: new URL("http://store.test/admin/categories"),
                params: {},
                state,
              }))
            );
          const [html, islands] = render(false);
          assert.deepEqual(islands, []);
          assert.ok(html.includes(de.admin.categories.readOnly));
          assert.ok(html.includes(">Messer<"));
          assert.doesNotMatch(
            html,
            /data-testid="category-(edit|new|add-child)"/,
          );
          const [, writerIslands] = render(true);
          assert.ok(
            writerIslands.some((island) =>
              island.name === "AdminCategoryReorder"
            ),
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
