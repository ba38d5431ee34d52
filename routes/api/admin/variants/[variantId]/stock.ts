import { adjustVariantStock } from "../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { catalogWriter } from "../../products/_deps.ts";
import { StockAdjustmentBody } from "../../products/_validators.ts";

/**
 * `POST /api/admin/variants/{variantId}/stock`: add (or, negative, remove)
 * units on hand for a reason, kept as a stock movement; 201 with the
 * variant and the movement, 409 `stock_below_reserved` when orders hold
 * more than would be left.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const deps = catalogWriter(c);
    const body = await parseJson(c, StockAdjustmentBody);
    const variantId = c.req.param("variantId") ?? "";
    return c.json(
      await adjustVariantStock(deps, { variantId, ...body }),
      201,
    );
  },
};
