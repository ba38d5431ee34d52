/**
 * The localization settings as staff without `localization:write` see
 * them: the same figures as the editors, as plain server-rendered tables
 * (no island, no script).
 *
 * @module
 */
import type { TaxRateView } from "../../../commerce/checkout/mod.ts";
import { formatMoney, parseMoney } from "../../../commerce/pricing/mod.ts";
import { rateSourceNames } from "../../../components/admin/localization_labels.ts";
import {
  Card,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../../components/admin/ui.tsx";
import type { Translate } from "../../../edge/i18n.ts";
import {
  ageText,
  dateTimeText,
  isStale,
  type RateRow,
  rateText,
} from "../../../islands/AdminLocalizationRates.tsx";
import {
  decimalOf,
  formatAmount,
  type SettingsCurrency,
  type SettingsLanguage,
} from "../../../islands/AdminLocalizationSettings.tsx";
import { percentText } from "../../../islands/AdminLocalizationTaxes.tsx";
import type { ZoneRow } from "../../../islands/AdminLocalizationZones.tsx";

interface Common {
  t: Translate;
  language: string;
}

function Status({ t, on }: { t: Translate; on: boolean }) {
  return (
    <span
      data-on={String(on)}
      class="inline-flex rounded-full bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-600 data-[on=true]:bg-emerald-50 data-[on=true]:text-emerald-700"
    >
      {on ? t("admin.localization.on") : t("admin.localization.off")}
    </span>
  );
}

/**
 * A currency's rounding rule in words: "Steps of ¥10", "Ends in …,95";
 * "No rounding" without one.
 */
export function roundingSummary(
  t: Translate,
  currency: SettingsCurrency,
  language: string,
): string {
  const rule = currency.rounding;
  if (!rule) return t("admin.localization.currencies.none");
  const parts: string[] = [];
  if (rule.increment > 1) {
    parts.push(t("admin.localization.currencies.ruleStep", {
      step: formatAmount(
        decimalOf(BigInt(rule.increment), currency.exponent),
        currency.code,
        language,
      ),
    }));
  }
  if (rule.ending !== null) {
    const separator = new Intl.NumberFormat(language).formatToParts(1.5)
      .find((part) => part.type === "decimal")?.value ?? ".";
    const digits = decimalOf(BigInt(rule.ending), currency.exponent)
      .replace(/^0\./, ".").replace(".", separator);
    parts.push(
      t("admin.localization.currencies.ruleEnding", { ending: `…${digits}` }),
    );
  }
  return parts.join(" · ");
}

/** Languages and currencies, read-only. */
export function SettingsReadOnly(
  { t, language, languages, currencies }: Common & {
    languages: SettingsLanguage[];
    currencies: SettingsCurrency[];
  },
) {
  return (
    <div class="space-y-6">
      <Card title={t("admin.localization.languages.title")}>
        <TableFrame inCard>
          <thead>
            <tr>
              <th scope="col" class={TH}>
                {t("admin.localization.languages.language")}
              </th>
              <th scope="col" class={TH}>{t("admin.localization.enabled")}</th>
              <th scope="col" class={TH}>
                {t("admin.localization.languages.default")}
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-gray-100" data-testid="language-rows">
            {languages.map((l) => (
              <tr
                key={l.code}
                data-language={l.code}
                data-enabled={String(l.enabled)}
                data-default={String(l.default)}
              >
                <th scope="row" class={`${TD} text-start font-medium`}>
                  {l.name}
                  <span class="block text-xs font-normal text-gray-500">
                    <span lang={l.code} dir={l.dir}>{l.nativeName}</span>
                    {" · "}
                    <code>{l.code}</code>
                  </span>
                </th>
                <td class={TD}>
                  <Status t={t} on={l.enabled} />
                </td>
                <td class={TD}>
                  {l.default ? t("admin.localization.languages.default") : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      </Card>
      <Card title={t("admin.localization.currencies.title")}>
        <TableFrame inCard>
          <thead>
            <tr>
              <th scope="col" class={TH}>
                {t("admin.localization.currencies.currency")}
              </th>
              <th scope="col" class={TH}>{t("admin.localization.enabled")}</th>
              <th scope="col" class={TH}>
                {t("admin.localization.currencies.rounding")}
              </th>
            </tr>
          </thead>
          <tbody class="divide-y divide-gray-100" data-testid="currency-rows">
            {currencies.map((c) => (
              <tr
                key={c.code}
                data-currency={c.code}
                data-enabled={String(c.enabled)}
              >
                <th scope="row" class={`${TD} text-start font-medium`}>
                  {c.code}
                  <span class="block text-xs font-normal text-gray-500">
                    {c.name}
                  </span>
                  {c.base && (
                    <span class="mt-1 inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-semibold text-indigo-700">
                      {t("admin.localization.currencies.base")}
                    </span>
                  )}
                </th>
                <td class={TD}>
                  <Status t={t} on={c.enabled} />
                </td>
                <td class={TD}>{roundingSummary(t, c, language)}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      </Card>
    </div>
  );
}

/** The exchange-rate table, read-only. */
export function RatesReadOnly(
  { t, language, base, rows, staleSeconds }: Common & {
    base: string;
    rows: RateRow[];
    staleSeconds: number;
  },
) {
  const sources = rateSourceNames(t);
  const name = (source: string | null) =>
    source === null ? "" : sources[source] ?? source;
  return (
    <Card title={t("admin.localization.rates.title")} testId="rate-table">
      <p class="mt-1 text-xs text-gray-500">
        {t("admin.localization.rates.note", { base })}
      </p>
      {rows.some((row) => isStale(row, staleSeconds)) && (
        <p
          data-testid="rates-stale-note"
          class="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t("admin.localization.rates.staleNote")}
        </p>
      )}
      <TableFrame inCard>
        <thead>
          <tr>
            <th scope="col" class={TH}>
              {t("admin.localization.rates.currency")}
            </th>
            <th scope="col" class={TH_END}>
              {t("admin.localization.rates.rate")}
            </th>
            <th scope="col" class={TH}>
              {t("admin.localization.rates.source")}
            </th>
            <th scope="col" class={TH}>{t("admin.localization.rates.age")}</th>
            <th scope="col" class={TH}>
              {t("admin.localization.rates.override")}
            </th>
          </tr>
        </thead>
        {rows.map((row) => {
          const stale = isStale(row, staleSeconds);
          return (
            <tbody
              key={row.currency}
              class="border-t border-gray-100"
              data-currency={row.currency}
              data-source={row.source ?? ""}
              data-stale={String(stale)}
            >
              <tr>
                <th scope="row" class={`${TD} text-start font-medium`}>
                  {row.currency}
                  <span class="block text-xs font-normal text-gray-500">
                    {row.name}
                  </span>
                </th>
                <td
                  class={`${TD} whitespace-nowrap text-end tabular-nums`}
                  data-testid={`rate-${row.currency}`}
                >
                  {row.rate === null
                    ? t("admin.localization.rates.noRate")
                    : rateText(row.rate, language)}
                </td>
                <td class={TD} data-testid={`source-${row.currency}`}>
                  {name(row.source)}
                </td>
                <td class={TD} data-testid={`age-${row.currency}`}>
                  {row.ageSeconds !== null && (
                    <time dateTime={row.asOf ?? undefined}>
                      {ageText(row.ageSeconds, language)}
                    </time>
                  )}
                  {stale && (
                    <span class="ml-2 rtl:ml-0 rtl:mr-2 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">
                      {t("admin.localization.rates.stale")}
                    </span>
                  )}
                </td>
                <td class={TD} data-testid={`override-${row.currency}`}>
                  {row.override
                    ? (
                      <>
                        <span class="font-medium tabular-nums">
                          {rateText(row.override.rate, language)}
                        </span>
                        <span class="block text-xs text-gray-500">
                          <time dateTime={row.override.expiresAt}>
                            {t("admin.localization.rates.until", {
                              date: dateTimeText(
                                row.override.expiresAt,
                                language,
                              ),
                            })}
                          </time>
                        </span>
                      </>
                    )
                    : (
                      <span class="text-gray-500">
                        {t("admin.localization.rates.noOverride")}
                      </span>
                    )}
                </td>
              </tr>
            </tbody>
          );
        })}
      </TableFrame>
    </Card>
  );
}

/** Shipping zones with their prices, read-only. */
export function ZonesReadOnly(
  { t, language, zones }: Common & { zones: ZoneRow[] },
) {
  const money = (amount: string, currency: string) =>
    formatMoney(parseMoney(amount, currency), language);
  return (
    <div class="space-y-4" data-testid="zone-list">
      {zones.map((zone) => (
        <Card key={zone.id} class="min-w-0">
          <h3 class="text-base font-bold text-gray-900" data-zone={zone.key}>
            <code>{zone.key}</code>
          </h3>
          <p class="mt-1 text-xs text-gray-500">
            {t("admin.localization.shipping.countries", {
              list: zone.countryNames.map((name) =>
                name === "*"
                  ? t("admin.localization.shipping.restOfWorld")
                  : name
              ).join(", "),
            })}
          </p>
          {zone.methods.map((method) => (
            <div key={method.key} class="mt-4" data-method={method.key}>
              <h4 class="text-sm font-semibold text-gray-800">
                {method.label}
                <span class="ml-2 rtl:ml-0 rtl:mr-2 text-xs font-normal text-gray-500">
                  {t(`admin.localization.shipping.kinds.${method.kind}`)} ·{" "}
                  {t("admin.localization.shipping.days", {
                    min: method.minDays,
                    max: method.maxDays,
                  })}
                </span>
              </h4>
              <TableFrame inCard>
                <thead>
                  <tr>
                    <th scope="col" class={TH}>
                      {t("admin.localization.shipping.currency")}
                    </th>
                    <th scope="col" class={TH_END}>
                      {t("admin.localization.shipping.flat")}
                    </th>
                    {method.kind === "weight" && (
                      <th scope="col" class={TH_END}>
                        {t("admin.localization.shipping.perKg")}
                      </th>
                    )}
                    <th scope="col" class={TH_END}>
                      {t("admin.localization.shipping.freeOver")}
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-gray-100">
                  {method.prices.map((price) => (
                    <tr key={price.currency} data-currency={price.currency}>
                      <th scope="row" class={`${TD} text-start font-medium`}>
                        {price.currency}
                      </th>
                      <td class={`${TD} text-end tabular-nums`}>
                        {money(price.flatAmount, price.currency)}
                      </td>
                      {method.kind === "weight" && (
                        <td class={`${TD} text-end tabular-nums`}>
                          {money(price.perKgAmount, price.currency)}
                        </td>
                      )}
                      <td class={`${TD} text-end tabular-nums`}>
                        {price.freeOver
                          ? money(price.freeOver, price.currency)
                          : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableFrame>
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}

/** The tax rates table, read-only. */
export function TaxesReadOnly(
  { t, language, rows, nameOf }: Common & {
    rows: (TaxRateView & { countryName: string })[];
    nameOf: (code: string) => string;
  },
) {
  const yes = (on: boolean) =>
    on ? t("admin.localization.taxes.yes") : t("admin.localization.taxes.no");
  return (
    <TableFrame inCard>
      <thead>
        <tr>
          <th scope="col" class={TH}>
            {t("admin.localization.taxes.country")}
          </th>
          <th scope="col" class={TH_END}>
            {t("admin.localization.taxes.rate")}
          </th>
          <th scope="col" class={TH}>{t("admin.localization.taxes.name")}</th>
          <th scope="col" class={TH}>
            {t("admin.localization.taxes.inclusive")}
          </th>
          <th scope="col" class={TH}>
            {t("admin.localization.taxes.shipping")}
          </th>
        </tr>
      </thead>
      <tbody class="divide-y divide-gray-100" data-testid="tax-rows">
        {rows.map((row) => {
          const key = row.region ? `${row.country}-${row.region}` : row.country;
          return (
            <tr key={key} data-tax={key} data-rate={row.rate}>
              <th scope="row" class={`${TD} text-start font-medium`}>
                {row.countryName}
                <span class="block text-xs font-normal text-gray-500">
                  <code>{row.country}</code>
                  {" · "}
                  {row.region || t("admin.localization.taxes.wholeCountry")}
                </span>
              </th>
              <td class={`${TD} text-end tabular-nums`}>
                {percentText(row.rate, language)}
              </td>
              <td class={TD}>{nameOf(row.name)}</td>
              <td class={TD}>{yes(row.inclusive)}</td>
              <td class={TD}>{yes(row.appliesToShipping)}</td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
