/**
 * The catalog's seed content: a category tree, about 220 products with
 * variants, copy in every store language, stock and images, reviews,
 * physical stores and the labels of every attribute and option code.
 *
 * `catalogSeed()` builds it from hand-written tables and a seeded random
 * generator, so every call returns the same data.
 *
 * @module
 */
import type { CatalogSeed } from "./types.ts";
import { CATEGORIES } from "./categories.ts";
import { buildLabels } from "./labels.ts";
import { buildProducts } from "./products.ts";
import { buildReviews } from "./reviews.ts";
import { STORES } from "./stores.ts";

export type {
  CatalogSeed,
  Localized,
  SeedCategory,
  SeedImage,
  SeedProduct,
  SeedProductDetails,
  SeedReview,
  SeedStore,
  SeedVariant,
} from "./types.ts";

/**
 * Builds the catalog seed. The result is deterministic and freshly
 * allocated on every call, so callers may change it without affecting the
 * next call.
 */
export function catalogSeed(): CatalogSeed {
  const { products, byType } = buildProducts();
  return {
    categories: structuredClone(CATEGORIES) as CatalogSeed["categories"],
    products,
    reviews: buildReviews(byType),
    stores: structuredClone(STORES) as CatalogSeed["stores"],
    labels: buildLabels(),
  };
}
