import {
  deleteShippingZone,
  getShippingZone,
  updateShippingZone,
} from "../../../../../commerce/checkout/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { ShippingZonePatch } from "../_validators.ts";

/**
 * `GET /api/admin/localization/shipping-zones/{id}` (`catalog:read`): one
 * zone. `PATCH` (`localization:write`): change its key, countries,
 * position or (the complete list of) methods. `DELETE`: remove it (204).
 */
export const handler: {
  GET: RouteHandler;
  PATCH: RouteHandler;
  DELETE: RouteHandler;
} = {
  async GET(c) {
    staffActor(c, "catalog:read");
    return c.json(await getShippingZone(c.var.db.sql, c.req.param("id") ?? ""));
  },
  async PATCH(c) {
    const actor = staffActor(c, "localization:write");
    const patch = await parseJson(c, ShippingZonePatch);
    return c.json(
      await updateShippingZone(c.var.db.sql, {
        id: c.req.param("id") ?? "",
        patch,
        actor,
      }),
    );
  },
  async DELETE(c) {
    const actor = staffActor(c, "localization:write");
    await deleteShippingZone(c.var.db.sql, {
      id: c.req.param("id") ?? "",
      actor,
    });
    return c.body(null, 204);
  },
};
