import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import {
  isLanguage,
  readStorefrontLocalization,
} from "../../commerce/localization/mod.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { translator } from "../i18n.ts";
import {
  countryFromHeaders,
  CURRENCY_COOKIE,
  GEO_DISMISSED_COOKIE,
  LANGUAGE_COOKIE,
  languageOfPath,
  type Locale,
  type LocaleSignals,
  resolveLocale,
} from "../locale.ts";

/**
 * Resolve the locale of the current request, with `overrides` replacing what
 * the request says (e.g. the cookies a response is about to set).
 */
export function requestLocale(
  c: AppContext,
  overrides: Partial<LocaleSignals> = {},
): Locale {
  const { config, offered } = c.var;
  // API clients may name the language and currency in the query string; the
  // routes validate them (an unknown one is a 400 there).
  const api = c.req.path.startsWith("/api/");
  const queryLanguage = api ? c.req.query("lang") : undefined;
  const queryCurrency = api
    ? c.req.query("currency")?.toUpperCase()
    : undefined;
  return resolveLocale({
    urlLanguage: languageOfPath(c.req.path) ??
      (isLanguage(queryLanguage) ? queryLanguage : undefined),
    cookieLanguage: getCookie(c, LANGUAGE_COOKIE),
    cookieCurrency: queryCurrency || getCookie(c, CURRENCY_COOKIE),
    country: countryFromHeaders(c.req.raw.headers, config.GEO_HEADERS),
    acceptLanguage: c.req.header("accept-language"),
    geoDismissed: getCookie(c, GEO_DISMISSED_COOKIE) === "1",
    ...overrides,
  }, {
    currencies: offered.currencies,
    baseCurrency: config.BASE_CURRENCY,
    languages: offered.languages,
    defaultLanguage: offered.defaultLanguage,
  });
}

/**
 * Resolve the request's language and currency (see `edge/locale.ts`) among
 * those admins enabled, and put them, with the matching translator and
 * what is offered, on the context. The settings come through the read
 * cache (in-process when warm); an admin change is seen on the next
 * request.
 */
export function localeResolver(): MiddlewareHandler<AppEnv> {
  return async function localeMiddleware(c, next) {
    const { config, db, reads, logger } = c.var;
    c.set(
      "offered",
      await readStorefrontLocalization({ sql: db.sql, reads, logger }, {
        currencies: config.CURRENCIES,
        baseCurrency: config.BASE_CURRENCY,
      }),
    );
    const locale = requestLocale(c);
    c.set("locale", locale);
    c.set("t", translator(locale.language));
    await next();
  };
}

/**
 * The request headers a localized response depends on, for `Vary`: the
 * cookies holding saved choices, `Accept-Language` and the geo headers.
 */
export function localeVary(geoHeaders: readonly string[]): string {
  return ["Cookie", "Accept-Language", ...geoHeaders].join(", ");
}
