import { listStockMovements } from "../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseQuery } from "../../../../../edge/validate.ts";
import { catalogReader } from "../../products/_deps.ts";
import { PageQuery } from "../../products/_validators.ts";

/**
 * `GET /api/admin/variants/{variantId}/stock-movements`: a variant's
 * stock movements, newest first, a page at a time.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const { sql } = catalogReader(c);
    const query = parseQuery(c, PageQuery);
    const variantId = c.req.param("variantId") ?? "";
    return c.json(await listStockMovements(sql, { variantId, ...query }));
  },
};
