import {
  createShippingZone,
  listShippingZones,
} from "../../../../../commerce/checkout/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson, parseQuery } from "../../../../../edge/validate.ts";
import { PageQuery, ShippingZoneBody } from "../_validators.ts";

/**
 * `GET /api/admin/localization/shipping-zones` (`catalog:read`): the zones
 * with their countries, methods and per-currency prices. `POST`
 * (`localization:write`): create one (201); 409 when its key or one of
 * its countries is another zone's.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c) {
    staffActor(c, "catalog:read");
    const page = parseQuery(c, PageQuery);
    return c.json(await listShippingZones(c.var.db.sql, page));
  },
  async POST(c) {
    const actor = staffActor(c, "localization:write");
    const zone = await parseJson(c, ShippingZoneBody);
    return c.json(await createShippingZone(c.var.db.sql, { zone, actor }), 201);
  },
};
