import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { hashPassword } from "../commerce/identity/mod.ts";
import { orderById, transitionOrder } from "../commerce/orders/mod.ts";
import {
  CARDS,
  placeOrder,
  startPaymentsTestStore,
} from "../commerce/payments/_test_util.ts";
import { signAccessToken } from "../edge/auth/jwt.ts";
import de from "../locales/de.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveStore,
} from "./_browser.ts";
import {
  DESKTOP,
  islandsHydrated,
  reportCspViolations,
  shootWidths,
  untilLoaded,
  watchedPage,
} from "./_page.ts";

const chromiumInstalled = hasChromium();
const inCi = !["", "0", "false"].includes(
  (Deno.env.get("CI") ?? "").toLowerCase(),
);
/** Screenshots `admin-<name>-{desktop,tablet}.png`. */
const shoot = (page: Page, name: string) => shootWidths(page, `admin-${name}`);

Deno.test({
  name:
    "dashboard in a real browser: edit a product, ship an order, the customer sees both",
  ignore: !chromiumInstalled && !inCi,
  async fn(t) {
    assert.ok(
      chromiumInstalled,
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    const store = await startPaymentsTestStore();
    const served = serveStore(store);
    const { origin } = served;
    const sql = store.deps.db.sql;
    const suffix = crypto.randomUUID().slice(0, 8);
    const admin = {
      email: `ops.${suffix}@example.com`,
      password: "Lagerhalle am Hafen 9",
    };
    const shopper = {
      email: `mia.${suffix}@example.com`,
      password: "Sonnenblumenfeld 2026",
    };
    const account = async (
      who: { email: string; password: string },
      options: {
        name: string;
        roles: string[];
        language: string;
        currency: string;
      },
    ) => {
      const [{ id }] = await sql`
        insert into identity.users (email, name, password_hash, email_verified_at,
          preferred_language, preferred_currency)
        values (${who.email}, ${options.name}, ${await hashPassword(
        who.password,
      )},
          now(), ${options.language}, ${options.currency})
        returning id`;
      for (const role of options.roles) {
        await sql`insert into identity.user_roles (user_id, role) values (${id}, ${role})`;
      }
      return id as string;
    };
    await account(admin, {
      name: "Olivia Ops",
      roles: ["customer", "admin"],
      language: "en",
      currency: "USD",
    });
    const shopperId = await account(shopper, {
      name: "Mia",
      roles: ["customer"],
      language: "de",
      currency: "EUR",
    });

    // The shopper's order, paid by card through the test gateway's API.
    const order = await placeOrder(sql, {
      owner: { userId: shopperId },
      currency: "EUR",
    });
    const token = await signAccessToken(store.deps.keys, {
      sub: shopperId,
      roles: ["customer"],
    });
    const paid = await store.app.request("/api/payments/process", {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        orderId: order.id,
        gateway: "test",
        method: CARDS.success,
        returnUrl: `/de/orders/${order.id}`,
      }),
    });
    assert.equal(paid.status, 201, await paid.text());
    await store.deps.payments.test!.flush();
    assert.equal((await orderById(sql, order.id))!.status, "paid");
    // Some history for the overview's chart: earlier paid orders.
    for (const daysAgo of [1, 3, 3, 8, 15]) {
      const earlier = await placeOrder(sql, {
        owner: { userId: shopperId },
        currency: daysAgo % 2 ? "USD" : "EUR",
      });
      await sql.begin((tx) =>
        transitionOrder(tx, { orderId: earlier.id, to: "paid", actor: "test" })
      );
      await sql`update orders.orders
        set paid_at = now() - ${`${daysAgo} days`}::interval,
          placed_at = now() - ${`${daysAgo} days`}::interval
        where id = ${earlier.id}`;
    }

    // Two languages without copy yet, for the editor to point out.
    await sql`
      delete from catalog.product_localized_details
      where language in ('zh', 'ar')
        and product_id = (select id from catalog.products where key = 'backpack')`;

    const browser = await launchChromium();
    const problems: string[] = [];
    const newName = `Kyoto Rucksack Wanderer ${suffix}`;
    const eurPrice = "79.90";
    const tracking = `JD0146${suffix.toUpperCase()}`.replace(/[^A-Z0-9]/g, "7");
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: "en-US",
      });
      await context.addInitScript(reportCspViolations);
      const page = await watchedPage(context, problems);

      await t.step(
        "the admin signs in on the sign-in page and lands on /admin",
        async () => {
          await page.goto(`${origin}/admin`);
          assert.equal(new URL(page.url()).pathname, "/en/account/signin");
          await page.getByLabel(en.account.fields.email).fill(admin.email);
          await page.getByLabel(en.account.fields.password).fill(
            admin.password,
          );
          await untilLoaded(
            page,
            () =>
              page.getByRole("button", { name: en.account.signin.submit })
                .click(),
          );
          assert.equal(new URL(page.url()).pathname, "/admin");
          assert.equal(
            await page.getByTestId("admin-name").innerText(),
            "Olivia Ops",
          );
          assert.equal(
            await page.getByTestId("status-count-paid").innerText(),
            "6",
          );
          assert.equal(
            await page.locator("[data-testid=sales-chart] rect").count(),
            30,
          );
          await shoot(page, "overview");
        },
      );

      let productUrl = "";
      await t.step(
        "the product list shows completeness, the editor opens",
        async () => {
          await untilLoaded(
            page,
            () =>
              page.getByRole("link", { name: en.admin.nav.products }).click(),
          );
          assert.equal(new URL(page.url()).pathname, "/admin/products");
          await untilLoaded(
            page,
            () => page.getByRole("link", { name: "Kyoto Backpack" }).click(),
          );
          productUrl = page.url();
          await islandsHydrated(page);
          const marker = (language: string) =>
            page.locator(
              `[role=tab][data-language=${language}] [data-testid=tab-missing]`,
            );
          assert.ok(
            await marker("zh").isVisible(),
            "Chinese is marked missing",
          );
          assert.ok(await marker("ar").isVisible(), "Arabic is marked missing");
          assert.ok(!(await marker("de").isVisible()), "German is complete");
          await shoot(page, "product-editor");
        },
      );

      await t.step(
        "edits the German name and the EUR price, inline checks first",
        async () => {
          await page.locator("[role=tab][data-language=de]").click();
          const name = page.locator("#product-copy-de-name");
          assert.equal(await name.inputValue(), "Kyoto Rucksack");
          // Emptying a name the language has is refused before any request.
          await name.fill("");
          await name.blur();
          assert.equal(
            await page.locator("#product-copy-de-name-error").innerText(),
            en.admin.invalid.required,
          );
          await name.fill(newName);
          const eur = page.locator("#price-EUR");
          await eur.fill("79.999");
          await eur.blur();
          assert.equal(
            await page.locator("#price-EUR-error").innerText(),
            en.admin.invalid.amount,
          );
          await eur.fill(eurPrice);
          assert.equal(
            await page.getByTestId("product-save-status").innerText(),
            en.admin.unsaved,
          );
          // Leaving now asks first (the browser's own dialog); staying keeps
          // the edits.
          const asked = new Promise<string>((resolve) =>
            page.once("dialog", (dialog) => {
              resolve(dialog.type());
              dialog.dismiss();
            })
          );
          await page.evaluate(() => {
            location.href = "/admin";
          });
          assert.equal(await asked, "beforeunload");
          assert.equal(await eur.inputValue(), eurPrice);
          await page.getByTestId("product-save").click();
          await page.getByText(en.admin.saved).waitFor();
          assert.equal(await eur.inputValue(), eurPrice);
          await shoot(page, "product-editor-saved");
          // Saved for real: a fresh load shows the new values.
          await page.goto(productUrl);
          await islandsHydrated(page);
          await page.locator("[role=tab][data-language=de]").click();
          assert.equal(
            await page.locator("#product-copy-de-name").inputValue(),
            newName,
          );
          assert.equal(await page.locator("#price-EUR").inputValue(), eurPrice);
        },
      );

      await t.step("ships the order with a tracking number", async () => {
        await page.goto(`${origin}/admin/orders`);
        await shoot(page, "orders");
        await untilLoaded(
          page,
          () => page.getByRole("link", { name: order.number }).click(),
        );
        assert.equal(new URL(page.url()).pathname, `/admin/orders/${order.id}`);
        await islandsHydrated(page);
        await shoot(page, "order");
        // Paid orders are packed before they ship.
        await untilLoaded(page, () => page.getByTestId("order-packed").click());
        await islandsHydrated(page);
        const ship = page.getByTestId("ship-form");
        // Nothing filled in: the fields say so, nothing is sent.
        await ship.getByRole("button", { name: en.admin.orders.actions.ship })
          .click();
        assert.equal(
          await page.locator("#order-carrier-error").innerText(),
          en.admin.invalid.required,
        );
        await page.locator("#order-carrier").fill("DHL");
        await page.locator("#order-trackingNumber").fill(tracking);
        await page.locator("#order-trackingUrl").fill("not a link");
        await page.locator("#order-trackingUrl").blur();
        assert.equal(
          await page.locator("#order-trackingUrl-error").innerText(),
          en.admin.invalid.url,
        );
        await page.locator("#order-trackingUrl").fill("");
        await untilLoaded(
          page,
          () =>
            ship.getByRole("button", { name: en.admin.orders.actions.ship })
              .click(),
        );
        assert.equal(
          await page.locator("[data-testid=order-status]").first().getAttribute(
            "data-status",
          ),
          "shipped",
        );
        assert.ok(
          (await page.getByTestId("parcels").innerText()).includes(tracking),
        );
        await shoot(page, "order-shipped");
      });

      await t.step("signs out", async () => {
        await untilLoaded(
          page,
          () => page.getByTestId("admin-signout").click(),
        );
        await page.goto(`${origin}/admin`);
        assert.equal(new URL(page.url()).pathname, "/en/account/signin");
      });

      await t.step(
        "the customer sees the new name, price and tracking",
        async () => {
          const customer = await browser.newContext({
            viewport: DESKTOP,
            locale: "de-DE",
          });
          await customer.addInitScript(reportCspViolations);
          const tab = await watchedPage(customer, problems);
          await tab.goto(`${origin}/de/account/signin`);
          await tab.getByLabel(de.account.fields.email).fill(shopper.email);
          await tab.getByLabel(de.account.fields.password).fill(
            shopper.password,
          );
          await untilLoaded(
            tab,
            () =>
              tab.getByRole("button", { name: de.account.signin.submit })
                .click(),
          );
          assert.equal(new URL(tab.url()).pathname, "/de/account");
          const [{ slug }] = await sql`
          select d.slug from catalog.product_localized_details d
          join catalog.products p on p.id = d.product_id
          where p.key = 'backpack' and d.language = 'de'`;
          await tab.goto(`${origin}/de/p/${slug}`);
          assert.equal(await tab.locator("h1").innerText(), newName);
          assert.match(
            await tab.getByTestId("variant-price").innerText(),
            /^79,90\s€$/,
          );
          await tab.goto(`${origin}/de/orders/${order.id}`);
          assert.equal(
            await tab.getByTestId("order-status").getAttribute("data-status"),
            "shipped",
          );
          const parcels = await tab.getByTestId("parcels").innerText();
          assert.ok(parcels.includes("DHL"), parcels);
          assert.ok(parcels.includes(tracking), parcels);
          await customer.close();
        },
      );

      // The fixture catalog names drawings it does not ship.
      assert.deepEqual(
        problems.filter((problem) =>
          !/status of 404 .*\/media\/products\//.test(problem)
        ),
        [],
      );
    } finally {
      await browser.close();
      await served.close();
      await store.close();
    }
  },
});
