import type { VariantView } from "../../commerce/catalog/mod.ts";
import type { Language } from "../../commerce/localization/mod.ts";
import type { PageState } from "../../edge/define.ts";
import type { Translate } from "../../edge/i18n.ts";
import AddToCart from "../../islands/AddToCart.tsx";
import MoreReviews from "../../islands/MoreReviews.tsx";
import { ReviewItem, type ReviewItemView } from "../../islands/_ReviewItem.tsx";
import {
  type VariantChoice,
  VariantSummary,
} from "../../islands/_VariantSummary.tsx";
import VariantPicker, {
  type VariantOption,
} from "../../islands/VariantPicker.tsx";
import { addToCartSettings } from "../cart/add_to_cart.ts";
import { Breadcrumbs } from "./Breadcrumbs.tsx";
import {
  attributeName,
  attributeValue,
  priceLabel,
  ratingLabel,
  stockLabel,
} from "./labels.ts";
import type { ProductPageData } from "./product_page.ts";
import { ProductGallery } from "./ProductGallery.tsx";
import { RatingSummary } from "./RatingSummary.tsx";
import { Stars } from "./Stars.tsx";

/** A variant as the picker and the summary show it. */
function variantChoice(t: Translate, variant: VariantView): VariantChoice {
  return {
    id: variant.id,
    sku: variant.sku,
    options: variant.options,
    price: priceLabel(t, variant.price),
    status: variant.availability.status,
    stock: stockLabel(t, variant.availability),
  };
}

/** The option codes of the variants and their values, in first-seen order. */
function variantOptions(
  t: Translate,
  variants: VariantView[],
  language: Language,
): VariantOption[] {
  const values = new Map<string, Set<string>>();
  for (const variant of variants) {
    for (const [code, value] of Object.entries(variant.options)) {
      if (!values.has(code)) values.set(code, new Set());
      values.get(code)!.add(value);
    }
  }
  return [...values].map(([code, set]) => ({
    code,
    label: attributeName(t, code),
    values: [...set].map((value) => ({
      value,
      label: attributeValue(t, value, language),
    })),
  }));
}

function reviewItem(
  t: Translate,
  review: ProductPageData["reviews"]["items"][number],
  options: { dates: Intl.DateTimeFormat; language: Language },
): ReviewItemView {
  return {
    id: review.id,
    rating: review.rating,
    ratingLabel: ratingLabel(t, review.rating, options.language),
    title: review.title,
    body: review.body,
    authorName: review.authorName,
    date: options.dates.format(new Date(review.createdAt)),
    dateTime: review.createdAt,
    language: review.language,
    verified: review.verifiedPurchase ? t("reviews.verified") : undefined,
  };
}

/**
 * The body of a product page: breadcrumbs, gallery, name and brand, the
 * variant picker with price, stock and SKU (a table of variants without
 * JavaScript) and "Add to cart", description, attributes, and the reviews.
 */
