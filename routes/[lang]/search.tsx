import { describeCurrencies } from "../../commerce/localization/mod.ts";
import {
  ALL_CATEGORIES,
  facetsFor,
  facetViews,
} from "../../components/catalog/facets.ts";
import {
  Listing,
  type ListingProps,
} from "../../components/catalog/Listing.tsx";
import { parseListing } from "../../components/catalog/listing_query.ts";
import { readListing } from "../../components/catalog/read_listing.ts";
import { SearchBox } from "../../components/SearchBox.tsx";
import { catalogRequest } from "../../edge/catalog_request.ts";
import type { Head, PageProps, RouteHandler } from "../../edge/define.ts";

const PAGE_SIZE = 24;

type SearchData = Omit<ListingProps, "t" | "language" | "empty">;

/**
 * `GET /{lang}/search?q=`: full-text search of the catalog in the page's
 * language, with the same filters and sort orders as a category.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { language, currency, deps } = catalogRequest(c, {});
    const facets = facetsFor(ALL_CATEGORIES);
    const request = parseListing(new URL(c.req.url).searchParams, {
      currency,
      facets,
    });
    // Search pages are not kept rendered: queries are too many to be worth it.
    const list = request.form.q
      ? (await readListing(deps, {
        ...request.query,
        language,
        currency,
        limit: PAGE_SIZE,
      })).value
      : { items: [], nextCursor: null, total: 0 };
    const [info] = describeCurrencies([currency], language);
    return page.render(
      {
        path: `/${language}/search`,
        request,
        list,
        facets: facetViews(c.var.t, facets, language),
        currency: info,
      } satisfies SearchData,
    );
  },
};

/** Search results are never indexed. */
export function head({ data, state }: PageProps<SearchData>): Head {
  const { q } = data.request.form;
  return {
    title: q
      ? state.t("meta.searchTitle", { query: q, store: state.storeName })
      : state.t("meta.searchEmptyTitle", { store: state.storeName }),
    noindex: true,
  };
}

/** The search page: the results as a listing, or a prompt without a query. */
export default function SearchPage({ data, state }: PageProps<SearchData>) {
  const { t, locale } = state;
  const { q } = data.request.form;
  return (
    <div class="mx-auto max-w-6xl px-4 py-8">
      <h1 class="[text-wrap:balance] [word-break:auto-phrase] text-3xl font-extrabold tracking-tight text-gray-900">
        {q ? t("search.titleFor", { query: q }) : t("search.title")}
      </h1>
      {q
        ? (
          <Listing
            {...data}
            t={t}
            language={locale.language}
            empty={{
              title: t("search.noResults.title", { query: q }),
              body: t("search.noResults.body"),
            }}
          />
        )
        : (
          // The header holds the search box; without a query, a big one.
          <div class="mt-4 max-w-xl">
            <SearchBox t={t} language={locale.language} size="lg" />
            <p class="mt-4 text-gray-600">{t("search.prompt")}</p>
          </div>
        )}
    </div>
  );
}
