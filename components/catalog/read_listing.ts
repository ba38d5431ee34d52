/**
 * The product read of a listing page.
 *
 * @module
 */
import {
  type CatalogReadDeps,
  type ProductList,
  type ProductListQuery,
  readProducts,
} from "../../commerce/catalog/mod.ts";
import type { CachedValue } from "../../edge/cache/read_through.ts";
import { Invalid } from "../../edge/errors.ts";

/**
 * A page of products for a listing (with its ETag, the page's cache key).
 * A cursor that is no longer valid (an old
 * bookmark, another sort's) starts over at the first page instead of failing
 * the whole page: a listing page never answers 400.
 */
export async function readListing(
  deps: CatalogReadDeps,
  query: ProductListQuery,
): Promise<CachedValue<ProductList>> {
  try {
    return await readProducts(deps, query);
  } catch (error) {
    if (
      query.cursor && error instanceof Invalid &&
      error.code === "invalid_cursor"
    ) {
      return await readProducts(deps, { ...query, cursor: undefined });
    }
    throw error;
  }
}
