import {
  type AdminProduct,
  getAdminProduct,
} from "../../../commerce/catalog/mod.ts";
import { can } from "../../../commerce/identity/mod.ts";
import {
  DEFAULT_LANGUAGE,
  type Language,
  languageName,
  LANGUAGES,
  textDirection,
} from "../../../commerce/localization/mod.ts";
import { ACCEPTED_TYPES, mediaFor } from "../../../commerce/media/mod.ts";
import { formatMoney, parseMoney } from "../../../commerce/pricing/mod.ts";
import { productEditorLabels } from "../../../components/admin/labels.ts";
import {
  productImagesLabels,
  variantStockLabels,
} from "../../../components/admin/product_media_labels.ts";
import {
  Card,
  TableFrame,
  TD,
  TH,
  TH_END,
} from "../../../components/admin/ui.tsx";
import { optionsText } from "../../../components/cart/options.ts";
import { attributeName } from "../../../components/catalog/labels.ts";
import { staffActor } from "../../../edge/admin.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import AdminProductEditor from "../../../islands/AdminProductEditor.tsx";
import AdminProductImages from "../../../islands/AdminProductImages.tsx";
import AdminVariantStock from "../../../islands/AdminVariantStock.tsx";
import { currencyDigits } from "../../../islands/_admin_forms.ts";
import { adminHead, type AdminPageData, adminShell } from "../_shell.ts";

interface ProductPageData {
  product: AdminProduct;
  canWrite: boolean;
  /** The largest image upload accepted, in bytes. */
  maxUploadBytes: number;
}

/**
 * `GET /admin/products/{id}`: a product's editor (copy per language, base
 * price, price per currency), its images (upload, order, alt text, remove)
 * and its variants with their stock (own price, threshold, adjustments,
 * movements, a new variant) for staff allowed `catalog:write`; read-only
 * otherwise.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const actor = staffActor(c, "catalog:read");
    const { db, config } = c.var;
    const product = await getAdminProduct(
      {
        sql: db.sql,
        currencies: config.CURRENCIES,
        baseCurrency: config.BASE_CURRENCY,
      },
      c.req.param("id") ?? "",
    );
    return page.render(
      {
        shell: await adminShell(c),
        product,
        canWrite: can(actor.roles, "catalog:write"),
        maxUploadBytes: mediaFor(config).maxBytes,
      } satisfies AdminPageData<ProductPageData>,
    );
  },
};

/** The product's name in `language`, else the default language's. */
function nameIn(product: AdminProduct, language: Language): string {
  return product.copy[language]?.name ?? product.copy[DEFAULT_LANGUAGE]?.name ??
    Object.values(product.copy)[0]?.name ?? "";
}

/** "<product> · Dashboard · <store>". */
export function head({ data, state }: PageProps<ProductPageData>): Head {
  return adminHead(state, nameIn(data.product, state.locale.language));
}

