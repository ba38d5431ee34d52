import { createVariant } from "../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { catalogWriter } from "../_deps.ts";
import { NewVariantBody } from "../_validators.ts";

/**
 * `POST /api/admin/products/{id}/variants`: add a variant, its starting
 * stock recorded as a stock movement; 201 with the variant.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const deps = catalogWriter(c);
    const variant = await parseJson(c, NewVariantBody);
    const productId = c.req.param("id") ?? "";
    return c.json(await createVariant(deps, { productId, variant }), 201);
  },
};
