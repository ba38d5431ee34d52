import assert from "node:assert/strict";
import { png } from "../../../commerce/media/_test_images.ts";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import type { Store } from "../../../edge/server.ts";
import ar from "../../../locales/ar.json" with { type: "json" };
import de from "../../../locales/de.json" with { type: "json" };
import en from "../../../locales/en.json" with { type: "json" };
import { client } from "../../api/admin/_test_util.ts";

/** The HTML of `path` as the holder of `token`, in the language of `lang`. */
async function page(
  store: Store,
  path: string,
  init: { token: string; lang?: string },
) {
  const response = await store.app.request(path, {
    headers: {
      accept: "text/html",
      authorization: `Bearer ${init.token}`,
      cookie: `lang=${init.lang ?? "en"}`,
    },
  });
  return { status: response.status, html: await response.text() };
}

/** The text of the element with `testId` in the row of `sku`. */
function cell(html: string, sku: string, testId: string): string | undefined {
  const row = html.slice(html.indexOf(`data-sku="${sku}"`));
  return new RegExp(`data-testid="${testId}"[^>]*>(?:<span[^>]*>)?([^<]*)<`)
    .exec(row)?.[1];
}

Deno.test({
  name:
    "product page: images and stock islands, translated, with what the API wrote",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const api = client(store, admin.token);
      const { items } = (await api.get("/api/admin/products?sort=name")).json;
      const knife = items.find((p: { key: string }) => p.key === "knife");
      const mug = items.find((p: { key: string }) => p.key === "mug");
      const knifePage = `/admin/products/${knife.id}`;

      await t.step("customers get the 403 page, not the editor", async () => {
        const { status, html } = await page(store, knifePage, {
          token: customer.token,
        });
        assert.equal(status, 403);
        assert.doesNotMatch(html, /data-island="AdminVariantStock"/);
      });

      await t.step(
        "the stock table and the image uploader, in German",
        async () => {
          const { status, html } = await page(store, knifePage, {
            token: admin.token,
            lang: "de",
          });
          assert.equal(status, 200);
          assert.match(html, /data-island="AdminProductEditor"/);
          assert.match(html, /data-island="AdminProductImages"/);
          assert.match(html, /data-island="AdminVariantStock"/);
          assert.match(html, /data-testid="variant-table"/);
          const images = de.admin.product.images;
          const variants = de.admin.product.variants;
          assert.ok(html.includes(images.choose));
          assert.ok(html.includes("JPEG, PNG, WebP oder AVIF, bis 5 MB."));
          assert.ok(html.includes(variants.adjust));
          assert.ok(html.includes(variants.newOpen));
          assert.ok(html.includes("Eigener Preis (USD)"));
          assert.ok(html.includes(de.admin.product.threshold));
          // KNF-S: 10 on hand; KNF-L: 2 on hand, at or below threshold 3.
          assert.equal(cell(html, "KNF-S", "stock-on-hand"), "10");
          assert.equal(cell(html, "KNF-L", "stock-available"), "2");
          assert.match(
            html.slice(html.indexOf('data-sku="KNF-L"')),
            /data-testid="stock-available" data-low="true"/,
          );
          // The variant's own price, as entered, and the upload limit.
          assert.match(html, /"priceOverride":"59.90"/);
          assert.match(html, /"maxBytes":5242880/);
          // Options read in German, and offered for a new variant.
          assert.match(
            html,
            /"optionFields":\[\{"code":"size","label":"[^"]+"/,
          );
          assert.doesNotMatch(html, /admin\.product\.(images|variants)\./);
        },
      );

      await t.step(
        "a product without images says so; Arabic labels in an RTL page",
        async () => {
          const english = await page(store, `/admin/products/${mug.id}`, {
            token: admin.token,
          });
          assert.ok(english.html.includes(en.admin.product.images.empty));
          const arabic = await page(store, `/admin/products/${mug.id}`, {
            token: admin.token,
            lang: "ar",
          });
          assert.match(arabic.html, /<html[^>]* dir="rtl"/);
          assert.ok(arabic.html.includes(ar.admin.product.variants.adjust));
          assert.ok(arabic.html.includes(ar.admin.product.images.choose));
        },
      );

      await t.step(
        "an image attached and stock adjusted through the API show on reload",
        async () => {
          const form = new FormData();
          form.append(
            "file",
            new File([await png(5, 5)], "knife.png", { type: "image/png" }),
          );
          const uploaded = await store.app.request("/api/admin/media", {
            method: "POST",
            headers: { authorization: `Bearer ${admin.token}` },
            body: form,
          });
          const { key, url } = await uploaded.json();
          const attached = await api.post(
            `/api/admin/products/${knife.id}/images`,
            { key, alt: { de: "Messer auf Holz" } },
          );
          assert.equal(attached.status, 201);
          const { variants } =
            (await api.get(`/api/admin/products/${knife.id}`)).json;
          const variantId = variants.find((v: { sku: string }) =>
            v.sku === "KNF-S"
          ).id;
          const adjusted = await api.post(
            `/api/admin/variants/${variantId}/stock`,
            { delta: 7, reason: "Lieferung" },
          );
          assert.equal(adjusted.status, 201);

          const { html } = await page(store, knifePage, {
            token: admin.token,
            lang: "de",
          });
          assert.ok(html.includes(`src="${url}"`), "the new thumbnail");
          assert.ok(html.includes('alt="Messer auf Holz"'));
          assert.equal(cell(html, "KNF-S", "stock-on-hand"), "17");
          assert.equal(cell(html, "KNF-S", "stock-available"), "17");
        },
      );
    } finally {
      await store.close();
    }
  },
});
