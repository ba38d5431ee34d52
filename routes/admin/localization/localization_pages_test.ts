import assert from "node:assert/strict";
import { languageName } from "../../../commerce/localization/mod.ts";
import {
  staffMember,
  startPaymentsTestStore,
} from "../../../commerce/payments/_test_util.ts";
import { ignorePostgresTests } from "../../../db/_test_util.ts";
import type { Store } from "../../../edge/server.ts";
import de from "../../../locales/de.json" with { type: "json" };
import en from "../../../locales/en.json" with { type: "json" };
import { call } from "../../api/admin/localization/_test_util.ts";

const API = "/api/admin/localization";

async function page(
  store: Store,
  path: string,
  init: { token?: string; language?: string } = {},
) {
  const headers: Record<string, string> = { accept: "text/html" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.language) headers.cookie = `lang=${init.language}`;
  const response = await store.app.request(path, { headers });
  return { status: response.status, html: await response.text() };
}

/** The markup of the element opening with `start`, up to the next `until`. */
function section(html: string, start: string, until: string): string {
  const from = html.indexOf(start);
  assert.ok(from >= 0, `no ${start} in the page`);
  const to = html.indexOf(until, from + start.length);
  return html.slice(from, to < 0 ? undefined : to);
}

/** The text of `html` without tags, spaces collapsed. */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")
    .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'").replaceAll("&amp;", "&").trim();
}

