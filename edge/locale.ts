/**
 * Which language and currency a request gets, decided at the edge.
 *
 * Language: locale prefix in the URL > saved cookie > geo country >
 * `Accept-Language` > default. Currency: saved cookie > the geo country's
 * currency when the store sells it > the language's usual currency > the base
 * currency. Geo only suggests: this module computes the suggestion, the page
 * shows it; only `/` redirects.
 *
 * @module
 */
import type { Language } from "../commerce/localization/mod.ts";
import {
  COUNTRY_CURRENCY,
  COUNTRY_LANGUAGE,
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_CURRENCY,
} from "../commerce/localization/mod.ts";

/** Cookie holding the shopper's saved language. */
export const LANGUAGE_COOKIE = "lang";
/** Cookie holding the shopper's saved currency. */
export const CURRENCY_COOKIE = "currency";
/** Cookie set when the shopper dismisses the geo suggestion banner. */
export const GEO_DISMISSED_COOKIE = "geo_dismissed";

/** What the edge knows about a request's locale. */
export interface Locale {
  /** The language the response is in. */
  language: Language;
  /** The currency prices are shown in. */
  currency: string;
  /** The country from the geo headers, when present and valid. */
  country?: string;
  /** The language the geo country suggests, when it differs from `language`. */
  suggestedLanguage?: Language;
}

/** The inputs of resolution, read from the request by the middleware. */
export interface LocaleSignals {
  /** The language prefix of the URL path, when the path has a valid one. */
  urlLanguage?: Language;
  cookieLanguage?: string;
  cookieCurrency?: string;
  country?: string;
  acceptLanguage?: string;
  /** The shopper dismissed the geo suggestion. */
  geoDismissed?: boolean;
}

/** What the store offers: the currencies it sells, and its languages. */
export interface LocaleSettings {
  currencies: readonly string[];
  baseCurrency: string;
  /**
   * The languages shoppers are offered (all when absent). Saved choices,
   * geo and `Accept-Language` pick among them; a URL prefix is checked by
   * the routes (a disabled one redirects).
   */
  languages?: readonly Language[];
  /** The language when nothing else decides ({@link DEFAULT_LANGUAGE}). */
  defaultLanguage?: Language;
}

/**
 * The country from the first geo header among `headerNames` holding a valid
 * two-letter code. Other values (Cloudflare's `XX` unknown and `T1` Tor
 * included) are skipped.
 */
export function countryFromHeaders(
  headers: Headers,
  headerNames: readonly string[],
): string | undefined {
  for (const name of headerNames) {
    const value = headers.get(name)?.trim().toUpperCase();
    if (!value) continue;
    if (/^[A-Z]{2}$/.test(value) && value !== "XX" && value !== "T1") {
      return value;
    }
    // An edge that does not know the country says so; a later one may know.
  }
  return undefined;
}

/**
 * The store language an `Accept-Language` header prefers most, matching on
 * the primary subtag (`zh-TW` is `zh`), honouring q-values and ignoring `q=0`;
 * among `offered` only, when given.
 */
export function languageFromAcceptLanguage(
  header: string | undefined,
  offered?: readonly Language[],
): Language | undefined {
  if (!header) return undefined;
  const ranges = header.split(",").map((part, index) => {
    const [tag, ...params] = part.trim().split(";");
    const q = params.map((param) => param.trim()).find((param) =>
      param.startsWith("q=")
    );
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return {
      language: tag.trim().toLowerCase().split("-")[0],
      quality: Number.isFinite(quality) ? quality : 0,
      index,
    };
  });
  ranges.sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.find((range) =>
    range.quality > 0 && isLanguage(range.language) &&
    (offered === undefined || offered.includes(range.language))
  )?.language as Language | undefined;
}

/**
 * The language a request is answered in, without the URL deciding: the
 * first of the saved choice, the geo country's and `Accept-Language`'s
 * that the store offers, else its default.
 */
export function preferredLanguage(
  signals: LocaleSignals,
  settings: Pick<LocaleSettings, "languages" | "defaultLanguage"> = {},
): Language {
  const offered = (code: string | undefined): code is Language =>
    isLanguage(code) &&
    (settings.languages === undefined || settings.languages.includes(code));
  const geo = signals.country ? COUNTRY_LANGUAGE[signals.country] : undefined;
  const accepted = languageFromAcceptLanguage(
    signals.acceptLanguage,
    settings.languages,
  );
  return [signals.cookieLanguage, geo, accepted].find(offered) ??
    settings.defaultLanguage ?? DEFAULT_LANGUAGE;
}

/** Resolve a request's language, currency and geo suggestion. */
export function resolveLocale(
  signals: LocaleSignals,
  settings: LocaleSettings,
): Locale {
  const language = signals.urlLanguage ?? preferredLanguage(signals, settings);
  const sells = (code: string | undefined): code is string =>
    code !== undefined && settings.currencies.includes(code);
  const cookieCurrency = signals.cookieCurrency?.toUpperCase();
  const geoCurrency = signals.country
    ? COUNTRY_CURRENCY[signals.country]
    : undefined;
  const languageCurrency = LANGUAGE_CURRENCY[language];
  const currency = sells(cookieCurrency)
    ? cookieCurrency
    : sells(geoCurrency)
    ? geoCurrency
    : sells(languageCurrency)
    ? languageCurrency
    : settings.baseCurrency;
  const geoLanguage = signals.country
    ? COUNTRY_LANGUAGE[signals.country]
    : undefined;
  return {
    language,
    currency,
    country: signals.country,
    // No suggestion once dismissed, nor against a language the shopper chose.
    suggestedLanguage: geoLanguage !== undefined && geoLanguage !== language &&
        !signals.geoDismissed && signals.cookieLanguage !== language &&
        (settings.languages?.includes(geoLanguage) ?? true)
      ? geoLanguage
      : undefined,
  };
}

/** The language prefix of a path (`/de/about` is `de`), if it is valid. */
export function languageOfPath(pathname: string): Language | undefined {
  const first = pathname.split("/")[1];
  return isLanguage(first) ? first : undefined;
}
