import {
  type CategoryNode,
  type ProductSummary,
  readCategories,
  readProducts,
} from "../../commerce/catalog/mod.ts";
import { describeCurrencies } from "../../commerce/localization/mod.ts";
import { ProductGrid } from "../../components/catalog/ProductGrid.tsx";
import { catalogRequest } from "../../edge/catalog_request.ts";
import type { Head, PageProps, RouteHandler } from "../../edge/define.ts";

// Category tiles cycle through these gradients.
const TINTS = [
  "from-amber-200 to-rose-300",
  "from-sky-200 to-indigo-300",
  "from-lime-200 to-emerald-300",
  "from-fuchsia-200 to-violet-300",
  "from-teal-200 to-cyan-300",
] as const;

const BENEFITS = ["shipping", "currency", "returns", "secure"] as const;

interface HomeData {
  categories: CategoryNode[];
  featured: ProductSummary[];
}

/** `GET /{lang}/`: the top-level categories and the featured products. */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { language, currency, deps } = catalogRequest(c, {});
    const [categories, featured] = await Promise.all([
      readCategories(deps, { language }),
      // Without a query, "relevance" lists featured products first.
      readProducts(deps, { language, currency, sort: "relevance", limit: 8 }),
    ]);
    return page.render(
      {
        categories: categories.value,
        featured: featured.value.items,
      } satisfies HomeData,
      // The page is a function of these reads (and the URL and locale).
      { cacheKey: categories.etag + featured.etag },
    );
  },
};

/** Title and description of the home page. */
export function head({ state }: PageProps): Head {
  return {
    title: state.t("meta.homeTitle", { store: state.storeName }),
    description: state.t("meta.homeDescription"),
  };
}

/** The home page: hero, categories, featured products and promises. */
export default function Home({ data, state }: PageProps<HomeData>) {
  const { t, locale } = state;
  const [currency] = describeCurrencies([locale.currency], locale.language);
  return (
    <>
      <section class="bg-gradient-to-br from-indigo-50 via-white to-pink-50">
        <div class="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <p class="text-sm font-semibold uppercase tracking-wider text-indigo-600">
            {t("home.eyebrow")}
          </p>
          <h1 class="[text-wrap:balance] [word-break:auto-phrase] mt-3 max-w-2xl text-4xl font-extrabold tracking-tight text-gray-900 sm:text-5xl">
            {t("home.heroTitle")}
          </h1>
          <p class="mt-5 max-w-xl text-lg text-gray-600">
            {t("home.heroBody")}
          </p>
          <div class="mt-8 flex flex-wrap items-center gap-4">
            <a
              href="#categories"
              class="rounded-lg bg-indigo-600 px-5 py-3 font-semibold text-white shadow hover:bg-indigo-700"
            >
              {t("home.heroCta")}
            </a>
            <p data-testid="prices-in" class="text-sm text-gray-600">
              {t("home.pricesIn", {
                currency: currency.name,
                symbol: currency.symbol,
              })}
            </p>
          </div>
        </div>
      </section>

      <section id="categories" class="mx-auto max-w-6xl px-4 py-14">
        <h2 class="text-2xl font-bold tracking-tight">
          {t("home.categoriesTitle")}
        </h2>
        <ul
          data-testid="categories"
          class="mt-6 grid grid-cols-[repeat(auto-fit,minmax(10rem,1fr))] gap-3 sm:gap-6"
        >
          {data.categories.map((category, i) => (
            <li
              key={category.id}
              class="group relative overflow-hidden rounded-xl border border-gray-200 shadow-sm hover:shadow-md"
            >
              <div
                class={`h-24 bg-gradient-to-br sm:h-32 ${
                  TINTS[i % TINTS.length]
                }`}
                aria-hidden="true"
              />
              <div class="p-4">
                <h3 class="font-semibold">
                  <a
                    href={`/${locale.language}/c/${category.slug}`}
                    class="after:absolute after:inset-0 group-hover:text-indigo-700"
                  >
                    {category.name}
                  </a>
                </h3>
                <p class="mt-1 text-sm text-gray-600">
                  {t("catalog.productCount", { count: category.productCount })}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      {data.featured.length > 0 && (
        <section class="mx-auto max-w-6xl px-4 pb-14">
          <h2 class="text-2xl font-bold tracking-tight">
            {t("home.featuredTitle")}
          </h2>
          <div class="mt-6">
            <ProductGrid
              products={data.featured}
              t={t}
              language={locale.language}
              wide
            />
          </div>
        </section>
      )}

      <section class="bg-gray-50">
        <div class="mx-auto max-w-6xl px-4 py-14">
          <h2 class="text-2xl font-bold tracking-tight">
            {t("home.benefitsTitle")}
          </h2>
          <dl class="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {BENEFITS.map((key) => (
              <div key={key} class="rounded-xl bg-white p-5 shadow-sm">
                <dt class="font-semibold">{t(`home.benefits.${key}.title`)}</dt>
                <dd class="mt-1 text-sm text-gray-600">
                  {t(`home.benefits.${key}.body`)}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
    </>
  );
}
