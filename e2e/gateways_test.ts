/**
 * Real gateways in a real browser, against their fakes on loopback: a
 * guest pays with PayPal (PayPal's approval page, back to the store's
 * return route, the capture, the signed webhook), and with Stripe, whose
 * Payment Element cannot load here (js.stripe.com is unreachable from
 * this machine): the page says so, and the payment is confirmed at the
 * HTTP level as Stripe.js would, then the signed webhook pays the order
 * while the page watches.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { ProductList } from "../commerce/catalog/mod.ts";
import { FakePayPal } from "../commerce/payments/paypal/_fake.ts";
import { FakeStripe } from "../commerce/payments/stripe/_fake.ts";
import { startCatalogTestStore } from "../edge/testing.ts";
import en from "../locales/en.json" with { type: "json" };
import { CHROMIUM_PATH, hasChromium, launchChromium } from "./_browser.ts";
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

/** A free loopback port: the store's PUBLIC_URL must name it up front. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
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

/** A guest in Germany: product in the cart, then the checkout form. */
async function checkoutWith(
  options: {
    browser: Browser;
    origin: string;
    productSlug: string;
    problems: string[];
    gateway: string;
  },
): Promise<Page> {
  const { browser, origin, problems, gateway } = options;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
    extraHTTPHeaders: { "cf-ipcountry": "DE" },
  });
  await context.addInitScript(reportCspViolations);
  const page = await watchedPage(context, problems);
  await page.goto(`${origin}/en/p/${options.productSlug}`);
  await islandsHydrated(page);
  await page.getByTestId("add-to-cart-button").click();
  await page.getByTestId("add-to-cart-status").locator("a").waitFor();
  await page.goto(`${origin}/en/checkout`);
  await islandsHydrated(page);
  await page.locator("#checkout-email").fill("guest@example.com");
  await page.locator("#shipping-country").selectOption("DE");
  for (
    const [id, value] of Object.entries({
      "shipping-name": "Jonas Weber",
      "shipping-line1": "Invalidenstraße 117",
      "shipping-postalCode": "10115",
      "shipping-city": "Berlin",
    })
  ) {
    await page.locator(`#${id}`).fill(value);
  }
  await page.locator("#shipping-city").dispatchEvent("change");
  await page.waitForFunction(() =>
    !document.querySelector("[data-testid=order-summary][aria-busy]")
  );
  const choice = page.locator(`input[name=gateway][value=${gateway}]`);
  await choice.check();
  return page;
}

