import type { ProductList } from "../../commerce/catalog/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import type { Translate } from "../../edge/i18n.ts";
import {
  type FacetView,
  ListingFilters,
  ListingToolbar,
} from "./ListingFilters.tsx";
import {
  activeFilterCount,
  type ListingRequest,
  listingSearch,
} from "./listing_query.ts";
import { EmptyState, ProductGrid } from "./ProductGrid.tsx";

/** Props of {@link Listing}. */
export interface ListingProps {
  t: Translate;
  language: Language;
  /** The listing's path, without query. */
  path: string;
  request: ListingRequest;
  list: ProductList;
  facets: FacetView[];
  currency: { code: string; symbol: string; exponent: number };
  /** What to say when nothing matches and no filter is set. */
  empty: { title: string; body: string };
}

/**
 * A product listing: filters beside (or, on phones, above) the result count,
 * sort order, product grid and the link to the next page; an empty state
 * when nothing matches.
 */
export function Listing(props: ListingProps) {
  const { t, language, request, list, path } = props;
  const { form } = request;
  const filtered = activeFilterCount(form) > 0;
  return (
    <div class="mt-8 gap-8 lg:grid lg:grid-cols-[15rem_1fr]">
      <ListingFilters
        t={t}
        form={form}
        action={path}
        facets={props.facets}
        currency={props.currency}
        priceProblem={request.priceProblem}
      />
      <section aria-labelledby="results-title" class="mt-6 lg:mt-0">
        <h2 id="results-title" class="sr-only">{t("catalog.results")}</h2>
        <ListingToolbar
          t={t}
          form={form}
          total={list.total}
          searching={Boolean(form.q)}
        />
        <div class="mt-4">
          {list.items.length
            ? <ProductGrid products={list.items} t={t} language={language} />
            : filtered
            ? (
              <EmptyState
                title={t("catalog.emptyFiltered.title")}
                body={t("catalog.emptyFiltered.body")}
                action={{
                  label: t("catalog.filters.clear"),
                  href: path +
                    (form.q ? `?q=${encodeURIComponent(form.q)}` : ""),
                }}
              />
            )
            : <EmptyState {...props.empty} />}
        </div>
        {(list.nextCursor || form.cursor) && (
          <nav
            aria-label={t("catalog.pagination")}
            class="mt-8 flex items-center justify-between gap-4"
          >
            {form.cursor
              ? (
                <a
                  href={path + listingSearch({ ...form, cursor: undefined })}
                  class="text-sm text-indigo-700 hover:underline"
                >
                  {t("catalog.firstPage")}
                </a>
              )
              : <span />}
            {list.nextCursor && (
              <a
                href={path + listingSearch(form, list.nextCursor)}
                rel="next"
                data-testid="next-page"
                class="rounded-lg border border-gray-300 px-4 py-2 text-sm font-semibold text-gray-800 hover:bg-gray-50"
              >
                {t("catalog.nextPage")}
              </a>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
