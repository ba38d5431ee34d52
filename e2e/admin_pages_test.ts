import assert from "node:assert/strict";
import { submitReview } from "../commerce/catalog/mod.ts";
import { hashPassword } from "../commerce/identity/mod.ts";
import { transitionOrder } from "../commerce/orders/mod.ts";
import {
  placeOrder,
  startPaymentsTestStore,
} from "../commerce/payments/_test_util.ts";
import ar from "../locales/ar.json" with { type: "json" };
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

/** The dashboard's sections after the overview, as the sidebar names them. */
const SECTIONS = [
  ["categories", en.admin.nav.categories],
  ["customers", en.admin.nav.customers],
  ["reviews", en.admin.nav.reviews],
  ["localization", en.admin.nav.localization],
  ["audit", en.admin.nav.audit],
] as const;

Deno.test({
  name:
    "every dashboard section in a real browser, and a session that outlives its access token",
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
    const [{ id: adminId }] = await sql`
      insert into identity.users (email, name, password_hash, email_verified_at,
        preferred_language, preferred_currency)
      values (${admin.email}, 'Olivia Ops', ${await hashPassword(
      admin.password,
    )}, now(), 'en', 'USD')
      returning id`;
    await sql`insert into identity.user_roles (user_id, role)
      values (${adminId}, 'customer'), (${adminId}, 'admin')`;
    // Something on every page: a customer with a paid order, a review
    // waiting for moderation, and the audit rows staff writes leave.
    const [{ id: shopperId }] = await sql`
      insert into identity.users (email, name, preferred_language)
      values (${`mia.${suffix}@example.com`}, 'Mia Sommer', 'de')
      returning id`;
    await sql`insert into identity.user_roles (user_id, role)
      values (${shopperId}, 'customer')`;
    const order = await placeOrder(sql, {
      owner: { userId: shopperId },
      currency: "EUR",
    });
    await sql.begin((tx) =>
      transitionOrder(tx, { orderId: order.id, to: "paid", actor: "test" })
    );
    const [{ id: productId }] = await sql`
      select id from catalog.products where key = 'backpack'`;
    const reviewId = await submitReview(sql, {
      productId,
      rating: 2,
      title: "Zu klein",
      body: "Passt kein Laptop hinein",
      language: "de",
      authorName: "Mia Sommer",
    });

    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: "en-US",
      });
      await context.addInitScript(reportCspViolations);
      const page = await watchedPage(context, problems);

      await t.step("the admin signs in", async () => {
        await page.goto(`${origin}/admin`);
        await page.getByLabel(en.account.fields.email).fill(admin.email);
        await page.getByLabel(en.account.fields.password).fill(admin.password);
        await untilLoaded(
          page,
          () =>
            page.getByRole("button", { name: en.account.signin.submit })
              .click(),
        );
        assert.equal(new URL(page.url()).pathname, "/admin");
      });

      for (const [section, label] of SECTIONS) {
        await t.step(`the ${label} page opens from the sidebar`, async () => {
          const nav = page.getByRole("navigation", {
            name: en.admin.nav.label,
          });
          await untilLoaded(
            page,
            () => nav.getByRole("link", { name: label, exact: true }).click(),
          );
          assert.equal(new URL(page.url()).pathname, `/admin/${section}`);
          assert.equal(
            await nav.getByRole("link", { name: label, exact: true })
              .getAttribute("aria-current"),
            "page",
          );
          assert.ok(await page.locator("h1").isVisible());
          await islandsHydrated(page);
          await shootWidths(page, `admin-${section}`);
        });
      }

      await t.step("a customer's page lists their order", async () => {
        await page.goto(`${origin}/admin/customers?q=mia.${suffix}`);
        await untilLoaded(
          page,
          () => page.getByRole("link", { name: "Mia Sommer" }).click(),
        );
        assert.equal(
          new URL(page.url()).pathname,
          `/admin/customers/${shopperId}`,
        );
        assert.ok(
          (await page.getByTestId("customer-order").innerText()).includes(
            order.number,
          ),
        );
        await islandsHydrated(page);
        await shootWidths(page, "admin-customer");
      });

      await t.step("shipping zones and tax rates", async () => {
        await page.goto(`${origin}/admin/localization/shipping`);
        await islandsHydrated(page);
        await shootWidths(page, "admin-localization-shipping");
      });

      await t.step(
        "an island's call after the access token is gone renews the session",
        async () => {
          await page.goto(`${origin}/admin/reviews`);
          await islandsHydrated(page);
          // As if the 15-minute token ran out while the page was open.
          await context.clearCookies({ name: "access_token" });
          const row = page.locator(`[data-review-id="${reviewId}"]`);
          const renewed = page.waitForResponse((response) =>
            response.url().endsWith("/api/auth/refresh")
          );
          await row.getByTestId("review-approve").click();
          assert.equal((await renewed).status(), 200);
          await row.getByTestId("review-done").waitFor();
          const [{ status }] = await sql`
            select status from catalog.reviews where id = ${reviewId}`;
          assert.equal(status, "approved");
          // The renewed cookie serves the next page without a sign-in.
          await page.goto(`${origin}/admin/audit`);
          assert.equal(new URL(page.url()).pathname, "/admin/audit");
          assert.ok(
            (await page.getByTestId("audit-row").first().innerText())
              .includes(en.admin.audit.actions.review.approve),
          );
        },
      );

      await t.step("right to left in Arabic", async () => {
        const cookie = { name: "lang", value: "ar", url: origin };
        await context.addCookies([cookie]);
        for (const path of ["customers", "localization", "products"]) {
          await page.goto(`${origin}/admin/${path}`);
          assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
          await islandsHydrated(page);
          await shootWidths(page, `admin-${path}-ar`);
        }
        assert.equal(
          await page.getByRole("navigation", { name: ar.admin.nav.label })
            .getByRole("link", { name: ar.admin.nav.products })
            .getAttribute("aria-current"),
          "page",
        );
      });

      // The fixture catalog names drawings it does not ship, and the call
      // made without an access token was answered 401 before its renewal.
      assert.deepEqual(
        problems.filter((problem) =>
          !/status of 404 .*\/media\/products\//.test(problem) &&
          !/status of 401 .*\/api\/admin\/reviews\/[^/]+\/approve/.test(problem)
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
