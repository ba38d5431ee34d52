import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startTestStore } from "../edge/testing.ts";
import de from "../locales/de.json" with { type: "json" };
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveStore,
} from "./_browser.ts";
import { reportCspViolations, untilLoaded, watchedPage } from "./_page.ts";

const chromiumInstalled = hasChromium();
const inCi = !["", "0", "false"].includes(
  (Deno.env.get("CI") ?? "").toLowerCase(),
);
const SCREENSHOTS = fileURLToPath(new URL("./screenshots", import.meta.url));

Deno.test({
  name: "account in a real browser: German sign-up, verify, sign-in, sign-out",
  ignore: !chromiumInstalled && !inCi,
  async fn(t) {
    assert.ok(
      chromiumInstalled,
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    const store = await startTestStore();
    const served = serveStore(store);
    const { origin } = served;
    const sql = store.deps.db.sql;
    const email = `jonas.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = "Leuchtturm im Nebel 7";
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: "de-DE",
      });
      await context.addInitScript(reportCspViolations);
      const page = await watchedPage(context, problems);

      await t.step("the header links to the account", async () => {
        await page.goto(`${origin}/de/about`);
        await untilLoaded(page, () => page.getByTestId("account-link").click());
        assert.equal(new URL(page.url()).pathname, "/de/account/signin");
        // Anonymous: the header offers to sign in.
        assert.equal(
          await page.getByTestId("account-link").textContent(),
          de.account.signin.link,
        );
      });

      await t.step("a weak password is explained in German", async () => {
        await page.goto(`${origin}/de/account/signup`);
        await page.getByLabel(de.account.fields.name).fill("Jonas");
        await page.getByLabel(de.account.fields.email).fill(email);
        await page.getByLabel(de.account.fields.password, { exact: true })
          .fill("kurz");
        await untilLoaded(
          page,
          () =>
            page.getByRole("button", { name: de.account.signup.submit })
              .click(),
        );
        const error = await page.locator("[data-field-error]").innerText();
        assert.match(error, /mindestens 10 Zeichen/);
        assert.equal(
          await page.getByLabel(de.account.fields.email).inputValue(),
          email,
        );
        await page.screenshot({
          path: `${SCREENSHOTS}/account-signup-error-desktop.png`,
          fullPage: true,
        });
      });

      await t.step("sign up, then the check-email state", async () => {
        await page.getByLabel(de.account.fields.password, { exact: true })
          .fill(password);
        await untilLoaded(
          page,
          () =>
            page.getByRole("button", { name: de.account.signup.submit })
              .click(),
        );
        assert.equal(
          await page.getByTestId("signup-sent").innerText(),
          de.account.signup.sentBody,
        );
      });

      await t.step("the emailed link verifies the address", async () => {
        const [row] = await sql`
          select payload->>'url' as url from notifications.outbox
          where recipient = ${email} and kind = 'verify_email'`;
        assert.ok(row, "the verification email is queued");
        const link = new URL(row.url);
        await page.goto(`${origin}${link.pathname}${link.search}`);
        assert.equal(
          await page.getByTestId("verify-success").innerText(),
          de.account.verify.successBody,
        );
      });

      await t.step("sign in, and the account shows the name", async () => {
        await untilLoaded(
          page,
          () =>
            page.locator("main").getByRole("link", {
              name: de.account.signin.link,
            })
              .click(),
        );
        await page.getByLabel(de.account.fields.email).fill(email);
        await page.getByLabel(de.account.fields.password).fill(password);
        await untilLoaded(
          page,
          () =>
            page.getByRole("button", { name: de.account.signin.submit })
              .click(),
        );
        assert.equal(new URL(page.url()).pathname, "/de/account");
        assert.equal(
          await page.getByTestId("account-name").innerText(),
          "Jonas",
        );
        // Signed in: the header links to the account instead.
        assert.equal(
          await page.getByTestId("account-link").textContent(),
          de.account.nav,
        );
        await page.screenshot({
          path: `${SCREENSHOTS}/account-home-desktop.png`,
          fullPage: true,
        });
      });

      await t.step(
        "the browser refreshes its session through the API",
        async () => {
          const before = (await context.cookies(`${origin}/api/auth`))
            .find((c) => c.name === "refresh_token");
          assert.ok(
            before?.httpOnly,
            "the refresh token is an HttpOnly cookie",
          );
          assert.equal(before.path, "/api/auth");
          // What a script on the store's pages does when the access token
          // expires: the browser sends the refresh cookie itself.
          const status = await page.evaluate(async () =>
            (await fetch("/api/auth/refresh", { method: "POST" })).status
          );
          assert.equal(status, 200);
          const after = (await context.cookies(`${origin}/api/auth`))
            .find((c) => c.name === "refresh_token");
          assert.ok(after && after.value !== before.value, "rotated");
          await page.goto(`${origin}/de/account`);
          assert.equal(new URL(page.url()).pathname, "/de/account");
        },
      );

      await t.step("sign out ends the session", async () => {
        await untilLoaded(
          page,
          () =>
            page.getByRole("button", {
              name: de.account.home.signOut,
              exact: true,
            }).click(),
        );
        assert.equal(new URL(page.url()).pathname, "/de/");
        const cookies = await context.cookies(origin);
        assert.ok(!cookies.some((c) => c.name === "access_token"));
        await page.goto(`${origin}/de/account`);
        assert.equal(new URL(page.url()).pathname, "/de/account/signin");
      });

      // A form sent back with errors answers 400 on purpose; Chromium logs it.
      assert.deepEqual(
        problems.filter((problem) =>
          !/signup: console error: .* status of 400/.test(problem)
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