Deno.test({
  name:
    "localization pages: staff only, translated, with rates, rules, zones and taxes",
  ignore: ignorePostgresTests,
  async fn(t) {
    const store = await startPaymentsTestStore();
    try {
      const admin = await staffMember(store);
      const customer = await staffMember(store, ["customer"]);
      const general = "/admin/localization";
      const shipping = "/admin/localization/shipping";

      await t.step(
        "customers get 403, visitors are sent to sign in",
        async () => {
          for (const path of [general, shipping]) {
            const forbidden = await page(store, path, {
              token: customer.token,
            });
            assert.equal(forbidden.status, 403, path);
            assert.ok(
              !forbidden.html.includes('data-island="AdminLocalization'),
            );
            const anonymous = await page(store, path);
            assert.equal(anonymous.status, 303, path);
          }
        },
      );

      await t.step("writers get the editing islands on both tabs", async () => {
        const { status, html } = await page(store, general, {
          token: admin.token,
        });
        assert.equal(status, 200);
        assert.match(html, /data-island="AdminLocalizationSettings"/);
        assert.match(html, /data-island="AdminLocalizationRates"/);
        assert.doesNotMatch(html, /data-testid="localization-read-only"/);
        // The sub-navigation marks where the admin is.
        assert.match(
          html,
          /data-testid="localization-tab-general" aria-current="page"/,
        );
        const other = await page(store, shipping, { token: admin.token });
        assert.equal(other.status, 200);
        assert.match(other.html, /data-island="AdminLocalizationZones"/);
        assert.match(other.html, /data-island="AdminLocalizationTaxes"/);
        assert.match(
          other.html,
          /data-testid="localization-tab-shipping" aria-current="page"/,
        );
      });

      await t.step("the pages are in the admin's language", async () => {
        const { html } = await page(store, general, {
          token: admin.token,
          language: "de",
        });
        assert.match(html, /<html lang="de"/);
        const body = text(html);
        for (
          const expected of [
            de.admin.localization.title,
            de.admin.localization.languages.title,
            de.admin.localization.rates.title,
            de.admin.localization.tabs.shipping,
            de.admin.localization.rates.sources.snapshot,
            // Language names in German ("Japanisch").
            languageName("ja", "de"),
          ]
        ) assert.ok(body.includes(expected), expected);
        assert.ok(!body.includes(en.admin.localization.rates.title));
        const zones = await page(store, shipping, {
          token: admin.token,
          language: "de",
        });
        const zonesText = text(zones.html);
        assert.ok(zonesText.includes(de.admin.localization.shipping.title));
        assert.ok(zonesText.includes(de.admin.localization.taxes.title));
        assert.ok(zonesText.includes("Deutschland"));
      });

      await t.step(
        "the rate table shows each rate's source and age, and an override with its expiry",
        async () => {
          const expiresAt = new Date(Date.now() + 2 * 86_400_000);
          const set = await call(
            store,
            admin.token,
            "PUT",
            `${API}/rates/EUR/override`,
            { rate: "0.9125", expiresAt: expiresAt.toISOString() },
          );
          assert.equal(set.status, 200, JSON.stringify(set.json));
          const { html } = await page(store, general, { token: admin.token });
          const rates = section(html, 'data-testid="rate-table"', "</section>");

          const eur = section(rates, 'data-currency="EUR"', "</tbody>");
          assert.match(eur, /data-source="override"/);
          // The override is in force, not stale, and until its expiry.
          assert.match(eur, /data-stale="false"/);
          const eurText = text(eur);
          assert.ok(eurText.includes("0.9125"), eurText);
          assert.ok(
            eurText.includes(en.admin.localization.rates.sources.override),
          );
          // The feed's rate and source stay visible beside the override.
          assert.ok(eurText.includes("Feed: 0.983961428712"), eurText);
          const day = new Intl.DateTimeFormat("en", {
            dateStyle: "medium",
            timeZone: "UTC",
          }).format(expiresAt);
          assert.ok(eurText.includes(`until ${day}`), eurText);

          // A feed rate: its source, how old it is, flagged stale (the
          // bundled snapshot is of 2022).
          const gbp = section(rates, 'data-currency="GBP"', "</tbody>");
          assert.match(gbp, /data-source="snapshot"/);
          assert.match(gbp, /data-stale="true"/);
          const gbpText = text(gbp);
          assert.ok(
            gbpText.includes(en.admin.localization.rates.sources.snapshot),
          );
          assert.match(gbpText, /\d{3,} days ago/);
          assert.ok(gbpText.includes(en.admin.localization.rates.noOverride));
          assert.ok(
            text(rates).includes(en.admin.localization.rates.staleNote),
          );

          const cleared = await call(
            store,
            admin.token,
            "DELETE",
            `${API}/rates/EUR/override`,
          );
          assert.equal(cleared.status, 200);
          const after = await page(store, general, { token: admin.token });
          const eurAfter = section(
            section(after.html, 'data-testid="rate-table"', "</section>"),
            'data-currency="EUR"',
            "</tbody>",
          );
          assert.match(eurAfter, /data-source="snapshot"/);
          assert.ok(!text(eurAfter).includes("0.9125"));
        },
      );

      await t.step(
        "a currency and a language disabled through the API show as disabled",
        async () => {
          const before = await page(store, general, { token: admin.token });
          assert.match(
            before.html,
            /<tr data-currency="GBP" data-enabled="true"/,
          );
          const currency = await call(
            store,
            admin.token,
            "PATCH",
            `${API}/currencies/GBP`,
            { enabled: false },
          );
          assert.equal(currency.status, 200, JSON.stringify(currency.json));
          const language = await call(
            store,
            admin.token,
            "PATCH",
            `${API}/languages/fr`,
            { enabled: false },
          );
          assert.equal(language.status, 200, JSON.stringify(language.json));
          const { html } = await page(store, general, { token: admin.token });
          const gbp = section(html, '<tr data-currency="GBP"', "</tr>");
          assert.match(gbp, /data-enabled="false"/);
          assert.ok(text(gbp).includes(en.admin.localization.off));
          // Its switch is off (and the base currency's cannot be moved).
          assert.doesNotMatch(gbp, /type="checkbox"[^>]*checked/);
          const usd = section(html, '<tr data-currency="USD"', "</tr>");
          assert.match(usd, /type="checkbox"[^>]*checked[^>]*disabled/);
          const fr = section(html, '<tr data-language="fr"', "</tr>");
          assert.match(fr, /data-enabled="false"/);
          // A disabled language cannot be picked as the default.
          assert.match(fr, /type="radio"[^>]*disabled/);
          await call(store, admin.token, "PATCH", `${API}/currencies/GBP`, {
            enabled: true,
          });
          await call(store, admin.token, "PATCH", `${API}/languages/fr`, {
            enabled: true,
          });
        },
      );

      await t.step(
        "a rounding rule shows in the currency's amounts, with an example",
        async () => {
          const rule = await call(
            store,
            admin.token,
            "PATCH",
            `${API}/currencies/JPY`,
            { rounding: { increment: 100, ending: null } },
          );
          assert.equal(rule.status, 200, JSON.stringify(rule.json));
          const { html } = await page(store, general, { token: admin.token });
          const jpy = section(html, '<tr data-currency="JPY"', "</tr>");
          assert.match(jpy, /id="rounding-JPY-step"[^>]*value="100"/);
          assert.ok(text(jpy).includes("¥1,234 → ¥1,200"), text(jpy));
          // USD's seeded rule: prices end in .99.
          const usd = section(html, '<tr data-currency="USD"', "</tr>");
          assert.match(usd, /id="rounding-USD-ending"[^>]*value="0.99"/);
          assert.ok(text(usd).includes("$1,234.56 → $1,234.99"), text(usd));
        },
      );

      await t.step(
        "shipping zones show their prices, tax rates their percentages",
        async () => {
          const { html } = await page(store, shipping, { token: admin.token });
          const europe = section(html, 'data-zone="europe"', "</form>");
          const standard = section(
            europe,
            'data-method="standard"',
            "</table>",
          );
          assert.match(
            section(standard, 'data-currency="EUR"', "</tr>"),
            /value="4.95"[\s\S]*value="60.00"/,
          );
          assert.ok(text(europe).includes("Germany"));
          const rest = section(html, 'data-zone="rest-of-world"', "</form>");
          assert.ok(
            text(rest).includes(en.admin.localization.shipping.restOfWorld),
          );
          // Weight-priced: a per-kg price.
          assert.match(
            section(rest, 'data-method="economy"', "</table>"),
            /perKgAmount"[^>]*value="4.00"/,
          );

          const taxes = section(html, 'data-testid="tax-rates"', "</section>");
          assert.match(
            section(taxes, 'data-tax="DE"', "</tr>"),
            /data-rate="0.19"[\s\S]*value="19"/,
          );
          assert.match(
            section(taxes, 'data-tax="FI"', "</tr>"),
            /value="25.5"/,
          );
          // 25 a page, on the server.
          assert.equal(taxes.match(/<tr data-tax=/g)?.length, 25);
          assert.match(
            taxes,
            /data-testid="taxes-pages-next"[^>]*taxPage=2|taxPage=2[^>]*data-testid="taxes-pages-next"/,
          );
          const second = await page(store, `${shipping}?taxPage=2`, {
            token: admin.token,
          });
          const secondTaxes = section(
            second.html,
            'data-testid="tax-rates"',
            "</section>",
          );
          assert.doesNotMatch(secondTaxes, /data-tax="AT"/);
          assert.match(secondTaxes, /<tr data-tax=/);
        },
      );

      await t.step(
        "a tax rate put through the API shows on the next load, filtered by country",
        async () => {
          const put = await call(
            store,
            admin.token,
            "PUT",
            `${API}/tax-rates/US/CA`,
            {
              rate: "0.0725",
              name: "sales_tax",
              inclusive: false,
              appliesToShipping: false,
            },
          );
          assert.ok([200, 201].includes(put.status), JSON.stringify(put.json));
          const { html } = await page(store, `${shipping}?country=us`, {
            token: admin.token,
          });
          const taxes = section(html, 'data-testid="tax-rates"', "</section>");
          const row = section(taxes, 'data-tax="US-CA"', "</tr>");
          assert.match(row, /value="7.25"/);
          assert.match(row, /<option value="sales_tax" selected/);
          assert.ok(!taxes.includes('data-tax="DE"'));
          // Filtered: a link back to every country.
          assert.ok(text(taxes).includes(en.admin.localization.taxes.clear));
          const none = await page(store, `${shipping}?country=AQ`, {
            token: admin.token,
          });
          assert.match(none.html, /data-testid="taxes-empty"/);
          assert.ok(
            text(none.html).includes(en.admin.localization.taxes.noMatch),
          );
        },
      );
    } finally {
      await store.close();
    }
  },
});
