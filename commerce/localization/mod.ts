/**
 * Localization: the store's languages, currencies and country facts, as
 * presented to shoppers, and which of them admins enabled (the default
 * language among them). Request-level resolution (which language and
 * currency a request gets) lives in `edge/locale.ts` and builds on this.
 * The admin flows, which also reprice the catalog, are
 * `commerce/localization/admin/mod.ts`: a module of their own, since the
 * catalog imports this one.
 *
 * @module
 */
import { minorUnitExponent } from "../pricing/mod.ts";
import type { Language } from "./languages.ts";
import { LANGUAGES, textDirection } from "./languages.ts";

export { COUNTRY_CURRENCY, COUNTRY_LANGUAGE } from "./countries.ts";
export {
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_CURRENCY,
  LANGUAGES,
  textDirection,
} from "./languages.ts";
export type { Language } from "./languages.ts";

/** A language as the API and the picker show it. */
export interface LanguageInfo {
  code: Language;
  /** The language's name in its own language ("Deutsch"). */
  nativeName: string;
  /** The language's name in the language of the request. */
  name: string;
  dir: "ltr" | "rtl";
}

/** A currency as the API and the picker show it. */
export interface CurrencyInfo {
  code: string;
  /** The currency's name in the language of the request. */
  name: string;
  /** The symbol shoppers of that language see ("$", "€", "US$"). */
  symbol: string;
  /** Minor-unit digits (JPY 0, USD 2, KWD 3). */
  exponent: number;
}

// Building Intl objects costs far more than using them, and every page needs
// the same few names: results are memoized (the inputs are small fixed sets).
const memo = new Map<string, unknown>();

function memoize<T>(key: string, compute: () => T): T {
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

function displayNames(
  language: Language,
  type: Intl.DisplayNamesType,
): Intl.DisplayNames {
  return memoize(
    `names:${language}:${type}`,
    () => new Intl.DisplayNames([language], { type }),
  );
}

/**
 * Every store language, named in `displayLanguage` and in its own. The
 * result is shared between calls: treat it as read-only.
 */
export function listLanguages(
  displayLanguage: Language,
): readonly LanguageInfo[] {
  return memoize(
    `languages:${displayLanguage}`,
    () =>
      LANGUAGES.map((code) => ({
        code,
        nativeName: nativeLanguageName(code),
        name: displayNames(displayLanguage, "language").of(code) ?? code,
        dir: textDirection(code),
      })),
  );
}

/**
 * The name of `code` in `displayLanguage` as used inside a sentence
 * ("japonais" for ja in fr: French and Spanish do not capitalize it).
 */
export function languageName(
  code: Language,
  displayLanguage: Language,
): string {
  return memoize(
    `language:${displayLanguage}:${code}`,
    () => displayNames(displayLanguage, "language").of(code) ?? code,
  );
}

/**
 * A language's name in itself, capitalized to stand alone in a picker or on
 * a button ("Deutsch", "Français", "日本語").
 */
export function nativeLanguageName(code: Language): string {
  const name = languageName(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** How a picker labels a currency: "EUR · €", or just "CHF" when the
 * symbol is the code itself. */
export function currencyLabel(currency: CurrencyInfo): string {
  return currency.symbol === currency.code
    ? currency.code
    : `${currency.code} · ${currency.symbol}`;
}

/** The name of a country in `displayLanguage` ("Deutschland" for DE in de). */
export function countryName(
  country: string,
  displayLanguage: Language,
): string {
  return memoize(
    `country:${displayLanguage}:${country}`,
    () => displayNames(displayLanguage, "region").of(country) ?? country,
  );
}

/**
 * Describe currencies for shoppers reading `displayLanguage`. The result is
 * shared between calls: treat it as read-only.
 */
export function describeCurrencies(
  codes: readonly string[],
  displayLanguage: Language,
): readonly CurrencyInfo[] {
  return memoize(
    `currencies:${displayLanguage}:${codes.join(",")}`,
    () =>
      codes.map((code) => ({
        code,
        name: displayNames(displayLanguage, "currency").of(code) ?? code,
        symbol: currencySymbol(code, displayLanguage),
        exponent: minorUnitExponent(code),
      })),
  );
}

function currencySymbol(code: string, displayLanguage: Language): string {
  const parts = new Intl.NumberFormat(displayLanguage, {
    style: "currency",
    currency: code,
  }).formatToParts(0);
  return parts.find((part) => part.type === "currency")?.value ?? code;
}

export {
  type CurrencySetting,
  currencySettings,
  type LanguageSetting,
  languageSettings,
  seedLocalization,
  setCurrencyEnabled,
  setDefaultLanguage,
  setLanguageEnabled,
} from "./queries.ts";
export {
  LOCALIZATION_NAMESPACE,
  readStorefrontLocalization,
  type StorefrontLocalization,
  storefrontLocalization,
} from "./storefront.ts";
export {
  BaseCurrencyError,
  DefaultLanguageError,
  LanguageDisabledError,
  RatesUpdateFailedError,
} from "./errors.ts";
