import { removeProductImage } from "../../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../../edge/define.ts";
import { catalogWriter } from "../../_deps.ts";

/**
 * `DELETE /api/admin/products/{id}/images/{imageId}`: take the image off
 * the product (the uploaded file stays); answers the images left, in
 * order.
 */
export const handler: { DELETE: RouteHandler } = {
  async DELETE(c) {
    const deps = catalogWriter(c);
    const productId = c.req.param("id") ?? "";
    const imageId = c.req.param("imageId") ?? "";
    return c.json({
      images: await removeProductImage(deps, { productId, imageId }),
    });
  },
};
