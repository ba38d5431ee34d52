import { readProduct, readReviews } from "../../../../commerce/catalog/mod.ts";
import { catalogRequest } from "../../../../edge/catalog_request.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { NotFound } from "../../../../edge/errors.ts";
import { cachedJson } from "../../../../edge/http_cache.ts";
import { ReviewsQuery } from "../../_catalog_validators.ts";

/**
 * `GET /api/products/{id or slug}/reviews`: a page of reviews, newest first,
 * optionally only those written in `language`.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const query = ReviewsQuery.parse(c.req.query());
    const { language, currency, deps } = catalogRequest(c, query);
    const idOrSlug = c.req.param("id") ?? "";
    const product = await readProduct(deps, { idOrSlug, language, currency });
    if (!product.value) throw new NotFound(`No product '${idOrSlug}'`);
    const reviews = await readReviews(deps, {
      productId: product.value.id,
      language: query.language,
      cursor: query.cursor,
      limit: query.limit,
    });
    return cachedJson(c, reviews);
  },
};