export function ProductDetails(
  { data, state }: { data: ProductPageData; state: PageState },
) {
  const { t, locale } = state;
  const { language } = locale;
  const { product, reviews } = data;
  const choices = product.variants.map((variant) => variantChoice(t, variant));
  const selected = data.selected && variantChoice(t, data.selected);
  const options = variantOptions(t, product.variants, language);
  const attributes = Object.entries(product.attributes);
  const lang = product.language === language ? undefined : product.language;
  const dates = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const cart = addToCartSettings(t, language);

  return (
    <article class="mx-auto max-w-6xl px-4 py-8">
      <Breadcrumbs
        label={t("catalog.breadcrumbs")}
        crumbs={[
          { label: t("nav.home"), href: `/${language}/` },
          ...product.breadcrumbs.map((category) => ({
            label: category.name,
            href: `/${language}/c/${category.slug}`,
          })),
          { label: product.name, href: data.path },
        ]}
      />

      <div class="mt-6 grid gap-8 md:grid-cols-2 lg:gap-12">
        <ProductGallery images={product.images} label={t("product.images")} />

        <div>
          <p class="text-sm font-medium uppercase tracking-wide text-indigo-600">
            {product.brand}
          </p>
          <h1
            lang={lang}
            class="[text-wrap:balance] [word-break:auto-phrase] mt-1 text-3xl font-extrabold tracking-tight text-gray-900 sm:text-4xl"
          >
            {product.name}
          </h1>
          {product.rating.count > 0 && product.rating.average !== null && (
            <a
              href="#reviews"
              class="mt-3 inline-flex items-center gap-2 text-sm text-gray-600 hover:text-indigo-700"
            >
              <Stars
                rating={product.rating.average}
                label={ratingLabel(t, product.rating.average, language)}
              />
              {t("catalog.reviewCount", { count: product.rating.count })}
            </a>
          )}

          <div class="mt-6">
            {choices.length > 1 && selected
              ? (
                <VariantPicker
                  options={options}
                  variants={choices}
                  selected={selected.id}
                  skuLabel={t("product.sku")}
                  cart={cart}
                />
              )
              : selected && (
                <>
                  <VariantSummary
                    variant={selected}
                    skuLabel={t("product.sku")}
                  />
                  <AddToCart
                    {...cart}
                    variantId={selected.id}
                    soldOut={selected.status === "out_of_stock"}
                  />
                </>
              )}
          </div>

          {choices.length > 1 && (
            <noscript>
              <VariantTable
                t={t}
                options={options}
                choices={choices}
              />
            </noscript>
          )}

          <section class="mt-8" aria-labelledby="description-title">
            <h2 id="description-title" class="text-lg font-bold">
              {t("product.description")}
            </h2>
            <p lang={lang} class="mt-2 whitespace-pre-line text-gray-700">
              {product.description}
            </p>
          </section>

          {attributes.length > 0 && (
            <section class="mt-8" aria-labelledby="details-title">
              <h2 id="details-title" class="text-lg font-bold">
                {t("product.details")}
              </h2>
              <dl
                data-testid="attributes"
                class="mt-3 divide-y divide-gray-200 border-y border-gray-200 text-sm"
              >
                {attributes.map(([code, value]) => (
                  <div key={code} class="grid grid-cols-2 gap-4 py-2">
                    <dt class="text-gray-500">{attributeName(t, code)}</dt>
                    <dd class="text-gray-900">
                      {attributeValue(t, value, language)}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
        </div>
      </div>

      <section
        id="reviews"
        aria-labelledby="reviews-title"
        class="mt-16 border-t border-gray-200 pt-10"
      >
        <h2 id="reviews-title" class="text-2xl font-bold tracking-tight">
          {t("reviews.title")}
        </h2>
        {product.rating.count === 0
          ? <p class="mt-4 text-gray-600">{t("reviews.none")}</p>
          : (
            <div class="mt-6 grid gap-10 md:grid-cols-[18rem_1fr]">
              <RatingSummary
                t={t}
                language={language}
                rating={product.rating}
              />
              <div>
                {reviews.later && (
                  <a
                    href={`${data.path}#reviews`}
                    class="text-sm text-indigo-700 hover:underline"
                  >
                    {t("reviews.newest")}
                  </a>
                )}
                <ul class="divide-y divide-gray-200">
                  {reviews.items.map((review) => (
                    <ReviewItem
                      key={review.id}
                      review={reviewItem(t, review, { dates, language })}
                    />
                  ))}
                </ul>
                {reviews.nextCursor && (
                  <MoreReviews
                    endpoint={`/api/products/${product.id}/reviews`}
                    cursor={reviews.nextCursor}
                    language={language}
                    ratingLabels={[1, 2, 3, 4, 5].map((rating) =>
                      ratingLabel(t, rating, language)
                    )}
                    verifiedLabel={t("reviews.verified")}
                    moreLabel={t("reviews.more")}
                    loadingLabel={t("reviews.loading")}
                    failedLabel={t("reviews.failed")}
                    fallbackHref={`${data.path}?reviews=${
                      encodeURIComponent(reviews.nextCursor)
                    }#reviews`}
                  />
                )}
              </div>
            </div>
          )}
      </section>
    </article>
  );
}

/** Every variant with its options, price and stock: the no-JS picker. */
function VariantTable(
  { t, options, choices }: {
    t: Translate;
    options: VariantOption[];
    choices: VariantChoice[];
  },
) {
  const label = (code: string, value: string | undefined) =>
    options.find((o) => o.code === code)?.values.find((v) => v.value === value)
      ?.label ?? value ?? "";
  return (
    <table data-testid="variant-table" class="mt-6 w-full text-sm">
      <caption class="text-start font-semibold text-gray-900">
        {t("product.variants")}
      </caption>
      <thead>
        <tr class="border-b border-gray-200 text-gray-500">
          {options.map((option) => (
            <th
              key={option.code}
              scope="col"
              class="py-2 text-start font-medium"
            >
              {option.label}
            </th>
          ))}
          <th scope="col" class="py-2 text-start font-medium">
            {t("product.sku")}
          </th>
          <th scope="col" class="py-2 text-start font-medium">
            {t("product.price")}
          </th>
          <th scope="col" class="py-2 text-start font-medium">
            {t("product.stock")}
          </th>
        </tr>
      </thead>
      <tbody>
        {choices.map((choice) => (
          <tr key={choice.id} class="border-b border-gray-100">
            {options.map((option) => (
              <td key={option.code} class="py-2">
                {label(option.code, choice.options[option.code])}
              </td>
            ))}
            <td class="py-2 text-gray-500">{choice.sku}</td>
            <td class="py-2 font-semibold">{choice.price}</td>
            <td class="py-2">{choice.stock}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
