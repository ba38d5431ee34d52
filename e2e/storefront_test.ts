import assert from "node:assert/strict";
import de from "../locales/de.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };
import {
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  serveTestStore,
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
if (!chromiumInstalled && !inCi) {
  console.warn(
    `Note: browser tests ignored, '${CHROMIUM_PATH}' is missing (apt-get install -y chromium)`,
  );
}

/** The fixed start of a translated message, before its first placeholder. */
function prefixOf(message: string): string {
  return message.split("{{")[0];
}

Deno.test({
  name: "storefront works in a real browser: pickers, languages, no-JS, geo",
  ignore: !chromiumInstalled && !inCi,
  async fn(t) {
    assert.ok(
      chromiumInstalled,
      `Chromium is missing at '${CHROMIUM_PATH}': install it with 'apt-get install -y chromium'`,
    );
    const store = await serveTestStore();
    const browser = await launchChromium();
    const problems: string[] = [];
    try {
      const context = await browser.newContext();
      await context.addInitScript(reportCspViolations);
      const page = await watchedPage(context, problems);
      const { origin } = store;

      await t.step("the currency picker switches prices to EUR", async () => {
        await page.goto(`${origin}/en/`);
        const pricesIn = page.getByTestId("prices-in");
        assert.match(await pricesIn.innerText(), /US Dollar \(\$\)/);
        await islandsHydrated(page);

        const picker = page.getByTestId("currency-picker");
        await untilLoaded(page, () => picker.selectOption("EUR"));
        await islandsHydrated(page);

        assert.equal(page.url(), `${origin}/en/`);
        assert.match(await pricesIn.innerText(), /Euro \(€\)/);
        assert.equal(await picker.inputValue(), "EUR");
        const cookies = await context.cookies(origin);
        assert.equal(
          cookies.find((cookie) => cookie.name === "currency")?.value,
          "EUR",
        );
      });

      await t.step("the language picker opens the German page", async () => {
        await page.getByTestId("language-picker").selectOption("de");
        await page.waitForURL(`${origin}/de/`);
        await islandsHydrated(page);

        assert.equal(await page.locator("html").getAttribute("lang"), "de");
        assert.equal(
          await page.locator("h1").innerText(),
          de.home.heroTitle,
        );
        const pricesIn = await page.getByTestId("prices-in").innerText();
        assert.ok(
          pricesIn.startsWith(prefixOf(de.home.pricesIn)),
          `Expected German prices line, got '${pricesIn}'`,
        );
      });

      await t.step("Arabic pages are right to left", async () => {
        await page.goto(`${origin}/ar/`);
        const html = page.locator("html");
        assert.equal(await html.getAttribute("lang"), "ar");
        assert.equal(await html.getAttribute("dir"), "rtl");
        await islandsHydrated(page);
      });

      await t.step(
        "the static about page ships no script and its form sets JPY",
        async () => {
          await page.goto(`${origin}/en/about`);
          assert.equal(await page.locator("script").count(), 0);

          const form = page.locator('form[action="/preferences"]');
          const currency = form.locator('select[name="currency"]');
          await currency.selectOption("JPY");
          await untilLoaded(page, () => form.locator("button").click());

          assert.equal(page.url(), `${origin}/en/about`);
          assert.equal(await page.locator("html").getAttribute("lang"), "en");
          assert.equal(await currency.inputValue(), "JPY");
          assert.equal(await page.locator("script").count(), 0);
        },
      );

      await t.step(
        "a geo header suggests a language without redirecting, until dismissed",
        async () => {
          // A context of its own: its cookies start empty, so the banner is
          // not hidden by earlier choices.
          const geoContext = await browser.newContext({
            extraHTTPHeaders: { "cf-ipcountry": "JP" },
          });
          try {
            await geoContext.addInitScript(reportCspViolations);
            const geoPage = await watchedPage(geoContext, problems);
            const visited: string[] = [];
            geoPage.on("framenavigated", (frame) => {
              if (frame === geoPage.mainFrame()) visited.push(frame.url());
            });
            const home = `${origin}/en/`;

            const response = await geoPage.goto(home);
            assert.equal(response?.status(), 200);
            assert.equal(response?.request().redirectedFrom(), null);
            const banner = geoPage.getByTestId("geo-suggestion");
            await banner.waitFor({ state: "visible" });
            await islandsHydrated(geoPage);

            await banner.getByRole("button", { name: en.geo.dismiss }).click();
            await banner.waitFor({ state: "detached" });

            await geoPage.reload();
            await islandsHydrated(geoPage);
            assert.equal(await banner.count(), 0);
            assert.deepEqual(visited, [home, home]);
          } finally {
            await geoContext.close();
          }
        },
      );

      await t.step("no page logged an error or a CSP violation", () => {
        assert.deepEqual(problems, []);
      });
    } finally {
      await browser.close();
      await store.close();
    }
  },
});
