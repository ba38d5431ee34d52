import { adminRates } from "../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseQuery } from "../../../../../edge/validate.ts";
import { localizationDeps } from "../_deps.ts";
import { PageQuery } from "../_validators.ts";

/**
 * `GET /api/admin/localization/rates` (`catalog:read`): each sold
 * currency's rate against the base: the one prices use, the feed's (source,
 * date, age) and the override in force, if any.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    const page = parseQuery(c, PageQuery);
    return c.json(await adminRates(localizationDeps(c), page));
  },
};
