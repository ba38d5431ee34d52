import { editVariant } from "../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { catalogWriter } from "../../products/_deps.ts";
import { UpdateVariantBody } from "../../products/_validators.ts";

/**
 * `PATCH /api/admin/variants/{variantId}`: change a variant's SKU,
 * options, weight, price override or low-stock threshold; answers the
 * variant.
 */
export const handler: { PATCH: RouteHandler } = {
  async PATCH(c) {
    const deps = catalogWriter(c);
    const patch = await parseJson(c, UpdateVariantBody);
    const variantId = c.req.param("variantId") ?? "";
    return c.json(await editVariant(deps, { variantId, patch }));
  },
};
