/**
 * The translated texts of the localization settings' islands (languages
 * and currencies, exchange rates, shipping zones, tax rates), built on the
 * server: islands get their words as props. Texts an island fills in per
 * row keep their `{{placeholders}}`.
 *
 * @module
 */
import type { Translate } from "../../edge/i18n.ts";
import type { AdminLocalizationRatesLabels } from "../../islands/AdminLocalizationRates.tsx";
import type { AdminLocalizationSettingsLabels } from "../../islands/AdminLocalizationSettings.tsx";
import type { AdminLocalizationTaxesLabels } from "../../islands/AdminLocalizationTaxes.tsx";
import type { AdminLocalizationZonesLabels } from "../../islands/AdminLocalizationZones.tsx";
import { apiErrors } from "./labels.ts";

/** The rate sources the tables name, by the API's `source`. */
export const RATE_SOURCES = [
  "ecb",
  "openexchangerates",
  "snapshot",
  "override",
] as const;

/** How many days a feed rate may age before it is flagged stale. */
export const STALE_RATE_DAYS = 2;

/** The API errors of the localization settings, by code (and the shared ones). */
export function localizationErrors(t: Translate): Record<string, string> {
  return {
    ...apiErrors(t),
    default_language: t("admin.localization.errors.defaultLanguage"),
    language_disabled: t("admin.localization.errors.languageDisabled"),
    base_currency: t("admin.localization.errors.baseCurrency"),
    invalid_rounding_rule: t("admin.localization.errors.rounding"),
    unknown_currency: t("admin.localization.errors.unknownCurrency"),
    invalid_rate: t("admin.localization.errors.rate"),
    invalid_rate_override: t("admin.localization.errors.override"),
    rates_update_failed: t("admin.localization.errors.ratesUpdate"),
    conflict: t("admin.localization.errors.zoneConflict"),
    invalid_tax_rate: t("admin.localization.errors.taxRate"),
  };
}

/** The rate sources' names in the admin's language. */
export function rateSourceNames(t: Translate): Record<string, string> {
  return Object.fromEntries(
    RATE_SOURCES.map((
      source,
    ) => [source, t(`admin.localization.rates.sources.${source}`)]),
  );
}