/** A product's page in the dashboard. */
export default function AdminProductPage(
  { data, state }: PageProps<AdminPageData<ProductPageData>>,
) {
  const { t, locale } = state;
  const { language } = locale;
  const { product } = data;
  const storeCopy = product.copy[language] ?? product.copy[DEFAULT_LANGUAGE];
  const storeLanguage = product.copy[language] ? language : DEFAULT_LANGUAGE;
  const money = (amount: string, currency: string) =>
    formatMoney(parseMoney(amount, currency), language);
  const altLanguages = LANGUAGES.map((code) => ({
    code,
    label: languageName(code, language),
    dir: textDirection(code),
  }));
  // The options the variants have (`color`, `size`), for a new variant.
  const optionCodes = [
    ...new Set(product.variants.flatMap((v) => Object.keys(v.options))),
  ];
  return (
    <div class="mx-auto max-w-7xl">
      <a
        href="/admin/products"
        class="text-sm font-medium text-indigo-700 hover:underline"
      >
        {t("admin.products.back")}
      </a>
      <div class="mb-6 mt-2 flex flex-wrap items-center gap-3">
        <h1
          data-testid="admin-product-name"
          class="text-2xl font-extrabold tracking-tight text-gray-900"
        >
          {nameIn(product, language)}
        </h1>
        <span
          data-status={product.status}
          class="inline-flex rounded-full bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-700 data-[status=active]:bg-emerald-50 data-[status=active]:text-emerald-700 data-[status=draft]:bg-amber-50 data-[status=draft]:text-amber-800"
        >
          {t(`admin.products.statuses.${product.status}`)}
        </span>
        {storeCopy && product.status === "active" && (
          <a
            href={`/${storeLanguage}/p/${storeCopy.slug}`}
            class="ml-auto text-sm font-medium text-indigo-700 hover:underline rtl:ml-0 rtl:mr-auto"
          >
            {t("admin.products.viewInStore")}
          </a>
        )}
      </div>

      <div class="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem] xl:items-start">
        <div class="min-w-0">
          {data.canWrite
            ? (
              <AdminProductEditor
                productId={product.id}
                language={language}
                defaultLanguage={DEFAULT_LANGUAGE}
                baseCurrency={product.baseCurrency}
                baseDigits={currencyDigits(product.baseCurrency)}
                basePrice={product.basePrice}
                languages={LANGUAGES.map((code) => ({
                  code,
                  label: languageName(code, language),
                  dir: textDirection(code),
                  name: product.copy[code]?.name ?? "",
                  description: product.copy[code]?.description ?? "",
                  hasCopy: product.copy[code] !== undefined,
                }))}
                prices={product.prices.map((price) => ({
                  currency: price.currency,
                  digits: currencyDigits(price.currency),
                  override: price.override ?? "",
                  converted: price.converted
                    ? money(price.converted, price.currency)
                    : "",
                  base: price.currency === product.baseCurrency,
                }))}
                labels={productEditorLabels(t, product.baseCurrency)}
              />
            )
            : (
              <p class="rounded-xl border border-gray-200 bg-white p-5 text-sm text-gray-600">
                {t("admin.products.readOnly")}
              </p>
            )}
        </div>

        <div class="min-w-0 space-y-6">
          <Card title={t("admin.products.details")}>
            <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt class="text-gray-500">{t("admin.products.category")}</dt>
              <dd class="font-medium">{product.category.name}</dd>
              {product.brand && (
                <>
                  <dt class="text-gray-500">{t("admin.products.brand")}</dt>
                  <dd class="font-medium">{product.brand}</dd>
                </>
              )}
              {product.key && (
                <>
                  <dt class="text-gray-500">{t("admin.products.key")}</dt>
                  <dd class="font-mono text-xs">{product.key}</dd>
                </>
              )}
              <dt class="text-gray-500">{t("admin.product.basePrice")}</dt>
              <dd class="font-medium">
                {money(product.basePrice, product.baseCurrency)}
              </dd>
            </dl>
          </Card>

          {data.canWrite
            ? (
              <AdminProductImages
                productId={product.id}
                images={product.images.map((image) => ({
                  id: image.id,
                  url: image.url,
                  alt: image.alt,
                }))}
                language={language}
                defaultLanguage={DEFAULT_LANGUAGE}
                languages={altLanguages}
                maxBytes={data.maxUploadBytes}
                accept={[...ACCEPTED_TYPES]}
                csrf={data.shell.csrf}
                labels={productImagesLabels(t, {
                  maxBytes: data.maxUploadBytes,
                  language,
                })}
              />
            )
            : (
              <Card title={t("admin.products.images")}>
                {product.images.length
                  ? (
                    <ul class="mt-3 grid grid-cols-3 gap-2">
                      {product.images.map((image) => (
                        <li key={image.id}>
                          <img
                            src={image.url}
                            alt={image.alt[language] ??
                              image.alt[DEFAULT_LANGUAGE] ?? ""}
                            loading="lazy"
                            class="aspect-square w-full rounded-md border border-gray-200 object-cover"
                          />
                        </li>
                      ))}
                    </ul>
                  )
                  : (
                    <p class="mt-3 text-sm text-gray-500">
                      {t("admin.product.images.empty")}
                    </p>
                  )}
              </Card>
            )}
        </div>
      </div>

      <div class="mt-6">
        {data.canWrite
          ? (
            <AdminVariantStock
              productId={product.id}
              language={language}
              baseCurrency={product.baseCurrency}
              baseDigits={currencyDigits(product.baseCurrency)}
              basePrice={product.basePrice}
              variants={product.variants.map((variant) => ({
                id: variant.id,
                sku: variant.sku,
                options: optionsText(t, variant.options, language),
                priceOverride: variant.priceOverride ?? "",
                quantity: variant.stock.quantity,
                reserved: variant.stock.reserved,
                threshold: variant.stock.lowStockThreshold,
              }))}
              optionFields={optionCodes.map((code) => ({
                code,
                label: attributeName(t, code),
              }))}
              labels={variantStockLabels(t, {
                baseCurrency: product.baseCurrency,
                basePrice: money(product.basePrice, product.baseCurrency),
              })}
            />
          )
          : (
            <Card title={t("admin.products.variants")} testId="variant-table">
              <TableFrame inCard>
                <thead>
                  <tr>
                    <th scope="col" class={TH}>{t("admin.product.sku")}</th>
                    <th scope="col" class={TH_END}>
                      {t("admin.product.available")}
                    </th>
                    <th scope="col" class={TH_END}>
                      {t("admin.products.reserved")}
                    </th>
                  </tr>
                </thead>
                <tbody class="divide-y divide-gray-100">
                  {product.variants.map((variant) => (
                    <tr key={variant.id} data-sku={variant.sku}>
                      <td class={TD}>
                        <span class="font-mono text-xs">{variant.sku}</span>
                        <span class="block text-xs text-gray-500">
                          {optionsText(t, variant.options, language)}
                        </span>
                        {variant.priceOverride && (
                          <span class="block text-xs text-gray-500">
                            {t("admin.products.variantPrice", {
                              price: money(
                                variant.priceOverride,
                                product.baseCurrency,
                              ),
                            })}
                          </span>
                        )}
                      </td>
                      <td
                        class={`${TD} text-end tabular-nums ${
                          variant.stock.low
                            ? "font-semibold text-amber-700"
                            : ""
                        }`}
                      >
                        {variant.stock.available}
                        {variant.stock.low && (
                          <span class="block text-xs">
                            {t("admin.products.low", {
                              threshold: variant.stock.lowStockThreshold,
                            })}
                          </span>
                        )}
                      </td>
                      <td class={`${TD} text-end tabular-nums`}>
                        {variant.stock.reserved}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableFrame>
            </Card>
          )}
      </div>
    </div>
  );
}
