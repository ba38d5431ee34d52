import { updateCurrency } from "../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { localizationDeps } from "../_deps.ts";
import { CurrencyPatch } from "../_validators.ts";

/**
 * `PATCH /api/admin/localization/currencies/{code}` (`localization:write`):
 * enable or disable a sold currency (409 `base_currency` for the base)
 * and/or set its presentation rounding rule (400 `invalid_rounding_rule`
 * out of bounds), repricing the catalog.
 */
export const handler: { PATCH: RouteHandler } = {
  async PATCH(c) {
    const actor = staffActor(c, "localization:write");
    const patch = await parseJson(c, CurrencyPatch);
    return c.json(
      await updateCurrency(localizationDeps(c), {
        code: (c.req.param("code") ?? "").toUpperCase(),
        patch,
        actor,
        displayLanguage: c.var.locale.language,
      }),
    );
  },
};
