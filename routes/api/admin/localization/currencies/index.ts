import { adminCurrencies } from "../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseQuery } from "../../../../../edge/validate.ts";
import { localizationDeps } from "../_deps.ts";
import { PageQuery } from "../_validators.ts";

/**
 * `GET /api/admin/localization/currencies` (`catalog:read`): the sold
 * currencies, enabled or not, each with its rounding rule and the rate
 * prices use (source, date, age, override).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    const page = parseQuery(c, PageQuery);
    return c.json(
      await adminCurrencies(localizationDeps(c), {
        ...page,
        displayLanguage: c.var.locale.language,
      }),
    );
  },
};
