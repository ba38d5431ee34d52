import {
  attachProductImage,
  reorderProductImages,
} from "../../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../../edge/define.ts";
import { parseJson } from "../../../../../../edge/validate.ts";
import { catalogWriter } from "../../_deps.ts";
import { imageWriter } from "./_deps.ts";
import { AttachImageBody, ImageOrderBody } from "./_validators.ts";

/**
 * `POST /api/admin/products/{id}/images`: attach an uploaded image (its
 * `key` from `POST /api/admin/media`) after the product's others, with
 * optional alt text per language; 201 with the image. `PUT`: put the
 * images in the order of `imageIds`; answers them in order.
 */
export const handler: { POST: RouteHandler; PUT: RouteHandler } = {
  async POST(c) {
    const deps = imageWriter(c);
    const image = await parseJson(c, AttachImageBody);
    const productId = c.req.param("id") ?? "";
    return c.json(await attachProductImage(deps, { productId, image }), 201);
  },
  async PUT(c) {
    const deps = catalogWriter(c);
    const { imageIds } = await parseJson(c, ImageOrderBody);
    const productId = c.req.param("id") ?? "";
    return c.json({
      images: await reorderProductImages(deps, { productId, imageIds }),
    });
  },
};
