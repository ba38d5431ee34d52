import { readCategories } from "../../../commerce/catalog/mod.ts";
import { describeCurrencies } from "../../../commerce/localization/mod.ts";
import { Breadcrumbs } from "../../../components/catalog/Breadcrumbs.tsx";
import {
  findCategory,
  type FoundCategory,
} from "../../../components/catalog/category_tree.ts";
import { facetsFor, facetViews } from "../../../components/catalog/facets.ts";
import {
  Listing,
  type ListingProps,
} from "../../../components/catalog/Listing.tsx";
import { parseListing } from "../../../components/catalog/listing_query.ts";
import { readListing } from "../../../components/catalog/read_listing.ts";
import { catalogRequest } from "../../../edge/catalog_request.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import { NotFound } from "../../../edge/errors.ts";

/** Products per listing page. */
const PAGE_SIZE = 24;

interface CategoryData extends Omit<ListingProps, "t" | "language" | "empty"> {
  category: FoundCategory;
}

/**
 * `GET /{lang}/c/{slug}`: a category's products, filtered and sorted by the
 * query string. A slug of another language redirects to this language's.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { language, currency, deps } = catalogRequest(c, {});
    const slug = c.req.param("slug") ?? "";
    const tree = await readCategories(deps, { language });
    const category = findCategory(tree.value, slug);
    if (!category) throw new NotFound(`No category '${slug}'`);
    const url = new URL(c.req.url);
    const path = `/${language}/c/${category.node.slug}`;
    if (category.node.slug !== slug) return c.redirect(path + url.search, 301);

    const facets = facetsFor(category.node.key);
    const request = parseListing(url.searchParams, { currency, facets });
    const list = await readListing(deps, {
      ...request.query,
      language,
      currency,
      category: category.node.id,
      limit: PAGE_SIZE,
    });
    const [info] = describeCurrencies([currency], language);
    return page.render(
      {
        category,
        path,
        request,
        list: list.value,
        facets: facetViews(c.var.t, facets, language),
        currency: info,
      } satisfies CategoryData,
      // The page is a function of these reads (and the URL and locale).
      { cacheKey: tree.etag + list.etag },
    );
  },
};

/** The category's title, its slug in every language and its canonical path. */
export function head({ data, state }: PageProps<CategoryData>): Head {
  const { node } = data.category;
  return {
    title: state.t("meta.categoryTitle", {
      category: node.name,
      store: state.storeName,
    }),
    description: state.t("meta.categoryDescription", {
      category: node.name,
      store: state.storeName,
    }),
    alternates: Object.fromEntries(
      Object.entries(node.slugs).map((
        [lang, slug],
      ) => [lang, `/${lang}/c/${slug}`]),
    ),
    canonical: data.path,
  };
}

/** A category: breadcrumbs, title, subcategories and its product listing. */
export default function CategoryPage(
  { data, state }: PageProps<CategoryData>,
) {
  const { t, locale } = state;
  const { node, path } = data.category;
  const home = `/${locale.language}/`;
  return (
    <div class="mx-auto max-w-6xl px-4 py-8">
      <Breadcrumbs
        label={t("catalog.breadcrumbs")}
        crumbs={[
          { label: t("nav.home"), href: home },
          ...path.map((step) => ({
            label: step.name,
            href: `/${locale.language}/c/${step.slug}`,
          })),
        ]}
      />
      <h1 class="[text-wrap:balance] [word-break:auto-phrase] mt-4 text-3xl font-extrabold tracking-tight text-gray-900 sm:text-4xl">
        {node.name}
      </h1>
      {node.children.length > 0 && (
        <nav aria-label={t("catalog.subcategories")} class="mt-5">
          <ul class="flex flex-wrap gap-2">
            {node.children.map((child) => (
              <li key={child.id}>
                <a
                  href={`/${locale.language}/c/${child.slug}`}
                  class="inline-flex items-center gap-2 rounded-full border border-gray-300 bg-white px-4 py-1.5 text-sm font-medium text-gray-800 hover:border-indigo-400 hover:text-indigo-700"
                >
                  {child.name}
                  <span class="text-xs text-gray-500">
                    {new Intl.NumberFormat(locale.language).format(
                      child.productCount,
                    )}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Listing
        {...data}
        t={t}
        language={locale.language}
        empty={{
          title: t("catalog.emptyCategory.title"),
          body: t("catalog.emptyCategory.body"),
        }}
      />
    </div>
  );
}
