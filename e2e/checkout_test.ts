import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import type { CategoryNode, ProductList } from "../commerce/catalog/mod.ts";
import { startCatalogTestStore } from "../edge/testing.ts";
import de from "../locales/de.json" with { type: "json" };
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

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

type Messages = typeof de;

/** One shopper's journey, in one language, currency and country. */
interface Journey {
  lang: "de" | "ja";
  messages: Messages;
  currency: string;
  browserLocale: string;
  /** A price as this currency shows it in this language. */
  price: RegExp;
  /** The shipping address, by the checkout's field ids. */
  address: Record<string, string>;
  /** The label the region field has in the address's country. */
  regionLabel: string;
  /** The tax note under the total ("Enthält MwSt. (19 %)..."). */
  taxNote: RegExp;
  /** Pay with the declining card first, then the good one. */
  declineFirst: boolean;
  /** Pay with the card that asks for the 3-D Secure challenge. */
  challenge: boolean;
}

const JOURNEYS: Journey[] = [
  {
    lang: "de",
    messages: de,
    currency: "EUR",
    browserLocale: "de-DE",
    price: /[\d.]+,\d{2}\s€/,
    address: {
      "shipping-name": "Jonas Weber",
      "shipping-line1": "Invalidenstraße 117",
      "shipping-postalCode": "10115",
      "shipping-city": "Berlin",
    },
    regionLabel: de.address.fields.region,
    taxNote: /^Enthält MwSt\. \(19\s%\) [\d.]+,\d{2}\s€$/,
    declineFirst: true,
    challenge: false,
  },
  {
    lang: "ja",
    // Same shape: the key test keeps every locale's keys in step.
    messages: ja as unknown as Messages,
    currency: "JPY",
    browserLocale: "ja-JP",
    price: /[¥￥][\d,]+/,
    address: {
      "shipping-name": "山田 花子",
      "shipping-line1": "丸の内1-1-1",
      "shipping-postalCode": "100-0005",
      "shipping-city": "千代田区",
      "shipping-region": "東京都",
    },
    regionLabel: ja.address.fields.region_JP,
    taxNote: /^うち消費税（10%） [¥￥][\d,]+$/,
    declineFirst: false,
    challenge: true,
  },
];

