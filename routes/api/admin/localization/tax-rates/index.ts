import { listTaxRates } from "../../../../../commerce/checkout/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseQuery } from "../../../../../edge/validate.ts";
import { TaxRatesQuery } from "../_validators.ts";

/**
 * `GET /api/admin/localization/tax-rates` (`catalog:read`): tax rates by
 * country and region, optionally of one `country`.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    const query = parseQuery(c, TaxRatesQuery);
    return c.json(await listTaxRates(c.var.db.sql, query));
  },
};
