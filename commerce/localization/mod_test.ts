import assert from "node:assert/strict";
import { isCurrencyCode } from "../pricing/mod.ts";
import {
  COUNTRY_CURRENCY,
  COUNTRY_LANGUAGE,
  countryName,
  currencyLabel,
  describeCurrencies,
  languageName,
  LANGUAGES,
  listLanguages,
  nativeLanguageName,
  textDirection,
} from "./mod.ts";

Deno.test("languageName() reads right inside a sentence; nativeLanguageName() stands alone", () => {
  assert.equal(languageName("ja", "fr"), "japonais");
  assert.equal(languageName("de", "en"), "German");
  assert.equal(nativeLanguageName("fr"), "Français");
  assert.equal(nativeLanguageName("es"), "Español");
  assert.equal(nativeLanguageName("zh"), "中文");
  assert.equal(nativeLanguageName("ar"), "العربية");
});

Deno.test("listLanguages() lists every language with its direction", () => {
  const languages = listLanguages("de");
  assert.deepEqual(languages.map((l) => l.code), [...LANGUAGES]);
  assert.equal(languages.find((l) => l.code === "en")?.name, "Englisch");
  assert.deepEqual(
    languages.filter((l) => l.dir === "rtl").map((l) => l.code),
    ["ar"],
  );
  assert.equal(textDirection("ar"), "rtl");
});

Deno.test("describeCurrencies() gives names, symbols and exponents per language", () => {
  const [jpy, kwd, eur] = describeCurrencies(["JPY", "KWD", "EUR"], "en");
  assert.deepEqual(jpy, {
    code: "JPY",
    name: "Japanese Yen",
    symbol: "¥",
    exponent: 0,
  });
  assert.equal(kwd.exponent, 3);
  assert.equal(eur.symbol, "€");
  const [jpyJa] = describeCurrencies(["JPY"], "ja");
  assert.equal(jpyJa.name, "日本円");
});

Deno.test("currencyLabel() does not repeat a symbol that is the code", () => {
  assert.equal(
    currencyLabel({ code: "EUR", name: "", symbol: "€", exponent: 2 }),
    "EUR · €",
  );
  assert.equal(
    currencyLabel({ code: "CHF", name: "", symbol: "CHF", exponent: 2 }),
    "CHF",
  );
});

Deno.test("country tables hold only valid codes and store languages", () => {
  for (const [country, currency] of Object.entries(COUNTRY_CURRENCY)) {
    assert.match(country, /^[A-Z]{2}$/);
    assert.ok(isCurrencyCode(currency), `${country}: ${currency}`);
    assert.notEqual(
      countryName(country, "en"),
      country,
      `${country} has a name`,
    );
  }
  for (const [country, language] of Object.entries(COUNTRY_LANGUAGE)) {
    assert.match(country, /^[A-Z]{2}$/);
    assert.ok((LANGUAGES as readonly string[]).includes(language), country);
  }
});