async function shoot(page: Page, name: string) {
  await page.evaluate(() =>
    document.querySelectorAll("img").forEach((img) => img.loading = "eager")
  );
  await page.waitForLoadState("networkidle");
  for (
    const [viewport, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const
  ) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: `${SCREENSHOTS}/${name}-${viewport}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize(DESKTOP);
}

async function fillCard(page: Page, number: string) {
  await page.locator("#card-number").fill(number);
  await page.locator("#card-expiry").fill("12/34");
  await page.locator("#card-cvc").fill("123");
}

/** Wait until the checkout's quote is not being updated. */
async function untilQuoted(page: Page) {
  await page.waitForFunction(() =>
    !document.querySelector("[data-testid=order-summary][aria-busy]")
  );
}

/** Wait until the order page shows the order as paid. */
async function untilPaid(page: Page) {
  await page.waitForFunction(
    () =>
      (document.querySelector("[data-testid=order-status]") as HTMLElement)
        ?.dataset.status === "paid",
    null,
    { timeout: 30_000 },
  );
}

Deno.test({
  name:
    "checkout in a real browser: browse, add as a guest, sign in, pay, history (de, ja)",
  ignore: !chromiumInstalled && !inCi,
  async fn(t) {
    assert.ok(
      chromiumInstalled,
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    const store = await startCatalogTestStore();
    const served = serveStore(store);
    const { origin } = served;
    const sql = store.deps.db.sql;
    const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
      const response = await fetch(origin + path, init);
      const body = await response.json();
      assert.ok(response.ok, `${path}: ${JSON.stringify(body)}`);
      return body as T;
    };
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      for (const journey of JOURNEYS) {
        const { lang, messages: m } = journey;
        const context: BrowserContext = await browser.newContext({
          viewport: DESKTOP,
          locale: journey.browserLocale,
        });
        await context.addInitScript(reportCspViolations);
        const page = await watchedPage(context, problems);
        const email = `${lang}.${crypto.randomUUID().slice(0, 8)}@example.com`;
        const password = "Leuchtturm im Nebel 7";
        let orderNumber = "";

        await t.step(
          `${lang}: an account, made through the API and verified`,
          async () => {
            await api("/api/auth/register", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                email,
                password,
                name: "Test",
                language: lang,
              }),
            });
            const [row] = await sql`
            select payload->>'url' as url from notifications.outbox
            where recipient = ${email} and kind = 'verify_email'`;
            const token = new URL(row.url).searchParams.get("token");
            await api("/api/auth/verify_email", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ token }),
            });
          },
        );

        await t.step(
          `${lang}: browse a category, add a product as a guest`,
          async () => {
            const tree = await api<CategoryNode[]>(
              `/api/categories?lang=${lang}`,
            );
            const leaf = (nodes: CategoryNode[]): CategoryNode[] =>
              nodes.flatMap((n) => n.children.length ? leaf(n.children) : [n]);
            let product: ProductList["items"][number] | undefined;
            let category: CategoryNode | undefined;
            for (const node of leaf(tree)) {
              const list = await api<ProductList>(
                `/api/products?lang=${lang}&currency=${journey.currency}&category=${node.id}&limit=24`,
              );
              product = list.items.find((p) =>
                p.availability.status === "in_stock" && p.price !== null
              );
              if (product) {
                category = node;
                break;
              }
            }
            assert.ok(product && category, "an in-stock product to buy");
            await page.goto(`${origin}/${lang}/c/${category.slug}`);
            await untilLoaded(
              page,
              () =>
                page.locator(`a[href="/${lang}/p/${product.slug}"]`).first()
                  .click(),
            );
            await islandsHydrated(page);
            const add = page.getByTestId("add-to-cart-button");
            assert.equal(
              (await add.innerText()).trim(),
              m.product.addToCart.add,
            );
            await add.click();
            const status = page.getByTestId("add-to-cart-status");
            await status.locator("a").waitFor();
            assert.ok(
              (await status.innerText()).includes(m.product.addToCart.added),
            );
            await untilLoaded(
              page,
              () => page.getByTestId("view-cart").click(),
            );
            assert.equal(new URL(page.url()).pathname, `/${lang}/cart`);
          },
        );

        await t.step(
          `${lang}: the cart: quantity, currency, then checkout`,
          async () => {
            await islandsHydrated(page);
            const line = page.getByTestId("cart-line");
            assert.equal(await line.count(), 1);
            assert.match(
              await page.getByTestId("cart-subtotal").innerText(),
              journey.price,
            );
            const before = await page.getByTestId("line-total").innerText();
            await page.getByRole("button", { name: m.cart.increase }).click();
            await page.waitForFunction(
              () =>
                (document.querySelector(
                  "[data-testid=line-quantity]",
                ) as HTMLInputElement)
                  .value === "2",
            );
            await page.waitForFunction(
              (old) =>
                document.querySelector("[data-testid=line-total]")
                  ?.textContent !== old,
              before,
            );
            // Another currency re-prices the cart in place, then back.
            const subtotal = await page.getByTestId("cart-subtotal")
              .innerText();
            await page.getByTestId("cart-currency").selectOption("USD");
            await page.waitForFunction(
              (old) =>
                document.querySelector("[data-testid=cart-subtotal]")
                  ?.textContent !== old,
              subtotal,
            );
            assert.match(
              await page.getByTestId("cart-subtotal").innerText(),
              /\$|US/,
            );
            await page.getByTestId("cart-currency").selectOption(
              journey.currency,
            );
            await page.waitForFunction(
              (old) =>
                document.querySelector("[data-testid=cart-subtotal]")
                  ?.textContent === old,
              subtotal,
            );
            assert.equal(
              await page.getByTestId("currency-picker").inputValue(),
              journey.currency,
            );
            await shoot(page, `checkout-${lang}-cart`);
            await untilLoaded(
              page,
              () => page.getByTestId("checkout-link").click(),
            );
            assert.equal(new URL(page.url()).pathname, `/${lang}/checkout`);
          },
        );

        await t.step(
          `${lang}: sign in from the checkout; the cart comes along`,
          async () => {
            await untilLoaded(
              page,
              () => page.getByTestId("checkout-signin").click(),
            );
            assert.equal(
              new URL(page.url()).pathname,
              `/${lang}/account/signin`,
            );
            await page.getByLabel(m.account.fields.email).fill(email);
            await page.getByLabel(m.account.fields.password).fill(password);
            await untilLoaded(
              page,
              () =>
                page.getByRole("button", { name: m.account.signin.submit })
                  .click(),
            );
            assert.equal(new URL(page.url()).pathname, `/${lang}/checkout`);
            await islandsHydrated(page);
            assert.ok(
              (await page.getByTestId("signed-in-as").innerText()).includes(
                email,
              ),
            );
            assert.equal(
              await page.getByTestId("review-lines").locator("li").count(),
              1,
            );
            assert.ok(
              (await page.getByTestId("review-lines").innerText()).includes(
                m.checkout.quantity.replace("{{quantity}}", "2"),
              ),
            );
          },
        );

        await t.step(
          `${lang}: address, shipping and the test card`,
          async () => {
            assert.equal(
              (await page.locator('label[for="shipping-region"]').innerText())
                .split(/[（(]/)[0].trim(),
              journey.regionLabel,
            );
            // Nothing filled in: the country's required fields say so.
            await page.getByTestId("place-order").click();
            assert.ok(
              (await page.locator("[data-field-error]").count()) >= 3,
              "required fields are marked",
            );
            assert.equal(
              await page.getByTestId("checkout-error").innerText(),
              m.checkout.fixErrors,
            );
            for (const [id, value] of Object.entries(journey.address)) {
              await page.locator(`#${id}`).fill(value);
            }
            await page.locator("#shipping-region").dispatchEvent("change");
            await untilQuoted(page);
            // Another shipping method re-prices the quote.
            const options = page.getByTestId("shipping-options").locator(
              "input",
            );
            assert.ok((await options.count()) >= 2);
            const total = await page.getByTestId("total").innerText();
            await options.nth(1).check();
            await page.waitForFunction(
              (old) =>
                document.querySelector("[data-testid=total]")?.textContent !==
                  old,
              total,
            );
            await untilQuoted(page);
            await options.nth(0).check();
            await page.waitForFunction(
              (old) =>
                document.querySelector("[data-testid=total]")?.textContent ===
                  old,
              total,
            );
            await untilQuoted(page);
            assert.match(
              await page.getByTestId("total").innerText(),
              journey.price,
            );
            assert.match(
              await page.getByTestId("tax-note").innerText(),
              journey.taxNote,
            );
            assert.ok(
              (await page.getByTestId("test-cards").innerText()).includes(
                "4242 4242 4242 4242",
              ),
            );
            await fillCard(
              page,
              journey.declineFirst
                ? "4000 0000 0000 0002"
                : journey.challenge
                ? "4000 0000 0000 3220"
                : "4242 4242 4242 4242",
            );
            await shoot(page, `checkout-${lang}-checkout`);
          },
        );

        await t.step(`${lang}: place the order and pay`, async () => {
          await Promise.all([
            page.waitForURL(/\/(orders|test-gateway)\//, { timeout: 30_000 }),
            page.getByTestId("place-order").click(),
          ]);
          // One submission: the button is disabled the moment it is used.
          if (journey.challenge) {
            assert.match(
              new URL(page.url()).pathname,
              /^\/test-gateway\/challenge\//,
            );
            await untilLoaded(
              page,
              () =>
                page.getByRole("button", {
                  name: m.testGateway.challenge.approve,
                }).click(),
            );
          }
          await page.waitForLoadState("load");
          assert.match(
            new URL(page.url()).pathname,
            new RegExp(`^/${lang}/orders/`),
          );
          orderNumber = /GS-\d+/.exec(
            await page.getByTestId("order-number").innerText(),
          )?.[0] ?? "";
          assert.ok(orderNumber, "the page names the order");
          if (journey.declineFirst) {
            const failure = page.getByTestId("payment-failure");
            await failure.waitFor();
            assert.ok(
              (await failure.innerText()).includes(
                m.checkout.failures.cardDeclined,
              ),
            );
            assert.equal(
              await page.getByTestId("order-status").getAttribute(
                "data-status",
              ),
              "pending_payment",
            );
            await islandsHydrated(page);
            await fillCard(page, "4242 4242 4242 4242");
            await page.getByTestId("pay-now-button").click();
          }
          await untilPaid(page);
          assert.equal(
            await page.getByTestId("order-status").innerText(),
            m.orders.status.paid,
          );
          assert.equal(
            await page.getByTestId("order-thanks").innerText(),
            m.orders.thanks,
          );
          assert.match(
            await page.getByTestId("tax-note").innerText(),
            journey.taxNote,
          );
          assert.equal(await page.getByTestId("cancel-order").count(), 0);
          await shoot(page, `checkout-${lang}-confirmation`);
        });

        await t.step(`${lang}: the order is in the history`, async () => {
          // The header's account menu leads to the orders.
          await page.getByTestId("account-link").click();
          await untilLoaded(
            page,
            () => page.getByTestId("orders-nav-link").click(),
          );
          assert.equal(new URL(page.url()).pathname, `/${lang}/account/orders`);
          const row = page.getByTestId("order-row").first();
          assert.ok((await row.innerText()).includes(orderNumber));
          assert.equal(
            await row.getByTestId("order-status").innerText(),
            m.orders.status.paid,
          );
          await shoot(page, `checkout-${lang}-history`);
          await untilLoaded(page, () => row.click());
          assert.ok(
            (await page.getByTestId("order-number").innerText()).includes(
              orderNumber,
            ),
          );
        });

        await context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await served.close();
      await store.close();
    }
  },
});
