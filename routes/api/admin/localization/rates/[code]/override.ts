import {
  clearRateOverride,
  setRateOverride,
} from "../../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../../edge/define.ts";
import { parseJson } from "../../../../../../edge/validate.ts";
import { localizationDeps } from "../../_deps.ts";
import { OverrideBody } from "../../_validators.ts";

/**
 * `PUT /api/admin/localization/rates/{code}/override` (`localization:write`):
 * use `rate` (units per 1 base unit, an exact decimal string) for `code`
 * until `expiresAt` (at most 30 days ahead), repricing the catalog at once.
 * `DELETE`: back to the feed's rate (404 without an override).
 */
export const handler: { PUT: RouteHandler; DELETE: RouteHandler } = {
  async PUT(c) {
    const actor = staffActor(c, "localization:write");
    const body = await parseJson(c, OverrideBody);
    return c.json(
      await setRateOverride(localizationDeps(c), {
        code: (c.req.param("code") ?? "").toUpperCase(),
        ...body,
        actor,
      }),
    );
  },
  async DELETE(c) {
    const actor = staffActor(c, "localization:write");
    return c.json(
      await clearRateOverride(localizationDeps(c), {
        code: (c.req.param("code") ?? "").toUpperCase(),
        actor,
      }),
    );
  },
};
