import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import type {
  CategoryNode,
  ProductDetail,
  ProductList,
} from "../commerce/catalog/mod.ts";
import { startCatalogTestStore } from "../edge/testing.ts";
import { EXTRA_REVIEWS, reviewedCatalog } from "./_catalog_fixture.ts";
import ja from "../locales/ja.json" with { type: "json" };
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveStore,
} from "./_browser.ts";
import {
  islandsHydrated,
  reportCspViolations,
  untilLoaded,
  watchedPage,
} from "./_page.ts";

const chromiumInstalled = hasChromium();
const inCi = !["", "0", "false"].includes(
  (Deno.env.get("CI") ?? "").toLowerCase(),
);
const SCREENSHOTS = fileURLToPath(new URL("./screenshots", import.meta.url));

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

function flatten(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** Amounts of formatted German EUR prices ("1.234,50 €") as numbers. */
function euros(texts: string[]): number[] {
  return texts.map((text) => {
    const match = /([\d.]+,\d{2})\s€/.exec(text);
    assert.ok(match, `'${text}' is not a German EUR price`);
    return Number(match[1].replaceAll(".", "").replace(",", "."));
  });
}

async function shoot(page: Page, name: string, viewport: string) {
  // A full-page shot never scrolls, so lazy images below the fold would
  // stay blank: load them all first.
  await page.evaluate(() =>
    document.querySelectorAll("img").forEach((img) => img.loading = "eager")
  );
  await page.waitForLoadState("networkidle");
  await page.screenshot({
    path: `${SCREENSHOTS}/${name}-${viewport}.png`,
    fullPage: true,
  });
}

Deno.test({
  name: "catalog in a real browser: German category, Japanese product, stores",
  ignore: !chromiumInstalled && !inCi,
  async fn(t) {
    assert.ok(
      chromiumInstalled,
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    const store = await startCatalogTestStore({ catalog: reviewedCatalog() });
    try {
      const served = serveStore(store);
      const { origin } = served;
      const api = async <T>(path: string): Promise<T> =>
        await (await fetch(origin + path)).json() as T;
      const browser = await launchChromium();
      const problems: string[] = [];
      try {
        const tree = await api<CategoryNode[]>("/api/categories?lang=de");
        const category = flatten(tree).find((node) =>
          node.children.length === 0 && node.productCount >= 6
        )!;
        assert.ok(category, "the seed has a leaf category with products");

        // The fixture's product: variants that differ in price, many reviews.
        const ranked = await api<ProductList>(
          "/api/products?lang=ja&currency=JPY&limit=100&sort=rating",
        );
        const reviewed = ranked.items.find((item) =>
          item.rating.count > EXTRA_REVIEWS
        );
        assert.ok(reviewed, "the fixture's reviewed product ranks high");
        const product = await api<ProductDetail>(
          `/api/products/${reviewed.id}?lang=ja&currency=JPY`,
        );
        assert.ok(
          new Set(product.variants.map((v) => v.price?.amount)).size > 1,
          "its variants differ in price",
        );

        const context = await browser.newContext({
          viewport: VIEWPORTS[0],
          locale: "de-DE",
        });
        await context.addInitScript(reportCspViolations);
        await context.addCookies([
          { name: "currency", value: "EUR", url: origin },
        ]);
        const page = await watchedPage(context, problems);

        await t.step(
          "a German category: names, filter and sort, EUR prices",
          async () => {
            await page.goto(`${origin}/de/c/${category.slug}`);
            assert.equal(await page.locator("h1").innerText(), category.name);
            const expected = await api<ProductList>(
              `/api/products?lang=de&currency=EUR&category=${category.id}&limit=24`,
            );
            const names = await page.getByTestId("product-card").locator("h3")
              .allInnerTexts();
            assert.deepEqual(names, expected.items.map((p) => p.name));
            euros(await page.getByTestId("price").allInnerTexts());

            await page.locator('input[name="stock"]').check();
            await page.getByTestId("sort").selectOption("price_asc");
            await untilLoaded(
              page,
              () => page.getByTestId("apply-filters").click(),
            );

            const url = new URL(page.url());
            assert.equal(url.searchParams.get("stock"), "1");
            assert.equal(url.searchParams.get("sort"), "price_asc");
            assert.ok(await page.locator('input[name="stock"]').isChecked());
            assert.equal(
              await page.getByTestId("sort").inputValue(),
              "price_asc",
            );
            const amounts = euros(
              (await page.getByTestId("price").allInnerTexts())
                .map((text) => text.replace(/^ab\s/, "")),
            );
            assert.ok(amounts.length > 0);
            assert.deepEqual(amounts, amounts.toSorted((a, b) => a - b));
            const stock = await page.getByTestId("product-card")
              .locator("[data-stock]").evaluateAll((badges) =>
                badges.map((badge) => badge.getAttribute("data-stock"))
              );
            assert.ok(stock.every((status) => status !== "out"));
          },
        );

        await t.step(
          "a Japanese product: pick a variant, see its price in JPY",
          async () => {
            const jaContext = await browser.newContext({
              viewport: VIEWPORTS[0],
              locale: "ja-JP",
            });
            try {
              await jaContext.addInitScript(reportCspViolations);
              const jaPage = await watchedPage(jaContext, problems);
              await jaPage.goto(`${origin}/ja/p/${product.slug}`);
              await islandsHydrated(jaPage);
              assert.equal(
                await jaPage.locator("h1").innerText(),
                product.name,
              );

              const ld = JSON.parse(
                await jaPage.locator('script[type="application/ld+json"]')
                  .textContent() ?? "{}",
              );
              const offers = [].concat(ld.offers);
              assert.ok(offers.length > 1);
              for (const offer of offers as { priceCurrency: string }[]) {
                assert.equal(offer.priceCurrency, "JPY");
              }

              const price = jaPage.getByTestId("variant-price");
              const sku = jaPage.getByTestId("variant-sku");
              const before = await sku.innerText();
              const shown = product.variants.find((v) => v.sku === before)!;
              assert.equal(await price.innerText(), shown.price!.formatted);
              assert.match(await price.innerText(), /^￥[\d,]+$/);

              // Choose the option values of a variant with another price.
              const target = product.variants.find((v) =>
                v.price?.amount !== shown.price?.amount
              )!;
              for (const [code, value] of Object.entries(target.options)) {
                if (shown.options[code] === value) continue;
                await jaPage.locator(
                  `fieldset[data-option="${code}"] input[value="${value}"]`,
                ).check({ force: true });
              }
              await jaPage.waitForFunction(
                (expected) =>
                  document.querySelector('[data-testid="variant-sku"]')
                    ?.textContent === expected,
                target.sku,
              );
              assert.equal(await price.innerText(), target.price!.formatted);
              const stockText = await jaPage.getByTestId("variant-stock")
                .innerText();
              const status = target.availability.status;
              assert.equal(
                stockText,
                status === "in_stock"
                  ? ja.catalog.stock.inStock
                  : status === "out_of_stock"
                  ? ja.catalog.stock.outOfStock
                  : ja.catalog.stock.lowStock_other.replace(
                    "{{count}}",
                    String(target.availability.quantity),
                  ),
              );
              assert.equal(
                new URL(jaPage.url()).searchParams.get("variant"),
                target.id,
              );

              // Five reviews come with the page, the rest through the island.
              const reviews = jaPage.getByTestId("review");
              assert.equal(await reviews.count(), 5);
              const more = jaPage.getByTestId("more-reviews");
              while (await more.count()) {
                const shown = await reviews.count();
                await more.click();
                await jaPage.waitForFunction(
                  (count) =>
                    document.querySelectorAll('[data-testid="review"]').length >
                      count,
                  shown,
                );
              }
              assert.equal(await reviews.count(), product.rating.count);
              assert.ok(product.rating.count > EXTRA_REVIEWS);
            } finally {
              await jaContext.close();
            }
          },
        );

        await t.step(
          "'Use my location' re-sorts the stores by distance",
          async () => {
            const geoContext = await browser.newContext({
              viewport: VIEWPORTS[0],
              geolocation: { latitude: 35.6812, longitude: 139.7671 },
              permissions: ["geolocation"],
            });
            try {
              await geoContext.addInitScript(reportCspViolations);
              const geoPage = await watchedPage(geoContext, problems);
              await geoPage.goto(`${origin}/en/stores`);
              await islandsHydrated(geoPage);
              await geoPage.getByTestId("use-location").click();
              await geoPage.locator(
                '[data-testid="locator-status"][data-state="sorted"]',
              )
                .waitFor();
              const distances = await geoPage.getByTestId("store-distance")
                .allInnerTexts();
              const km = distances.map((text) =>
                Number(text.replace(/[^\d.]/g, ""))
              );
              assert.ok(km.length > 0);
              assert.deepEqual(km, km.toSorted((a, b) => a - b));
            } finally {
              await geoContext.close();
            }
          },
        );

        await t.step("screenshots at desktop and phone width", async () => {
          const search = [...product.name.replace(/\s+/g, "")].slice(0, 2).join(
            "",
          );
          const pages = [
            { path: "/de/", name: "catalog-de-home" },
            { path: `/de/c/${category.slug}`, name: "catalog-de-category" },
            {
              path: `/de/c/${category.slug}?min=abc&stock=1`,
              name: "catalog-de-category-price-problem",
            },
            { path: `/ja/p/${product.slug}`, name: "catalog-ja-product" },
            {
              path: `/ar/p/${product.slugs.ar ?? product.slug}`,
              name: "catalog-ar-product",
            },
            {
              path: `/ja/search?q=${encodeURIComponent(search)}`,
              name: "catalog-ja-search",
            },
            { path: "/en/search?q=zzzxqv", name: "catalog-en-search-empty" },
            { path: "/fr/stores", name: "catalog-fr-stores" },
          ];
          for (const viewport of VIEWPORTS) {
            const shotContext = await browser.newContext({
              viewport: { width: viewport.width, height: viewport.height },
              isMobile: viewport.name === "phone",
              hasTouch: viewport.name === "phone",
              deviceScaleFactor: 1,
            });
            try {
              const shotPage = await watchedPage(shotContext, problems);
              for (const { path, name } of pages) {
                await shotPage.goto(origin + path, { waitUntil: "load" });
                await shoot(shotPage, name, viewport.name);
              }
            } finally {
              await shotContext.close();
            }
          }
        });

        await t.step("no page logged an error or a CSP violation", () => {
          assert.deepEqual(problems, []);
        });
      } finally {
        await browser.close();
        await served.close();
      }
    } finally {
      await store.close();
    }
  },
});
