/**
 * What the product page renders from, and its review read.
 *
 * @module
 */
import type {
  Page,
  ProductDetail,
  ReviewView,
  VariantView,
} from "../../commerce/catalog/mod.ts";
import type { CachedValue } from "../../edge/cache/read_through.ts";
import { Invalid } from "../../edge/errors.ts";

/** The data of `GET /{lang}/p/{slug}`. */
export interface ProductPageData {
  product: ProductDetail;
  reviews: ReviewsPage;
  /** The variant shown first (`?variant=`, else the first in stock). */
  selected: VariantView | undefined;
  /** The public origin, for absolute URLs in JSON-LD. */
  origin: string;
  /** The page's canonical path, `/{lang}/p/{slug}`. */
  path: string;
}

/** A page of reviews, and whether it is a later one (`?reviews=`). */
export interface ReviewsPage extends Page<ReviewView> {
  later: boolean;
}

/**
 * The page of reviews a product page shows: none without reviews, else the
 * first page, or the one after `cursor`. A stale or foreign cursor shows
 * the first page rather than failing the page.
 */
export async function reviewsPage(
  read: (cursor?: string) => Promise<CachedValue<Page<ReviewView>>>,
  { count, cursor }: { count: number; cursor?: string },
): Promise<{ reviews: ReviewsPage; etag: string }> {
  if (count === 0) {
    return { reviews: { items: [], nextCursor: null, later: false }, etag: "" };
  }
  if (cursor) {
    try {
      const page = await read(cursor);
      return { reviews: { ...page.value, later: true }, etag: page.etag };
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
    }
  }
  const page = await read();
  return { reviews: { ...page.value, later: false }, etag: page.etag };
}
