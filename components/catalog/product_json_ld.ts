/**
 * Structured data of a product page: a schema.org `Product` with one
 * `Offer` per variant, in the shopper's currency, so search engines show
 * the price and stock the page shows.
 *
 * @module
 */
import type {
  ProductDetail,
  StockStatus,
  VariantView,
} from "../../commerce/catalog/mod.ts";

const AVAILABILITY: Record<StockStatus, string> = {
  in_stock: "https://schema.org/InStock",
  low_stock: "https://schema.org/LimitedAvailability",
  out_of_stock: "https://schema.org/OutOfStock",
};

/**
 * The JSON-LD of `product`. `url` is the page's absolute canonical URL,
 * `origin` makes image paths absolute, `selected` is the variant the page
 * shows first (its SKU is the product's). Variants without a price in the
 * currency (no exchange rate yet) get no offer.
 */
export function productJsonLd(
  product: ProductDetail,
  options: { origin: string; url: string; selected: VariantView },
): Record<string, unknown> {
  const { origin, url, selected } = options;
  const several = product.variants.length > 1;
  const offers = product.variants.flatMap((variant) =>
    variant.price
      ? [{
        "@type": "Offer",
        sku: variant.sku,
        price: variant.price.amount,
        priceCurrency: variant.price.currency,
        availability: AVAILABILITY[variant.availability.status],
        itemCondition: "https://schema.org/NewCondition",
        url: several ? `${url}?variant=${variant.id}` : url,
      }]
      : []
  );
  const images = product.images.length
    ? product.images
    : product.image
    ? [product.image]
    : [];
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    sku: selected.sku,
    brand: { "@type": "Brand", name: product.brand },
    image: images.map((image) => new URL(image.url, origin).href),
    url,
    ...(product.rating.count > 0 && product.rating.average !== null
      ? {
        aggregateRating: {
          "@type": "AggregateRating",
          ratingValue: product.rating.average,
          reviewCount: product.rating.count,
          bestRating: 5,
          worstRating: 1,
        },
      }
      : {}),
    ...(offers.length
      ? { offers: offers.length === 1 ? offers[0] : offers }
      : {}),
  };
}
