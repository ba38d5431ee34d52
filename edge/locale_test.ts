import assert from "node:assert/strict";
import {
  countryFromHeaders,
  languageFromAcceptLanguage,
  languageOfPath,
  resolveLocale,
} from "./locale.ts";

const settings = {
  currencies: ["USD", "EUR", "GBP", "JPY", "CNY", "AED"],
  baseCurrency: "USD",
};
const GEO = ["cf-ipcountry", "x-vercel-ip-country", "x-country-code"];

Deno.test("countryFromHeaders() takes the first present header in order", () => {
  const headers = new Headers({
    "x-vercel-ip-country": "fr",
    "x-country-code": "DE",
  });
  assert.equal(countryFromHeaders(headers, GEO), "FR");
  assert.equal(countryFromHeaders(new Headers(), GEO), undefined);
});

Deno.test("countryFromHeaders() skips unknown and Tor country codes", () => {
  const headers = new Headers({
    "cf-ipcountry": "XX",
    "x-vercel-ip-country": "FR",
  });
  assert.equal(countryFromHeaders(headers, GEO), "FR");
  assert.equal(
    countryFromHeaders(new Headers({ "cf-ipcountry": "XX" }), GEO),
    undefined,
  );
  assert.equal(
    countryFromHeaders(new Headers({ "cf-ipcountry": "T1" }), GEO),
    undefined,
  );
  assert.equal(
    countryFromHeaders(new Headers({ "cf-ipcountry": "FRA" }), GEO),
    undefined,
  );
});

Deno.test("languageFromAcceptLanguage() honours q-values and primary subtags", () => {
  assert.equal(languageFromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.8"), "zh");
  assert.equal(languageFromAcceptLanguage("sv-SE, de;q=0.5, fr;q=0.7"), "fr");
  assert.equal(languageFromAcceptLanguage("ja;q=0, es;q=0.1"), "es");
  assert.equal(languageFromAcceptLanguage("sv, nb"), undefined);
  assert.equal(languageFromAcceptLanguage(undefined), undefined);
});

Deno.test("resolveLocale() lets the URL decide the language over everything", () => {
  const locale = resolveLocale({
    urlLanguage: "fr",
    cookieLanguage: "de",
    country: "JP",
    acceptLanguage: "es",
  }, settings);
  assert.equal(locale.language, "fr");
});

Deno.test("resolveLocale() orders cookie > geo > Accept-Language > en", () => {
  const base = { country: "JP", acceptLanguage: "es" };
  assert.equal(
    resolveLocale({ ...base, cookieLanguage: "de" }, settings).language,
    "de",
  );
  assert.equal(resolveLocale(base, settings).language, "ja");
  assert.equal(
    resolveLocale({ acceptLanguage: "es" }, settings).language,
    "es",
  );
  assert.equal(resolveLocale({ country: "SE" }, settings).language, "en");
  assert.equal(
    resolveLocale({ cookieLanguage: "xx" }, settings).language,
    "en",
  );
});

Deno.test("resolveLocale() orders currency cookie > geo > language > base", () => {
  assert.equal(
    resolveLocale({ cookieCurrency: "GBP", country: "JP" }, settings).currency,
    "GBP",
  );
  assert.equal(resolveLocale({ country: "JP" }, settings).currency, "JPY");
  // Sweden's krona is not sold: the language's currency decides.
  assert.equal(
    resolveLocale({ country: "SE", urlLanguage: "de" }, settings).currency,
    "EUR",
  );
  assert.equal(resolveLocale({ urlLanguage: "ar" }, settings).currency, "AED");
  assert.equal(
    resolveLocale({ urlLanguage: "ar" }, { ...settings, currencies: ["USD"] })
      .currency,
    "USD",
  );
  // A saved currency the store stopped selling is ignored.
  assert.equal(
    resolveLocale({ cookieCurrency: "CHF" }, settings).currency,
    "USD",
  );
});

Deno.test("resolveLocale() suggests the geo language only when it differs", () => {
  assert.equal(
    resolveLocale({ urlLanguage: "en", country: "DE" }, settings)
      .suggestedLanguage,
    "de",
  );
  assert.equal(
    resolveLocale({ urlLanguage: "de", country: "AT" }, settings)
      .suggestedLanguage,
    undefined,
  );
  assert.equal(
    resolveLocale(
      { urlLanguage: "en", country: "DE", geoDismissed: true },
      settings,
    )
      .suggestedLanguage,
    undefined,
  );
  // The shopper chose English: geo does not second-guess that.
  assert.equal(
    resolveLocale(
      { urlLanguage: "en", country: "DE", cookieLanguage: "en" },
      settings,
    )
      .suggestedLanguage,
    undefined,
  );
});

Deno.test("languageOfPath() reads only a valid leading language segment", () => {
  assert.equal(languageOfPath("/de/about"), "de");
  assert.equal(languageOfPath("/ja"), "ja");
  assert.equal(languageOfPath("/api/currencies"), undefined);
  assert.equal(languageOfPath("/"), undefined);
});
