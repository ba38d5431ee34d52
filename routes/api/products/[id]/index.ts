import { readProduct } from "../../../../commerce/catalog/mod.ts";
import { catalogRequest } from "../../../../edge/catalog_request.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { NotFound } from "../../../../edge/errors.ts";
import { cachedJson } from "../../../../edge/http_cache.ts";
import { ProductQuery } from "../../_catalog_validators.ts";

/** `GET /api/products/{id or slug}`: a product's localized, priced detail. */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const query = ProductQuery.parse(c.req.query());
    const { language, currency, deps } = catalogRequest(c, query);
    const idOrSlug = c.req.param("id") ?? "";
    const product = await readProduct(deps, { idOrSlug, language, currency });
    if (!product.value) throw new NotFound(`No product '${idOrSlug}'`);
    return cachedJson(c, product);
  },
};
