import { readProducts } from "../../../commerce/catalog/mod.ts";
import { parseMoney, toDecimalString } from "../../../commerce/pricing/mod.ts";
import { catalogRequest } from "../../../edge/catalog_request.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { cachedJson } from "../../../edge/http_cache.ts";
import { ProductListQuery } from "../_catalog_validators.ts";

/**
 * `GET /api/products`: a page of products, filtered, searched and sorted,
 * localized and priced in the request's currency.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const query = ProductListQuery.parse({
      ...c.req.query(),
      attr: c.req.queries("attr"),
    });
    const { language, currency, deps } = catalogRequest(c, query);
    // Bounds are money in the shopper's currency: 12.345 is not a JPY price.
    const bound = (value?: string) =>
      value === undefined
        ? undefined
        : toDecimalString(parseMoney(value, currency));
    const attributes: Record<string, string[]> = {};
    for (const pair of query.attr ?? []) {
      const [name, value] = pair.split(":");
      (attributes[name] ??= []).push(value);
    }
    const list = await readProducts(deps, {
      language,
      currency,
      category: query.category,
      q: query.q,
      minPrice: bound(query.min_price),
      maxPrice: bound(query.max_price),
      inStock: query.in_stock,
      attributes,
      sort: query.sort,
      cursor: query.cursor,
      limit: query.limit,
    });
    return cachedJson(c, list);
  },
};
