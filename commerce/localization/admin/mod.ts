/**
 * Localization admin: the back office's flows over languages, currencies,
 * rounding rules and exchange rates. Each write is audited in its own
 * transaction and followed by what keeps shoppers' views in step (a
 * reprice of the catalog, cache version bumps).
 *
 * A module of its own on top of localization, pricing, catalog and admin:
 * the catalog imports `commerce/localization/mod.ts`, so these flows,
 * which import the catalog, cannot live behind that file. Routes import
 * this one.
 *
 * @module
 */
export {
  adminLanguages,
  changeDefaultLanguage,
  type LanguageAdminList,
  type LanguageAdminView,
  updateLanguage,
} from "./languages.ts";
export {
  adminCurrencies,
  type CurrencyAdminView,
  type CurrencyPatch,
  type RoundingView,
  updateCurrency,
} from "./currencies.ts";
export {
  adminRates,
  clearRateOverride,
  expireRateOverrides,
  type OverrideView,
  type RateAdminList,
  type RateAdminView,
  type RateFigure,
  type RatesUpdateView,
  rateViews,
  setRateOverride,
  updateRatesNow,
} from "./rates.ts";
export {
  type ListPage,
  type LocalizationAdminDeps,
  pageOf,
  type PageRequest,
} from "./_util.ts";
