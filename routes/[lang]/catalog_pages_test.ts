import assert from "node:assert/strict";
import type {
  CategoryNode,
  ProductDetail,
  ProductList,
  StoreView,
} from "../../commerce/catalog/mod.ts";
import { byPlace } from "../../components/stores/store_cards.ts";
import { startCatalogTestStore } from "../../edge/testing.ts";
import de from "../../locales/de.json" with { type: "json" };
import en from "../../locales/en.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };

/** `<link rel="alternate">` of a page, hreflang → href. */
function alternates(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(
      /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g,
    )].map((m) => [m[1], m[2]]),
  );
}

function canonical(html: string): string | undefined {
  return /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1];
}

function jsonLd(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s
    .exec(html);
  assert.ok(match, "the page has no JSON-LD");
  return JSON.parse(match[1]);
}

/** The `href`s of the product cards, in order. */
function productLinks(html: string, language: string): string[] {
  return [...html.matchAll(new RegExp(`href="(/${language}/p/[^"#?]+)"`, "g"))]
    .map((m) => m[1]);
}

/** The text of the element with `data-testid="{id}"`, tags stripped. */
function testIdText(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>(.*?)</`, "s").exec(html);
  return match?.[1].replace(/<[^>]+>/g, "").trim();
}

function decode(text: string): string {
  return text.replaceAll("&amp;", "&").replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

function flatten(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

Deno.test({
  name: "catalog pages over HTTP: listing, filters, product, search, stores",
  async fn(t) {
    const store = await startCatalogTestStore();
    try {
      const request = (path: string, init?: RequestInit) =>
        store.app.request(`http://store.test${path}`, init);
      const api = async <T>(path: string): Promise<T> => {
        const response = await request(path);
        assert.equal(response.status, 200, `${path}: ${response.status}`);
        return await response.json() as T;
      };
      const page = async (path: string, init?: RequestInit) => {
        const response = await request(path, init);
        assert.equal(response.status, 200, `${path}: ${response.status}`);
        return await response.text();
      };

      const tree = {
        en: await api<CategoryNode[]>("/api/categories?lang=en"),
        de: await api<CategoryNode[]>("/api/categories?lang=de"),
      };
      // A category with products whose slug differs between en and de.
      const category = flatten(tree.de).find((node) =>
        node.productCount > 3 && node.slugs.en !== node.slugs.de
      );
      assert.ok(category, "the seed has a category with localized slugs");

      await t.step(
        "the home page lists categories and featured products",
        async () => {
          const html = await page("/de/");
          for (const root of tree.de) {
            assert.ok(
              html.includes(`href="/de/c/${root.slug}"`),
              `no link to ${root.slug}`,
            );
          }
          const featured = await api<ProductList>(
            "/api/products?lang=de&currency=EUR&limit=8",
          );
          assert.ok(featured.items.length > 0);
          assert.ok(html.includes(`href="/de/p/${featured.items[0].slug}"`));
          assert.ok(!html.includes("home.collections"));
        },
      );

      await t.step(
        "a category page lists its products in German and EUR",
        async () => {
          const html = await page(`/de/c/${category.slug}`, {
            headers: { cookie: "currency=EUR" },
          });
          assert.match(html, new RegExp(`<h1[^>]*>${category.name}</h1>`));
          const links = productLinks(html, "de");
          assert.ok(links.length > 0);
          assert.match(testIdText(html, "price") ?? "", /\d,\d{2}\s€/);
          assert.equal(
            testIdText(html, "result-count"),
            de.catalog.productCount_other.replace(
              "{{count}}",
              String(category.productCount),
            ),
          );
        },
      );

      await t.step(
        "hreflang alternates carry each language's slug",
        async () => {
          const html = await page(`/de/c/${category.slug}`);
          const links = alternates(html);
          for (const [language, slug] of Object.entries(category.slugs)) {
            assert.equal(
              links[language],
              `http://store.test/${language}/c/${slug}`,
            );
          }
          assert.equal(
            links["x-default"],
            `http://store.test/en/c/${category.slugs.en}`,
          );
          assert.equal(
            canonical(html),
            `http://store.test/de/c/${category.slug}`,
          );
        },
      );

      await t.step(
        "another language's category slug redirects (301)",
        async () => {
          const response = await request(
            `/de/c/${category.slugs.en}?sort=newest`,
          );
          assert.equal(response.status, 301);
          assert.equal(
            decodeURI(response.headers.get("location") ?? ""),
            `/de/c/${category.slug}?sort=newest`,
          );
        },
      );

      await t.step(
        "an unknown category or product is the 404 page",
        async () => {
          for (
            const path of ["/de/c/no-such-category", "/ja/p/no-such-product"]
          ) {
            const response = await request(path);
            assert.equal(response.status, 404);
            const html = await response.text();
            assert.ok(html.includes('<meta name="robots" content="noindex">'));
            assert.ok(
              html.includes(
                path.startsWith("/de") ? de.notFound.title : ja.notFound.title,
              ),
            );
          }
        },
      );

      await t.step(
        "the no-JS filter form round-trips: filters, sort, values kept",
        async () => {
          const html = await page(`/de/c/${category.slug}`, {
            headers: { cookie: "currency=EUR" },
          });
          const form =
            /<form id="listing-filters" method="get" action="([^"]+)"/
              .exec(html);
          assert.ok(form, "the filter form is there");
          assert.equal(form[1], `/de/c/${category.slug}`);
          for (const name of ["min", "max", "stock", "sort"]) {
            assert.ok(html.includes(`name="${name}"`), `no field ${name}`);
          }

          // What a browser submits: the filter fields and the sort select.
          const all = await api<ProductList>(
            `/api/products?lang=de&currency=EUR&category=${category.id}&limit=100&sort=price_asc`,
          );
          const prices = all.items.map((p) => Number(p.price!.amount));
          const min = prices[Math.floor(prices.length / 4)];
          const max = prices[Math.floor((prices.length * 3) / 4)];
          const query = `min=${min}&max=${max}&stock=1&sort=price_asc`;
          const filtered = await page(`${form[1]}?${query}`, {
            headers: { cookie: "currency=EUR" },
          });
          const expected = await api<ProductList>(
            `/api/products?lang=de&currency=EUR&category=${category.id}&limit=24&min_price=${min}&max_price=${max}&in_stock=true&sort=price_asc`,
          );
          assert.ok(
            expected.items.length > 0,
            "the filter leaves some products",
          );
          assert.deepEqual(
            productLinks(filtered, "de"),
            expected.items.map((p) => `/de/p/${p.slug}`),
          );
          assert.match(filtered, new RegExp(`name="min"[^>]*value="${min}"`));
          assert.match(filtered, /name="stock" value="1" checked/);
          assert.match(filtered, /<option value="price_asc" selected/);
        },
      );

      await t.step(
        "an impossible price shows an inline message, not an error",
        async () => {
          const response = await request(
            `/ja/c/${category.slugs.ja}?min=12.5`,
            {
              headers: { cookie: "currency=JPY" },
            },
          );
          assert.equal(response.status, 200);
          const html = await response.text();
          assert.equal(
            testIdText(html, "price-problem"),
            ja.catalog.filters.priceInvalid.replace("{{currency}}", "JPY"),
          );
        },
      );

      await t.step("the next-page link continues the list", async () => {
        const big = flatten(tree.en).find((node) => node.productCount > 24);
        assert.ok(big, "the seed has a category of more than one page");
        const first = await page(`/en/c/${big.slug}`);
        const href = /<a href="([^"]+)" rel="next"/.exec(first)?.[1];
        assert.ok(href, "there is a next page link");
        const second = await page(decode(href));
        const seen = new Set(productLinks(first, "en"));
        const more = productLinks(second, "en");
        assert.ok(more.length > 0);
        assert.ok(more.every((link) => !seen.has(link)));
      });

      // A product with several variants and reviews, for the product steps.
      const list = await api<ProductList>(
        "/api/products?lang=ja&currency=JPY&limit=100&sort=rating",
      );
      let product: ProductDetail | undefined;
      for (const item of list.items) {
        const detail = await api<ProductDetail>(
          `/api/products/${item.id}?lang=ja&currency=JPY`,
        );
        if (
          detail.variants.length > 1 && detail.rating.count > 0 &&
          detail.slugs.en !== detail.slugs.ja
        ) {
          product = detail;
          break;
        }
      }
      assert.ok(product, "the seed has a product with variants and reviews");

      await t.step(
        "a product page in Japanese: JPY prices, alternates, JSON-LD",
        async () => {
          const html = await page(`/ja/p/${product.slug}`);
          assert.match(html, new RegExp(`<h1[^>]*>${product.name}</h1>`));
          assert.match(testIdText(html, "variant-price") ?? "", /￥[\d,]+/);

          const links = alternates(html);
          for (const [language, slug] of Object.entries(product.slugs)) {
            assert.equal(
              links[language],
              `http://store.test/${language}/p/${slug}`,
            );
          }
          assert.equal(
            links["x-default"],
            `http://store.test/en/p/${product.slugs.en}`,
          );
          assert.equal(
            canonical(html),
            `http://store.test/ja/p/${product.slug}`,
          );

          const ld = jsonLd(html);
          assert.equal(ld["@type"], "Product");
          assert.equal(ld.name, product.name);
          assert.deepEqual(ld.brand, { "@type": "Brand", name: product.brand });
          const offers = ([] as Record<string, unknown>[]).concat(
            ld.offers as Record<string, unknown>[],
          );
          assert.equal(offers.length, product.variants.length);
          for (const [i, offer] of offers.entries()) {
            assert.equal(offer.priceCurrency, "JPY");
            assert.equal(offer.price, product.variants[i].price!.amount);
            assert.match(
              String(offer.availability),
              /^https:\/\/schema\.org\//,
            );
          }
          assert.equal(
            (ld.aggregateRating as Record<string, unknown>).reviewCount,
            product.rating.count,
          );
          assert.ok(
            (ld.image as string[]).every((url) =>
              url.startsWith("http://store.test/")
            ),
          );
        },
      );

      await t.step(
        "another language's product slug redirects to this one's (301)",
        async () => {
          const response = await request(`/ja/p/${product.slugs.en}`);
          assert.equal(response.status, 301);
          assert.equal(
            decodeURI(response.headers.get("location") ?? ""),
            `/ja/p/${product.slug}`,
          );
          const byId = await request(`/ja/p/${product.id}`);
          assert.equal(byId.status, 301);
        },
      );

      await t.step("?variant= picks the variant shown first", async () => {
        const last = product.variants.at(-1)!;
        const html = await page(`/ja/p/${product.slug}?variant=${last.id}`);
        assert.equal(testIdText(html, "variant-sku"), last.sku);
        assert.ok(html.includes('data-testid="variant-table"'));
      });

      await t.step(
        "Japanese search finds a product by part of its name",
        async () => {
          // Characters from inside the name's longest Japanese run, which only
          // bigram matching finds (there is no word boundary around them).
          const runs = product.name.match(
            /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu,
          ) ?? [];
          const run = [
            ...runs.toSorted((a, b) => b.length - a.length)[0] ?? "",
          ];
          assert.ok(run.length >= 2, `no Japanese run in '${product.name}'`);
          const q = run.length >= 4 ? run.slice(1, 4).join("") : run.join("");
          const html = await page(`/ja/search?q=${encodeURIComponent(q)}`);
          assert.ok(html.includes('<meta name="robots" content="noindex">'));
          assert.ok(
            productLinks(html, "ja").includes(`/ja/p/${product.slug}`),
            `searching '${q}' did not find ${product.name}`,
          );
        },
      );

      await t.step("a search without results says so", async () => {
        const html = await page("/en/search?q=zzzxqv");
        assert.ok(html.includes('data-testid="empty-state"'));
        assert.ok(
          html.includes(
            en.search.noResults.title.replace("{{query}}", "zzzxqv"),
          ),
        );
      });

      await t.step(
        "stores: nearest first from the edge's position headers",
        async () => {
          const paris = { lat: 48.8566, lng: 2.3522 };
          const nearest = await api<StoreView[]>(
            `/api/stores?near=${paris.lat},${paris.lng}&limit=1`,
          );
          const html = await page("/fr/stores", {
            headers: {
              "cf-iplatitude": String(paris.lat),
              "cf-iplongitude": String(paris.lng),
            },
          });
          const first = /data-store-id="([^"]+)"/.exec(html)?.[1];
          assert.equal(first, nearest[0].id);
          assert.match(testIdText(html, "store-distance") ?? "", /km/);

          // Without a position: by country as named in French, then city.
          const plain = await page("/fr/stores");
          const all = await api<StoreView[]>("/api/stores?limit=100");
          assert.deepEqual(
            [...plain.matchAll(/data-store-id="([^"]+)"/g)].map((m) => m[1]),
            byPlace(all, "fr").map((store) => store.id),
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