/** Texts of `AdminLocalizationSettings`; `base` is the base currency. */
export function settingsLabels(
  t: Translate,
  base: string,
): AdminLocalizationSettingsLabels {
  return {
    languagesTitle: t("admin.localization.languages.title"),
    languagesNote: t("admin.localization.languages.note"),
    language: t("admin.localization.languages.language"),
    enabled: t("admin.localization.enabled"),
    defaultLanguage: t("admin.localization.languages.default"),
    enableLanguage: t("admin.localization.languages.enable"),
    makeDefault: t("admin.localization.languages.makeDefault"),
    defaultLocked: t("admin.localization.languages.defaultLocked"),
    disabledNoDefault: t("admin.localization.languages.disabledNoDefault"),
    currenciesTitle: t("admin.localization.currencies.title"),
    currenciesNote: t("admin.localization.currencies.note", { base }),
    currency: t("admin.localization.currencies.currency"),
    enableCurrency: t("admin.localization.currencies.enable"),
    base: t("admin.localization.currencies.base"),
    baseLocked: t("admin.localization.currencies.baseLocked"),
    rounding: t("admin.localization.currencies.rounding"),
    step: t("admin.localization.currencies.step"),
    stepHint: t("admin.localization.currencies.stepHint"),
    ending: t("admin.localization.currencies.ending"),
    endingHint: t("admin.localization.currencies.endingHint"),
    example: t("admin.localization.currencies.example"),
    exampleValue: t("admin.localization.currencies.exampleValue"),
    saveRule: t("admin.localization.currencies.save"),
    on: t("admin.localization.on"),
    off: t("admin.localization.off"),
    working: t("admin.working"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    invalid: {
      step: t("admin.localization.invalid.step"),
      ending: t("admin.localization.invalid.ending"),
      form: t("admin.invalid.form"),
    },
    errors: localizationErrors(t),
  };
}

/** Texts of `AdminLocalizationRates`; rates are per 1 `base`. */
export function ratesLabels(
  t: Translate,
  base: string,
): AdminLocalizationRatesLabels {
  return {
    title: t("admin.localization.rates.title"),
    note: t("admin.localization.rates.note", { base }),
    currency: t("admin.localization.rates.currency"),
    rate: t("admin.localization.rates.rate"),
    source: t("admin.localization.rates.source"),
    age: t("admin.localization.rates.age"),
    override: t("admin.localization.rates.override"),
    actions: t("admin.localization.rates.actions"),
    feedValue: t("admin.localization.rates.feedValue"),
    noRate: t("admin.localization.rates.noRate"),
    noOverride: t("admin.localization.rates.noOverride"),
    until: t("admin.localization.rates.until"),
    stale: t("admin.localization.rates.stale"),
    staleNote: t("admin.localization.rates.staleNote"),
    sources: rateSourceNames(t),
    setOverride: t("admin.localization.rates.set"),
    changeOverride: t("admin.localization.rates.change"),
    clearOverride: t("admin.localization.rates.clear"),
    clearConfirm: t("admin.localization.rates.clearConfirm"),
    formTitle: t("admin.localization.rates.formTitle"),
    overrideRate: t("admin.localization.rates.overrideRate"),
    expiresAt: t("admin.localization.rates.expiresAt"),
    overrideHint: t("admin.localization.rates.overrideHint"),
    saveOverride: t("admin.localization.rates.save"),
    cancel: t("admin.localization.cancel"),
    update: t("admin.localization.rates.update"),
    updating: t("admin.localization.rates.updating"),
    updated: t("admin.localization.rates.updated"),
    unchanged: t("admin.localization.rates.unchanged"),
    repriced: t("admin.localization.rates.repriced"),
    lastKnown: t("admin.localization.rates.lastKnown"),
    noLastKnown: t("admin.localization.rates.noLastKnown"),
    working: t("admin.working"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    invalid: {
      required: t("admin.invalid.required"),
      rate: t("admin.localization.invalid.rate"),
      expiryPast: t("admin.localization.invalid.expiryPast"),
      expiryFar: t("admin.localization.invalid.expiryFar"),
      form: t("admin.invalid.form"),
    },
    errors: localizationErrors(t),
  };
}

/** Texts of `AdminLocalizationZones`. */
export function zonesLabels(t: Translate): AdminLocalizationZonesLabels {
  return {
    countries: t("admin.localization.shipping.countries"),
    restOfWorld: t("admin.localization.shipping.restOfWorld"),
    kinds: {
      flat: t("admin.localization.shipping.kinds.flat"),
      weight: t("admin.localization.shipping.kinds.weight"),
    },
    days: t("admin.localization.shipping.days"),
    currency: t("admin.localization.shipping.currency"),
    flat: t("admin.localization.shipping.flat"),
    perKg: t("admin.localization.shipping.perKg"),
    freeOver: t("admin.localization.shipping.freeOver"),
    freeOverHint: t("admin.localization.shipping.freeOverHint"),
    removePrice: t("admin.localization.shipping.removePrice"),
    remove: t("admin.localization.shipping.remove"),
    addCurrency: t("admin.localization.shipping.addCurrency"),
    saveZone: t("admin.localization.shipping.save"),
    working: t("admin.working"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    invalid: {
      required: t("admin.invalid.required"),
      amount: t("admin.invalid.amount"),
      form: t("admin.invalid.form"),
    },
    errors: localizationErrors(t),
  };
}

/** Texts of `AdminLocalizationTaxes`. */
export function taxesLabels(t: Translate): AdminLocalizationTaxesLabels {
  return {
    country: t("admin.localization.taxes.country"),
    region: t("admin.localization.taxes.region"),
    wholeCountry: t("admin.localization.taxes.wholeCountry"),
    rate: t("admin.localization.taxes.rate"),
    name: t("admin.localization.taxes.name"),
    inclusive: t("admin.localization.taxes.inclusive"),
    inclusiveHint: t("admin.localization.taxes.inclusiveHint"),
    shipping: t("admin.localization.taxes.shipping"),
    save: t("admin.localization.taxes.save"),
    remove: t("admin.localization.taxes.remove"),
    removeConfirm: t("admin.localization.taxes.removeConfirm"),
    addTitle: t("admin.localization.taxes.addTitle"),
    add: t("admin.localization.taxes.add"),
    chooseCountry: t("admin.localization.taxes.chooseCountry"),
    regionHint: t("admin.optional"),
    working: t("admin.working"),
    saved: t("admin.saved"),
    unsaved: t("admin.unsaved"),
    invalid: {
      required: t("admin.invalid.required"),
      percent: t("admin.localization.invalid.percent"),
      region: t("admin.localization.invalid.region"),
      form: t("admin.invalid.form"),
    },
    errors: localizationErrors(t),
  };
}
