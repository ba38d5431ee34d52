import { readCategories } from "../../commerce/catalog/mod.ts";
import { catalogRequest } from "../../edge/catalog_request.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { cachedJson } from "../../edge/http_cache.ts";
import { CategoriesQuery } from "./_catalog_validators.ts";

/** `GET /api/categories`: the category tree with product counts. */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const query = CategoriesQuery.parse(c.req.query());
    const { language, deps } = catalogRequest(c, query);
    return cachedJson(c, await readCategories(deps, { language }));
  },
};
