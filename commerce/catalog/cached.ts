/**
 * Catalog reads through the regional cache (cache-aside, two tiers, stale
 * while revalidating). Keys carry everything a result depends on (language,
 * currency, the query) and live under the catalog namespace's version, which
 * every catalog write bumps.
 *
 * @module
 */
import type {
  CachedValue,
  ReadThrough,
} from "../../edge/cache/read_through.ts";
import type { Sql } from "../../db/client.ts";
import type { Language } from "../localization/mod.ts";
import { CATALOG_NAMESPACE } from "./cache.ts";
import {
  getProduct,
  listCategories,
  listProducts,
  listReviews,
  listStores,
  type ProductList,
  type ProductListQuery,
  sitemapEntries,
  type SitemapEntry,
} from "./queries.ts";
import type {
  CategoryNode,
  Page,
  ProductDetail,
  ReviewView,
  StoreView,
} from "./types.ts";

/** What a cached catalog read needs. */
export interface CatalogReadDeps {
  sql: Sql;
  reads: ReadThrough;
}

const TTL = { ttlSeconds: 60, staleSeconds: 600 };

function spec(key: string) {
  return { namespace: CATALOG_NAMESPACE, key, ...TTL };
}

// A stable key for a query object: sorted keys, undefined dropped.
function keyOf(prefix: string, query: object): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
        Object.entries(value).filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => a < b ? -1 : 1)
          .map(([k, v]) => [k, sorted(v)]),
      )
      : value;
  return `${prefix}:${JSON.stringify(sorted(query))}`;
}

/** {@link listProducts} through the cache. */
export function readProducts(
  deps: CatalogReadDeps,
  query: ProductListQuery,
): Promise<CachedValue<ProductList>> {
  return deps.reads.get(
    spec(keyOf("products", query)),
    () => listProducts(deps.sql, query),
  );
}

// Longer than any slug the catalog makes: not worth a query or a cache entry.
const MAX_SLUG_LENGTH = 200;

/** {@link getProduct} through the cache (a missing product is cached too). */
export function readProduct(
  deps: CatalogReadDeps,
  options: { idOrSlug: string; language: Language; currency: string },
): Promise<CachedValue<ProductDetail | null>> {
  if (options.idOrSlug.length > MAX_SLUG_LENGTH) {
    return Promise.resolve({ value: null, etag: '""', state: "miss" });
  }
  return deps.reads.get(
    spec(keyOf("product", options)),
    () => getProduct(deps.sql, options),
  );
}

/** {@link listCategories} through the cache. */
export function readCategories(
  deps: CatalogReadDeps,
  options: { language: Language },
): Promise<CachedValue<CategoryNode[]>> {
  return deps.reads.get(
    spec(keyOf("categories", options)),
    () => listCategories(deps.sql, options),
  );
}

/** {@link listReviews} through the cache. */
export function readReviews(
  deps: CatalogReadDeps,
  options: Parameters<typeof listReviews>[1],
): Promise<CachedValue<Page<ReviewView>>> {
  return deps.reads.get(
    spec(keyOf("reviews", options)),
    () => listReviews(deps.sql, options),
  );
}

/** {@link listStores} through the cache; positions are rounded to ~1 km. */
export function readStores(
  deps: CatalogReadDeps,
  options: { near?: { lat: number; lng: number }; limit: number },
): Promise<CachedValue<StoreView[]>> {
  // Rounding keeps the key space small; a kilometre does not reorder stores
  // that are cities apart.
  const near = options.near && {
    lat: Math.round(options.near.lat * 100) / 100,
    lng: Math.round(options.near.lng * 100) / 100,
  };
  return deps.reads.get(
    spec(keyOf("stores", { ...options, near })),
    () => listStores(deps.sql, { ...options, near }),
  );
}

/** {@link sitemapEntries} through the cache. */
export function readSitemapEntries(
  deps: CatalogReadDeps,
): Promise<CachedValue<SitemapEntry[]>> {
  return deps.reads.get(spec("sitemap"), () => sitemapEntries(deps.sql));
}
