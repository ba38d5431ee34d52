/**
 * Translations: one i18next instance holding every locale file, and a
 * translator per language. Locale files are imported statically so they ship
 * inside the deployment (no file reads at request time).
 *
 * @module
 */
import i18next from "i18next";
import type { Language } from "../commerce/localization/mod.ts";
import { DEFAULT_LANGUAGE, LANGUAGES } from "../commerce/localization/mod.ts";
import ar from "../locales/ar.json" with { type: "json" };
import de from "../locales/de.json" with { type: "json" };
import en from "../locales/en.json" with { type: "json" };
import es from "../locales/es.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };
import ja from "../locales/ja.json" with { type: "json" };
import zh from "../locales/zh.json" with { type: "json" };

/**
 * The translation function pages and components receive: a key, and values
 * to interpolate (`{{name}}`; `count` selects the plural form).
 */
export type Translate = (
  key: string,
  values?: Record<string, string | number>,
) => string;

/** Every locale's messages, by language. */
export const MESSAGES: Readonly<Record<Language, Record<string, unknown>>> = {
  en,
  de,
  fr,
  es,
  ja,
  zh,
  ar,
};

const instance = i18next.createInstance();
await instance.init({
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  resources: Object.fromEntries(
    LANGUAGES.map((
      language,
    ) => [language, { translation: MESSAGES[language] }]),
  ),
  // Output is escaped by Preact when rendered; escaping here would double it.
  interpolation: { escapeValue: false },
  initAsync: false,
});

const translators = new Map<Language, Translate>(
  LANGUAGES.map((language) => [language, memoizedTranslator(language)]),
);

/**
 * i18next spends ~9 µs on each lookup and a page makes dozens; texts without
 * values never change, so they are looked up once per language. The keys are
 * literals in the code, so the cache stays small.
 */
function memoizedTranslator(language: Language): Translate {
  const t = instance.getFixedT(language);
  const plain = new Map<string, string>();
  return (key, values) => {
    if (values) return t(key, values);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key);
      plain.set(key, text);
    }
    return text;
  };
}

/** The translator for one language. */
export function translator(language: Language): Translate {
  return translators.get(language)!;
}
