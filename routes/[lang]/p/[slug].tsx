import { readProduct, readReviews } from "../../../commerce/catalog/mod.ts";
import { ProductDetails } from "../../../components/catalog/ProductDetails.tsx";
import {
  type ProductPageData,
  reviewsPage,
} from "../../../components/catalog/product_page.ts";
import { productJsonLd } from "../../../components/catalog/product_json_ld.ts";
import { catalogRequest } from "../../../edge/catalog_request.ts";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import { NotFound } from "../../../edge/errors.ts";
import { publicOrigin } from "../../../edge/origin.ts";

/**
 * `GET /{lang}/p/{slug}`: a product page in the shopper's language and
 * currency. A slug of another language (or the product id) redirects to the
 * slug of this language; `?variant=` picks the variant shown first and
 * `?reviews=` is the no-JavaScript next page of reviews.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    const { language, currency, deps } = catalogRequest(c, {});
    const slug = c.req.param("slug") ?? "";
    const cached = await readProduct(deps, {
      idOrSlug: slug,
      language,
      currency,
    });
    const product = cached.value;
    if (!product) throw new NotFound(`No product '${slug}'`);
    const url = new URL(c.req.url);
    const path = `/${language}/p/${product.slug}`;
    if (product.slug !== slug) return c.redirect(path + url.search, 301);

    const { reviews, etag } = await reviewsPage(
      (cursor) =>
        readReviews(deps, { productId: product.id, cursor, limit: 5 }),
      { count: product.rating.count, cursor: c.req.query("reviews") },
    );
    const variant = c.req.query("variant");
    return page.render(
      {
        product,
        reviews,
        selected: product.variants.find((v) => v.id === variant) ??
          product.variants.find((v) =>
            v.availability.status !== "out_of_stock"
          ) ?? product.variants[0],
        origin: publicOrigin(c),
        path,
      } satisfies ProductPageData,
      // The page is a function of these reads (and the URL and locale).
      { cacheKey: cached.etag + etag },
    );
  },
};

/**
 * The product's SEO title and description, its slug in every language, the
 * canonical path, and schema.org `Product` JSON-LD.
 */
export function head({ data, state }: PageProps<ProductPageData>): Head {
  const { product, origin, path } = data;
  return {
    title: state.t("meta.productTitle", {
      product: product.seo.title,
      store: state.storeName,
    }),
    description: product.seo.description,
    alternates: Object.fromEntries(
      Object.entries(product.slugs).map(([lang, slug]) => [
        lang,
        `/${lang}/p/${slug}`,
      ]),
    ),
    canonical: path,
    jsonLd: data.selected
      ? productJsonLd(product, {
        origin,
        url: origin + path,
        selected: data.selected,
      })
      : undefined,
  };
}

/** The product page. */
export default function ProductPage(
  { data, state }: PageProps<ProductPageData>,
) {
  return <ProductDetails data={data} state={state} />;
}
