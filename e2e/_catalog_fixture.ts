/**
 * The seed catalog plus a product with more reviews than one page shows, so
 * page tests can load more (the seed gives each product a review or two).
 *
 * @module
 */
import { catalogSeed } from "../commerce/catalog/mod.ts";
import type { CatalogSeed } from "../commerce/catalog/seed/types.ts";
import type { Language } from "../commerce/localization/mod.ts";

/** How many reviews {@link reviewedCatalog} adds to its product. */
export const EXTRA_REVIEWS = 12;

/**
 * The seed catalog with {@link EXTRA_REVIEWS} five-star reviews, in several
 * languages, on the first product whose variants differ in price: it ranks
 * first by rating and is the one browser tests pick variants on.
 */
export function reviewedCatalog(): CatalogSeed {
  const seed = catalogSeed();
  const product = seed.products.find((p) =>
    p.variants.length > 1 && p.variants.some((v) => v.priceOverride)
  );
  if (!product) throw new Error("The seed has no product with price variants");
  const languages: Language[] = ["ja", "en", "de", "fr", "zh", "es", "ar"];
  for (let i = 0; i < EXTRA_REVIEWS; i++) {
    seed.reviews.push({
      product: product.key,
      rating: 5,
      title: `★ ${i + 1}`,
      body: `${product.details[languages[i % languages.length]].name} #${
        i + 1
      }`,
      language: languages[i % languages.length],
      authorName: `Tester ${i + 1}`,
      verifiedPurchase: i % 2 === 0,
      daysAgo: i + 1,
    });
  }
  return seed;
}
