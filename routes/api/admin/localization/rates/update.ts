import { updateRatesNow } from "../../../../../commerce/localization/admin/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { rateSourceFor } from "../../../../../edge/rates.ts";
import { localizationDeps } from "../_deps.ts";

/**
 * `POST /api/admin/localization/rates/update` (`localization:write`): fetch
 * the configured feed now, store its rates and reprice the catalog. 200
 * with the outcome; 502 `rates_update_failed` with the last known rates
 * (which stay in force) when the feed failed.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const actor = staffActor(c, "localization:write");
    return c.json(
      await updateRatesNow(localizationDeps(c), {
        source: rateSourceFor(c.var.config),
        actor,
      }),
    );
  },
};
