import {
  createProduct,
  listAdminProducts,
} from "../../../../commerce/catalog/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseJson, parseQuery } from "../../../../edge/validate.ts";
import { catalogReader, catalogWriter } from "./_deps.ts";
import { AdminProductListQuery, CreateProductBody } from "./_validators.ts";

/**
 * `GET /api/admin/products`: products of every status, searched by name,
 * SKU or key and filtered, a page at a time, each with its per-language
 * completeness. `POST`: create a product (a draft unless told otherwise).
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c) {
    const deps = catalogReader(c);
    const { category, ...query } = parseQuery(c, AdminProductListQuery);
    return c.json(
      await listAdminProducts(deps, { ...query, categoryId: category }),
    );
  },
  async POST(c) {
    const deps = catalogWriter(c);
    const body = await parseJson(c, CreateProductBody);
    return c.json(await createProduct(deps, body), 201);
  },
};
