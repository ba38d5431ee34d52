import {
  editProduct,
  getAdminProduct,
} from "../../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { catalogReader, catalogWriter } from "../_deps.ts";
import { UpdateProductBody } from "../_validators.ts";

/**
 * `GET /api/admin/products/{id}`: everything editable about a product.
 * `PATCH`: change its fields, the copy of any language and image alt
 * texts; answers the product as `GET` does.
 */
export const handler: { GET: RouteHandler; PATCH: RouteHandler } = {
  async GET(c) {
    const deps = catalogReader(c);
    return c.json(await getAdminProduct(deps, c.req.param("id") ?? ""));
  },
  async PATCH(c) {
    const deps = catalogWriter(c);
    const edit = await parseJson(c, UpdateProductBody);
    const id = c.req.param("id") ?? "";
    return c.json(await editProduct(deps, { id, edit }));
  },
};
