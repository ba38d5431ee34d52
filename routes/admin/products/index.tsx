import { z } from "zod";
import {
  type AdminPage,
  type AdminProductRow,
  listAdminProducts,
} from "../../../commerce/catalog/mod.ts";
import { languageName, LANGUAGES } from "../../../commerce/localization/mod.ts";
import { formatMoney, parseMoney } from "../../../commerce/pricing/mod.ts";
import {
  EmptyNote,
  FILTER_FIELD,
  FilterActions,
  LinkButton,
  PageTitle,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../../components/admin/ui.tsx";
import { staffActor } from "../../../edge/admin.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import {
  adminHref,
  type AdminPageData,
  adminShell,
  adminTitled,
} from "../_shell.ts";

const PAGE_SIZE = 25;
const STATUSES = ["draft", "active", "archived"] as const;

/** The list's query: anything unreadable is dropped rather than refused. */
const ProductListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  missing: z.enum(LANGUAGES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
type ProductListQuery = z.infer<typeof ProductListQuery>;

interface ProductListData {
  query: ProductListQuery;
  list: AdminPage<AdminProductRow>;
  baseCurrency: string;
}

/**
 * `GET /admin/products`: products of every status, most recently changed
 * first, 25 a page (page numbers, on the server), searched by name, SKU or
 * key, filtered by status or a language missing its copy; each with its
 * completeness per language.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    staffActor(c, "catalog:read");
    const query = ProductListQuery.parse(c.req.query());
    const { db, config } = c.var;
    const list = await listAdminProducts(
      {
        sql: db.sql,
        currencies: config.CURRENCIES,
        baseCurrency: config.BASE_CURRENCY,
      },
      {
        q: query.q || undefined,
        status: query.status,
        missingLanguage: query.missing,
        page: query.page,
        limit: PAGE_SIZE,
      },
    );
    return page.render(
      {
        shell: await adminShell(c),
        query,
        list,
        baseCurrency: config.BASE_CURRENCY,
      } satisfies AdminPageData<ProductListData>,
    );
  },
};

/** "Products · Dashboard · <store>". */
export const head = adminTitled("admin.products.title");

/** The product list with its filters. */
export default function ProductList(
  { data, state }: PageProps<AdminPageData<ProductListData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { query, list } = data;
  const pages = Math.max(1, Math.ceil(list.total / list.limit));
  const href = (page: number) =>
    adminHref("/admin/products", {
      q: query.q,
      status: query.status,
      missing: query.missing,
      page: page > 1 ? page : undefined,
    });
  const filtered = Boolean(query.q || query.status || query.missing);
  return (
    <div class="mx-auto max-w-7xl">
      <PageTitle title={t("admin.products.title")}>
        <p class="text-sm text-gray-500" data-testid="products-total">
          {t("admin.products.count", { count: list.total })}
        </p>
      </PageTitle>
      <form
        method="get"
        action="/admin/products"
        role="search"
        class="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm"
      >
        <label class="flex min-w-[12rem] flex-1 flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.products.search")}
          <input
            type="search"
            name="q"
            value={query.q ?? ""}
            placeholder={t("admin.products.searchHint")}
            class={FILTER_FIELD}
          />
        </label>
        <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.products.status")}
          <select name="status" class={FILTER_FIELD}>
            <option value="">{t("admin.products.allStatuses")}</option>
            {STATUSES.map((status) => (
              <option
                key={status}
                value={status}
                selected={query.status === status}
              >
                {t(`admin.products.statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm font-medium text-gray-700">
          {t("admin.products.missing")}
          <select name="missing" class={FILTER_FIELD}>
            <option value="">{t("admin.products.anyLanguage")}</option>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} selected={query.missing === code}>
                {languageName(code, language)}
              </option>
            ))}
          </select>
        </label>
        <FilterActions
          submit={t("admin.orders.filter")}
          clear={t("admin.orders.clear")}
          clearHref="/admin/products"
          filtered={filtered}
        />
      </form>

      {list.items.length === 0
        ? <EmptyNote>{t("admin.products.noMatch")}</EmptyNote>
        : (
          <TableFrame>
            <thead class="bg-gray-50">
              <tr>
                <th scope="col" class={TH}>{t("admin.product.name")}</th>
                <th scope="col" class={TH}>{t("admin.products.status")}</th>
                <th scope="col" class={TH_END}>
                  {t("admin.product.basePrice")}
                </th>
                <th scope="col" class={`${TH_END} hidden md:table-cell`}>
                  {t("admin.products.stock")}
                </th>
                <th scope="col" class={TH}>
                  {t("admin.products.translations")}
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-100" data-testid="product-rows">
              {list.items.map((product) => (
                <tr
                  key={product.id}
                  data-testid="product-row"
                  data-product-id={product.id}
                  class="hover:bg-gray-50"
                >
                  <td class={TD}>
                    <div class="flex items-center gap-3">
                      {product.imageUrl
                        ? (
                          <img
                            src={product.imageUrl}
                            alt=""
                            width={40}
                            height={40}
                            loading="lazy"
                            class="h-10 w-10 shrink-0 rounded-md border border-gray-200 object-cover"
                          />
                        )
                        : (
                          <span class="h-10 w-10 shrink-0 rounded-md bg-gray-100" />
                        )}
                      <span class="min-w-0">
                        <a
                          href={`/admin/products/${product.id}`}
                          class="font-semibold text-indigo-700 hover:underline"
                        >
                          {product.name}
                        </a>
                        <span class="block text-xs text-gray-500">
                          {[product.brand, product.category.name].filter(
                            Boolean,
                          ).join(" · ")}
                        </span>
                      </span>
                    </div>
                  </td>
                  <td class={TD}>
                    <span
                      data-status={product.status}
                      class="inline-flex rounded-full bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-700 data-[status=active]:bg-emerald-50 data-[status=active]:text-emerald-700 data-[status=draft]:bg-amber-50 data-[status=draft]:text-amber-800"
                    >
                      {t(`admin.products.statuses.${product.status}`)}
                    </span>
                  </td>
                  <td class={`${TD} whitespace-nowrap text-end tabular-nums`}>
                    {formatMoney(
                      parseMoney(product.basePrice, data.baseCurrency),
                      language,
                    )}
                  </td>
                  <td
                    class={`${TD} hidden text-end tabular-nums md:table-cell`}
                  >
                    {product.stock.available}
                    {product.stock.lowVariants > 0 && (
                      <span class="block text-xs font-medium text-amber-700">
                        {t("admin.products.lowVariants", {
                          count: product.stock.lowVariants,
                        })}
                      </span>
                    )}
                  </td>
                  <td class={TD}>
                    <ul
                      class="flex flex-wrap gap-1"
                      aria-label={t("admin.products.translations")}
                    >
                      {LANGUAGES.map((code) => (
                        <li
                          key={code}
                          data-language={code}
                          data-complete={product.completeness[code]
                            ? "true"
                            : "false"}
                          title={t(
                            product.completeness[code]
                              ? "admin.products.complete"
                              : "admin.products.incomplete",
                            { language: languageName(code, language) },
                          )}
                          class="rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase data-[complete=true]:bg-emerald-50 data-[complete=true]:text-emerald-700 data-[complete=false]:bg-rose-50 data-[complete=false]:text-rose-700"
                        >
                          {code}
                          <span class="sr-only">
                            {" "}
                            {t(
                              product.completeness[code]
                                ? "admin.products.complete"
                                : "admin.products.incomplete",
                              { language: languageName(code, language) },
                            )}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        )}

      <nav
        aria-label={t("admin.pagination")}
        class="mt-4 flex flex-wrap items-center justify-between gap-3"
      >
        {query.page > 1
          ? (
            <LinkButton href={href(query.page - 1)} rel="prev">
              {t("admin.previous")}
            </LinkButton>
          )
          : <span />}
        <span class="text-sm text-gray-600">
          {t("admin.pageOf", { page: query.page, pages })}
        </span>
        {query.page < pages
          ? (
            <LinkButton href={href(query.page + 1)} rel="next">
              {t("admin.next")}
            </LinkButton>
          )
          : <span />}
      </nav>
    </div>
  );
}
