/** Languages the store ships a locale file for, in picker order. */
export const LANGUAGES = ["en", "de", "fr", "es", "ja", "zh", "ar"] as const;

/** One of the store's languages. */
export type Language = typeof LANGUAGES[number];

/** The language used when nothing else decides. */
export const DEFAULT_LANGUAGE: Language = "en";

/** Languages written right to left. */
const RTL = new Set<Language>(["ar"]);

/**
 * The currency a shopper of each language most likely pays in, used when
 * neither a saved choice nor the geo country decides.
 */
export const LANGUAGE_CURRENCY: Readonly<Record<Language, string>> = {
  en: "USD",
  de: "EUR",
  fr: "EUR",
  es: "EUR",
  ja: "JPY",
  zh: "CNY",
  ar: "AED",
};

/** Whether `value` is one of the store's languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" &&
    (LANGUAGES as readonly string[]).includes(value);
}

/** The writing direction of a language, for `<html dir>`. */
export function textDirection(language: Language): "ltr" | "rtl" {
  return RTL.has(language) ? "rtl" : "ltr";
}
