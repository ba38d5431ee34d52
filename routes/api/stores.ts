import { readStores } from "../../commerce/catalog/mod.ts";
import { catalogRequest } from "../../edge/catalog_request.ts";
import type { RouteHandler } from "../../edge/define.ts";
import { cachedJson } from "../../edge/http_cache.ts";
import { StoresQuery } from "./_catalog_validators.ts";

/**
 * `GET /api/stores?near=lat,lng&limit=`: physical stores, nearest first with
 * their distance in km when a position is given.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const query = StoresQuery.parse(c.req.query());
    const { deps } = catalogRequest(c, query);
    const stores = await readStores(deps, {
      near: query.near,
      limit: query.limit,
    });
    return cachedJson(c, stores);
  },
};
