import { z } from "zod";
import {
  type AdminPage,
  listShippingZones,
  listTaxRates,
  type ShippingZoneView,
  TAX_CODES,
  taxName,
  type TaxRateView,
} from "../../../commerce/checkout/mod.ts";
import { can, ISO_COUNTRY_CODES } from "../../../commerce/identity/mod.ts";
import {
  countryName,
  type Language,
} from "../../../commerce/localization/mod.ts";
import {
  taxesLabels,
  zonesLabels,
} from "../../../components/admin/localization_labels.ts";
import {
  Card,
  EmptyNote,
  FILTER_FIELD,
  FilterActions,
  LinkButton,
  PageTitle,
} from "../../../components/admin/ui.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import type { Translate } from "../../../edge/i18n.ts";
import AdminLocalizationTaxes from "../../../islands/AdminLocalizationTaxes.tsx";
import AdminLocalizationZones, {
  zoneMethods,
  type ZoneRow,
} from "../../../islands/AdminLocalizationZones.tsx";
import { currencyDigits } from "../../../islands/_admin_forms.ts";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";
import { TaxesReadOnly, ZonesReadOnly } from "./_read_only.tsx";
import { LocalizationTabs } from "./_tabs.tsx";

const ZONES_PER_PAGE = 10;
const TAXES_PER_PAGE = 25;

const PageNumber = z.coerce.number().int().min(1).max(10_000).optional()
  .catch(undefined);

/** The page's query: anything unreadable is dropped rather than refused. */
const ShippingQuery = z.object({
  zonePage: PageNumber,
  taxPage: PageNumber,
  country: z.string().trim().toUpperCase()
    .refine((code) => ISO_COUNTRY_CODES.has(code)).optional()
    .catch(undefined),
});
type ShippingQuery = z.infer<typeof ShippingQuery>;

interface ShippingData {
  query: ShippingQuery;
  zones: AdminPage<ShippingZoneView>;
  taxes: AdminPage<TaxRateView>;
  currencies: string[];
  canWrite: boolean;
}

/**
 * `GET /admin/localization/shipping`: the shipping zones with their
 * methods' prices per currency (10 zones a page) and the tax rates (25 a
 * page, optionally of one country), for any staff allowed `catalog:read`;
 * editable by staff allowed `localization:write`.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const actor = staffActor(c, "catalog:read");
    const query = ShippingQuery.parse(c.req.query());
    const { sql } = c.var.db;
    const [shell, zones, taxes] = await Promise.all([
      adminShell(c),
      listShippingZones(sql, {
        page: query.zonePage ?? 1,
        limit: ZONES_PER_PAGE,
      }),
      listTaxRates(sql, {
        country: query.country,
        page: query.taxPage ?? 1,
        limit: TAXES_PER_PAGE,
      }),
    ]);
    return page.render(
      {
        shell,
        query,
        zones,
        taxes,
        currencies: [...c.var.config.CURRENCIES],
        canWrite: can(actor.roles, "localization:write"),
      } satisfies AdminPageData<ShippingData>,
    );
  },
};

/** "Shipping & taxes · Dashboard · <store>". */
export const head = adminTitled("admin.localization.tabs.shipping");

/** Previous and next page links, and where the list stands. */
function Pager(
  { t, page, total, limit, href, testId }: {
    t: Translate;
    page: number;
    total: number;
    limit: number;
    href: (page: number) => string;
    testId: string;
  },
) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav
      aria-label={t("admin.pagination")}
      data-testid={testId}
      class="mt-4 flex flex-wrap items-center justify-between gap-3"
    >
      {page > 1
        ? (
          <LinkButton rel="prev" href={href(Math.min(page - 1, pages))}>
            {t("admin.previous")}
          </LinkButton>
        )
        : <span />}
      <span class="text-sm text-gray-500">
        {t("admin.pageOf", { page, pages })}
      </span>
      {page < pages
        ? (
          <LinkButton
            rel="next"
            testId={`${testId}-next`}
            href={href(page + 1)}
          >
            {t("admin.next")}
          </LinkButton>
        )
        : <span />}
    </nav>
  );
}

