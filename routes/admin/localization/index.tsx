import { can } from "../../../commerce/identity/mod.ts";
import {
  adminCurrencies,
  adminLanguages,
  adminRates,
  type CurrencyAdminView,
  type LanguageAdminView,
} from "../../../commerce/localization/admin/mod.ts";
import { MAX_OVERRIDE_DAYS } from "../../../commerce/pricing/mod.ts";
import {
  ratesLabels,
  rateSourceNames,
  settingsLabels,
  STALE_RATE_DAYS,
} from "../../../components/admin/localization_labels.ts";
import { PageTitle } from "../../../components/admin/ui.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import AdminLocalizationRates, {
  type RateRow,
} from "../../../islands/AdminLocalizationRates.tsx";
import AdminLocalizationSettings from "../../../islands/AdminLocalizationSettings.tsx";
import { type AdminPageData, adminShell, adminTitled } from "../_shell.ts";
import { RatesReadOnly, SettingsReadOnly } from "./_read_only.tsx";
import { LocalizationTabs } from "./_tabs.tsx";

// Languages and sold currencies are fixed by the code and the
// configuration (a handful each): one page holds them all.
const ALL = { page: 1, limit: 200 };

interface LocalizationData {
  base: string;
  /** The configured rate feed (`RATES_SOURCE`). */
  feed: string;
  languages: LanguageAdminView[];
  currencies: CurrencyAdminView[];
  rates: RateRow[];
  canWrite: boolean;
}

/**
 * `GET /admin/localization`: the store's languages (enabled, default),
 * currencies (enabled, rounding rule) and exchange rates (rate, source,
 * age with a stale flag, override with its expiry), for any staff allowed
 * `catalog:read`; editable by staff allowed `localization:write`.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const actor = staffActor(c, "catalog:read");
    const { db, config, locale } = c.var;
    const deps = {
      sql: db.sql,
      currencies: config.CURRENCIES,
      baseCurrency: config.BASE_CURRENCY,
    };
    const displayLanguage = locale.language;
    const [shell, languages, currencies, rates] = await Promise.all([
      adminShell(c),
      adminLanguages(deps, { ...ALL, displayLanguage }),
      adminCurrencies(deps, { ...ALL, displayLanguage }),
      adminRates(deps, ALL),
    ]);
    const names = new Map(currencies.items.map((cur) => [cur.code, cur.name]));
    return page.render(
      {
        shell,
        base: config.BASE_CURRENCY,
        feed: config.RATES_SOURCE,
        languages: languages.items,
        currencies: currencies.items,
        rates: rates.items.map((rate) => ({
          ...rate,
          name: names.get(rate.currency) ?? rate.currency,
          override: rate.override && {
            rate: rate.override.rate,
            expiresAt: rate.override.expiresAt,
            setAt: rate.override.setAt,
          },
        })),
        canWrite: can(actor.roles, "localization:write"),
      } satisfies AdminPageData<LocalizationData>,
    );
  },
};

/** "Localization · Dashboard · <store>". */
export const head = adminTitled("admin.localization.title");

/** Languages, currencies and exchange rates. */
export default function LocalizationPage(
  { data, state }: PageProps<AdminPageData<LocalizationData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const staleSeconds = STALE_RATE_DAYS * 86_400;
  const languages = data.languages.map((l) => ({
    code: l.code,
    name: l.name,
    nativeName: l.nativeName,
    dir: l.dir,
    enabled: l.enabled,
    default: l.default,
  }));
  const currencies = data.currencies.map((cur) => ({
    code: cur.code,
    name: cur.name,
    symbol: cur.symbol,
    exponent: cur.exponent,
    base: cur.base,
    enabled: cur.enabled,
    rounding: cur.rounding,
  }));
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.localization.title")} />
      <LocalizationTabs t={t} current="general" />
      {!data.canWrite && (
        <p
          data-testid="localization-read-only"
          class="mb-6 rounded-xl border border-gray-200 bg-white p-4 text-sm text-gray-600"
        >
          {t("admin.localization.readOnly")}
        </p>
      )}
      <div class="grid gap-6 2xl:grid-cols-2 2xl:items-start">
        <div class="min-w-0">
          {data.canWrite
            ? (
              <AdminLocalizationSettings
                language={language}
                languages={languages}
                currencies={currencies}
                labels={settingsLabels(t, data.base)}
              />
            )
            : (
              <SettingsReadOnly
                t={t}
                language={language}
                languages={languages}
                currencies={currencies}
              />
            )}
        </div>
        <div class="min-w-0">
          {data.canWrite
            ? (
              <AdminLocalizationRates
                language={language}
                base={data.base}
                feedLabel={rateSourceNames(t)[data.feed] ?? data.feed}
                staleSeconds={staleSeconds}
                maxOverrideDays={MAX_OVERRIDE_DAYS}
                rows={data.rates}
                labels={ratesLabels(t, data.base)}
              />
            )
            : (
              <RatesReadOnly
                t={t}
                language={language}
                base={data.base}
                rows={data.rates}
                staleSeconds={staleSeconds}
              />
            )}
        </div>
      </div>
    </div>
  );
}
