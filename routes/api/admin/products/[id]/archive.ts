import { archiveProduct } from "../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { catalogWriter } from "../_deps.ts";

/**
 * `POST /api/admin/products/{id}/archive`: take a product off the
 * storefront, keeping its rows; answers the product.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const deps = catalogWriter(c);
    return c.json(await archiveProduct(deps, c.req.param("id") ?? ""));
  },
};
