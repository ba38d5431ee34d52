import type { Translate } from "../../edge/i18n.ts";
import {
  activeFilterCount,
  type ListingForm,
  type PriceProblem,
  SORTS,
} from "./listing_query.ts";

/** An attribute filter: its label and the values to tick. */
export interface FacetView {
  code: string;
  label: string;
  values: { value: string; label: string }[];
}

/** Props of {@link ListingFilters}. */
export interface ListingFiltersProps {
  t: Translate;
  form: ListingForm;
  /** The listing's own path: the form submits to it with GET. */
  action: string;
  facets: FacetView[];
  currency: { code: string; symbol: string; exponent: number };
  priceProblem?: PriceProblem;
}

/** The id of the filter form, for controls outside it (the sort select). */
export const LISTING_FORM_ID = "listing-filters";

const input =
  "w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

/**
 * The filters of a listing as a plain GET form (works without JavaScript):
 * price bounds in the shopper's currency, in stock only, attribute values.
 * On phones it folds behind a toggle (a CSS-only checkbox), on wide screens
 * it is the sidebar.
 */
export function ListingFilters(props: ListingFiltersProps) {
  const { t, form, currency } = props;
  const active = activeFilterCount(form);
  const step = currency.exponent === 0 ? "1" : (10 ** -currency.exponent)
    .toFixed(currency.exponent);
  return (
    <aside aria-labelledby="filters-title">
      <input
        type="checkbox"
        id="filters-toggle"
        // Open on phones when a price needs correcting, so the message shows.
        checked={Boolean(props.priceProblem)}
        class="peer sr-only"
        aria-controls={LISTING_FORM_ID}
      />
      <label
        for="filters-toggle"
        class="flex cursor-pointer items-center justify-between rounded-lg border border-gray-300 px-4 py-2 text-sm font-semibold lg:hidden peer-focus:ring-2 peer-focus:ring-indigo-500"
      >
        <span>
          {active
            ? t("catalog.filters.toggleActive", { count: active })
            : t("catalog.filters.toggle")}
        </span>
        <span aria-hidden="true">▾</span>
      </label>
      <form
        id={LISTING_FORM_ID}
        method="get"
        action={props.action}
        class="mt-3 hidden space-y-6 peer-checked:block lg:mt-0 lg:block"
      >
        <h2
          id="filters-title"
          class="sr-only lg:not-sr-only lg:text-sm lg:font-semibold lg:uppercase lg:tracking-wide lg:text-gray-500"
        >
          {t("catalog.filters.title")}
        </h2>
        {form.q && <input type="hidden" name="q" value={form.q} />}

        <fieldset>
          <legend class="text-sm font-semibold text-gray-900">
            {t("catalog.filters.price", { currency: currency.symbol })}
          </legend>
          <div class="mt-2 flex items-center gap-2">
            <label class="flex-1">
              <span class="sr-only">{t("catalog.filters.minPrice")}</span>
              <input
                type="number"
                name="min"
                min="0"
                step={step}
                inputMode="decimal"
                value={form.min}
                placeholder={t("catalog.filters.minPlaceholder")}
                aria-invalid={props.priceProblem ? "true" : undefined}
                aria-describedby={props.priceProblem
                  ? "price-problem"
                  : undefined}
                class={input}
              />
            </label>
            <span aria-hidden="true" class="text-gray-400">–</span>
            <label class="flex-1">
              <span class="sr-only">{t("catalog.filters.maxPrice")}</span>
              <input
                type="number"
                name="max"
                min="0"
                step={step}
                inputMode="decimal"
                value={form.max}
                placeholder={t("catalog.filters.maxPlaceholder")}
                aria-invalid={props.priceProblem ? "true" : undefined}
                class={input}
              />
            </label>
          </div>
          {props.priceProblem && (
            <p
              id="price-problem"
              role="alert"
              data-testid="price-problem"
              class="mt-2 text-sm text-rose-700"
            >
              {props.priceProblem === "range"
                ? t("catalog.filters.priceRange")
                : t("catalog.filters.priceInvalid", {
                  currency: currency.code,
                })}
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend class="text-sm font-semibold text-gray-900">
            {t("catalog.filters.availability")}
          </legend>
          <label class="mt-2 flex items-center gap-2 text-sm text-gray-700">
            <input
              type="checkbox"
              name="stock"
              value="1"
              checked={form.inStock}
              class="h-4 w-4 rounded border-gray-300"
            />
            {t("catalog.filters.inStock")}
          </label>
        </fieldset>

        {props.facets.map((facet) => (
          <fieldset key={facet.code} data-facet={facet.code}>
            <legend class="text-sm font-semibold text-gray-900">
              {facet.label}
            </legend>
            <ul class="mt-2 grid grid-cols-2 gap-x-3 gap-y-1.5 lg:grid-cols-1">
              {facet.values.map(({ value, label }) => (
                <li key={value}>
                  <label class="flex items-center gap-2 text-sm text-gray-700">
                    <input
                      type="checkbox"
                      name={facet.code}
                      value={value}
                      checked={form.attributes[facet.code]?.includes(value)}
                      class="h-4 w-4 rounded border-gray-300"
                    />
                    {label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}

        <div class="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            data-testid="apply-filters"
            class="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"
          >
            {t("catalog.filters.apply")}
          </button>
          {active > 0 && (
            <a
              href={props.action +
                (form.q ? `?q=${encodeURIComponent(form.q)}` : "")}
              class="text-sm text-indigo-700 hover:underline"
            >
              {t("catalog.filters.clear")}
            </a>
          )}
        </div>
      </form>
    </aside>
  );
}

/**
 * The result count and the sort select. The select belongs to the filter
 * form (by its `form` attribute), so the order and the filters travel
 * together; its button submits that form without JavaScript.
 */
export function ListingToolbar(
  { t, form, total, searching }: {
    t: Translate;
    form: ListingForm;
    total: number;
    /** Relevance means search rank, not "featured", when there is a query. */
    searching: boolean;
  },
) {
  return (
    <div class="flex flex-wrap items-center justify-between gap-3">
      <p data-testid="result-count" class="text-sm text-gray-600">
        {t("catalog.productCount", { count: total })}
      </p>
      <div class="flex min-w-0 items-center gap-2">
        <label class="flex min-w-0 items-center gap-2 text-sm text-gray-700">
          <span class="whitespace-nowrap">{t("catalog.sort.label")}</span>
          <select
            name="sort"
            form={LISTING_FORM_ID}
            data-testid="sort"
            class="min-w-0 rounded-md border border-gray-300 bg-white py-1.5 pl-2 pr-8 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 rtl:pl-8 rtl:pr-2"
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort} selected={sort === form.sort}>
                {sort === "relevance"
                  ? searching
                    ? t("catalog.sort.relevance")
                    : t("catalog.sort.featured")
                  : t(`catalog.sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          form={LISTING_FORM_ID}
          class="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50"
        >
          {t("catalog.sort.apply")}
        </button>
      </div>
    </div>
  );
}
