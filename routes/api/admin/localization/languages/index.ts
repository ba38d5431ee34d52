import { adminLanguages } from "../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseQuery } from "../../../../../edge/validate.ts";
import { PageQuery } from "../_validators.ts";

/**
 * `GET /api/admin/localization/languages` (`catalog:read`): every store
 * language, enabled or not, with the default.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    const page = parseQuery(c, PageQuery);
    return c.json(
      await adminLanguages({ sql: c.var.db.sql }, {
        ...page,
        displayLanguage: c.var.locale.language,
      }),
    );
  },
};
