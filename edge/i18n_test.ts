import assert from "node:assert/strict";
import { LANGUAGES } from "../commerce/localization/mod.ts";
import { MESSAGES, translator } from "./i18n.ts";

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof item === "string") out.set(path, item);
    else for (const [k, v] of flatten(item, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

const english = flatten(MESSAGES.en);

for (const language of LANGUAGES.filter((l) => l !== "en")) {
  Deno.test(`locales/${language}.json has every key of en.json and no other`, () => {
    const messages = flatten(MESSAGES[language]);
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    assert.deepEqual(
      missing,
      [],
      `missing in ${language}: ${missing.join(", ")}`,
    );
    assert.deepEqual(extra, [], `unknown in ${language}: ${extra.join(", ")}`);
  });

  Deno.test(`locales/${language}.json keeps the placeholders of en.json`, () => {
    const messages = flatten(MESSAGES[language]);
    for (const [key, text] of english) {
      const translated = messages.get(key);
      if (translated === undefined) continue;
      assert.ok(translated.trim() !== "", `${language}: ${key} is empty`);
      assert.deepEqual(
        placeholders(translated),
        placeholders(text),
        `${language}: ${key}`,
      );
    }
  });
}

Deno.test("translator() interpolates without HTML-escaping (Preact escapes)", () => {
  const t = translator("de");
  const text = t("footer.rights", { year: 2026, store: "A & B" });
  assert.ok(text.includes("2026") && text.includes("A & B"), text);
  assert.notEqual(t("nav.home"), translator("en")("nav.home"));
});