Deno.test({
  name: "paying with PayPal and Stripe in a real browser, against their fakes",
  ignore: !chromiumInstalled && !inCi,
  async fn(t) {
    assert.ok(
      chromiumInstalled,
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    const paypal = await FakePayPal.start();
    const stripe = await FakeStripe.start();
    const port = freePort();
    const origin = `http://127.0.0.1:${port}`;
    const store = await startCatalogTestStore({
      env: {
        PUBLIC_URL: origin,
        PAYPAL_CLIENT_ID: paypal.clientId,
        PAYPAL_CLIENT_SECRET: paypal.clientSecret,
        PAYPAL_WEBHOOK_ID: paypal.webhookId,
        PAYPAL_API_URL: paypal.url,
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_PUBLISHABLE_KEY: stripe.publishableKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_URL: stripe.url,
      },
      paymentsFetch: paypal.fetch,
    });
    const server = Deno.serve(
      { port, hostname: "127.0.0.1", onListen() {} },
      store.app.fetch,
    );
    const sql = store.deps.db.sql;
    let browser: Browser | undefined;
    const problems: string[] = [];
    try {
      browser = await launchChromium();
      const list = await (await fetch(
        `${origin}/api/products?lang=en&currency=EUR&limit=24`,
      )).json() as ProductList;
      const product = list.items.find((p) =>
        p.availability.status === "in_stock" && p.price !== null
      );
      assert.ok(product, "an in-stock product to buy");
      const checkout = (gateway: string) =>
        checkoutWith({
          browser: browser!,
          origin,
          productSlug: product.slug,
          problems,
          gateway,
        });

      await t.step(
        "the checkout offers every gateway that takes euros in Germany",
        async () => {
          const page = await checkout("paypal");
          const offered = await page.locator("input[name=gateway]")
            .evaluateAll((inputs) =>
              inputs.map((input) => (input as HTMLInputElement).value)
            );
          assert.deepEqual(offered.sort(), ["paypal", "stripe", "test"]);
          assert.ok(
            (await page.getByTestId("checkout").innerText()).includes(
              en.checkout.gateways.paypal,
            ),
          );
          await page.context().close();
        },
      );

      await t.step(
        "PayPal: approve at PayPal, back to the store, paid by webhook",
        async () => {
          const page = await checkout("paypal");
          await Promise.all([
            page.waitForURL(`${paypal.url}/checkoutnow?**`, {
              timeout: 30_000,
            }),
            page.getByTestId("place-order").click(),
          ]);
          await untilLoaded(page, () => page.locator("#approve").click());
          assert.match(new URL(page.url()).pathname, /^\/en\/orders\//);
          const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
          const [row] = await sql`
          select status from payments.transactions where order_id = ${orderId}`;
          assert.equal(row.status, "succeeded", "captured on the way back");
          // PayPal's webhook arrives while the page watches.
          const event = paypal.lastEvent("PAYMENT.CAPTURE.COMPLETED")!;
          const delivery = await paypal.deliver(event, {
            url: `${origin}/api/payments/webhook/paypal`,
          });
          assert.equal(delivery.status, 200, delivery.body);
          await untilPaid(page);
          assert.equal(
            await page.getByTestId("order-status").innerText(),
            en.orders.status.paid,
          );
          await page.context().close();
        },
      );

      await t.step(
        "Stripe: the Element cannot load offline; an HTTP-level confirmation pays",
        async () => {
          const page = await checkout("stripe");
          await Promise.all([
            page.waitForURL(/\/en\/orders\/[^?]+\?payment=action/, {
              timeout: 30_000,
            }),
            page.getByTestId("place-order").click(),
          ]);
          await islandsHydrated(page);
          const unavailable = page.getByTestId("stripe-unavailable");
          await unavailable.waitFor({ state: "visible", timeout: 30_000 });
          assert.ok(
            (await unavailable.innerText()).includes(
              en.checkout.stripe.unavailable,
            ),
          );
          await Deno.mkdir(SCREENSHOTS, { recursive: true });
          await page.screenshot({
            path: `${SCREENSHOTS}/payment-stripe-offline-en-desktop.png`,
            fullPage: true,
          });
          // What Stripe.js would do with the client secret the page holds.
          const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
          const [row] = await sql`
          select next_action from payments.transactions
          where order_id = ${orderId} and status = 'requires_action'`;
          const secret: string = row.next_action.clientSecret;
          const confirmed = await fetch(
            `${stripe.url}/v1/payment_intents/${
              secret.split("_secret_")[0]
            }/confirm`,
            {
              method: "POST",
              headers: {
                authorization: `Bearer ${stripe.publishableKey}`,
                "content-type": "application/x-www-form-urlencoded",
              },
              body: new URLSearchParams({
                payment_method: "pm_card_visa",
                client_secret: secret,
              }),
            },
          );
          assert.equal(confirmed.status, 200, await confirmed.text());
          for (const webhook of stripe.webhooks) {
            const response = await stripe.deliver(
              webhook,
              `${origin}/api/payments/webhook/stripe`,
            );
            assert.equal(response.status, 200);
            await response.body?.cancel();
          }
          await untilPaid(page);
          await page.context().close();
        },
      );

      // Stripe.js failing to load from the closed network is expected, and
      // the fake gateways' own pages are not ours; nothing else may go wrong.
      const unexpected = problems.filter((p) =>
        p.startsWith(origin) && !/stripe\.com/.test(p)
      );
      assert.deepEqual(unexpected, []);
    } finally {
      await browser?.close();
      await server.shutdown();
      await store.close();
      await paypal.close();
      await stripe.close();
    }
  },
});