/** Every country, named in `language`, in its alphabetical order. */
function countries(language: Language) {
  const collator = new Intl.Collator(language);
  return [...ISO_COUNTRY_CODES]
    .map((code) => ({ code, name: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Shipping zones with their rates, and the tax rates. */
export default function ShippingPage(
  { data, state }: PageProps<AdminPageData<ShippingData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { query, zones, taxes } = data;
  const zoneRows: ZoneRow[] = zones.items.map((zone) => ({
    id: zone.id,
    key: zone.key,
    countryNames: zone.countries.map((code) =>
      code === "*" ? "*" : countryName(code, language)
    ),
    methods: zoneMethods(
      zone,
      (method) => method.name[language] ?? method.name.en ?? method.key,
    ),
  }));
  const taxRows = taxes.items.map((rate) => ({
    ...rate,
    countryName: countryName(rate.country, language),
  }));
  const allCountries = countries(language);
  const href = (
    params: Partial<Record<keyof ShippingQuery, string | number>>,
  ) =>
    adminHref("/admin/localization/shipping", {
      zonePage: query.zonePage,
      taxPage: query.taxPage,
      country: query.country,
      ...params,
    });
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.localization.title")} />
      <LocalizationTabs t={t} current="shipping" />
      {!data.canWrite && (
        <p
          data-testid="localization-read-only"
          class="mb-6 rounded-xl border border-gray-200 bg-white p-4 text-sm text-gray-600"
        >
          {t("admin.localization.readOnly")}
        </p>
      )}

      <section aria-labelledby="zones-title" data-testid="shipping-zones">
        <h2 id="zones-title" class="text-lg font-bold text-gray-900">
          {t("admin.localization.shipping.title")}
        </h2>
        <p class="mb-3 mt-1 text-sm text-gray-500">
          {t("admin.localization.shipping.note")}
        </p>
        {zoneRows.length === 0
          ? (
            <EmptyNote testId="zones-empty">
              {t("admin.localization.shipping.empty")}
            </EmptyNote>
          )
          : data.canWrite
          ? (
            <AdminLocalizationZones
              language={language}
              currencies={data.currencies.map((code) => ({
                code,
                digits: currencyDigits(code),
              }))}
              zones={zoneRows}
              labels={zonesLabels(t)}
            />
          )
          : <ZonesReadOnly t={t} language={language} zones={zoneRows} />}
        <Pager
          t={t}
          page={zones.page}
          total={zones.total}
          limit={zones.limit}
          testId="zones-pages"
          href={(page) => href({ zonePage: page })}
        />
      </section>

      <Card
        title={t("admin.localization.taxes.title")}
        testId="tax-rates"
        class="mt-8"
      >
        <p class="mt-1 text-sm text-gray-500">
          {t("admin.localization.taxes.note")}
        </p>
        <form
          method="get"
          action="/admin/localization/shipping"
          role="search"
          class="mt-3 flex flex-wrap items-end gap-3"
        >
          {query.zonePage && (
            <input type="hidden" name="zonePage" value={query.zonePage} />
          )}
          <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
            {t("admin.localization.taxes.filter")}
            <select
              name="country"
              class={FILTER_FIELD}
            >
              <option value="">
                {t("admin.localization.taxes.allCountries")}
              </option>
              {allCountries.map((country) => (
                <option
                  key={country.code}
                  value={country.code}
                  selected={country.code === query.country}
                >
                  {country.name}
                </option>
              ))}
            </select>
          </label>
          <FilterActions
            submit={t("admin.localization.taxes.apply")}
            clear={t("admin.localization.taxes.clear")}
            clearHref={adminHref("/admin/localization/shipping", {
              zonePage: query.zonePage,
            })}
            filtered={Boolean(query.country)}
          />
        </form>
        {taxRows.length === 0 && (
          <p
            data-testid="taxes-empty"
            class="mt-4 rounded-md border border-gray-200 bg-gray-50 p-4 text-center text-sm text-gray-500"
          >
            {query.country
              ? t("admin.localization.taxes.noMatch")
              : t("admin.localization.taxes.empty")}
          </p>
        )}
        <div class="mt-4">
          {data.canWrite
            ? (
              <AdminLocalizationTaxes
                rows={taxRows}
                taxNames={TAX_CODES.map((code) => ({
                  code,
                  label: taxName(code, language),
                }))}
                countries={allCountries}
                labels={taxesLabels(t)}
              />
            )
            : taxRows.length > 0 && (
              <TaxesReadOnly
                t={t}
                language={language}
                rows={taxRows}
                nameOf={(code) => taxName(code, language)}
              />
            )}
        </div>
        <Pager
          t={t}
          page={taxes.page}
          total={taxes.total}
          limit={taxes.limit}
          testId="taxes-pages"
          href={(page) => href({ taxPage: page })}
        />
      </Card>
    </div>
  );
}
