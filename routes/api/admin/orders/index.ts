import {
  adminOrderPageView,
  searchOrders,
} from "../../../../commerce/orders/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { Invalid } from "../../../../edge/errors.ts";
import { AdminOrderListQuery } from "./_validators.ts";

/**
 * `GET /api/admin/orders`: every order, newest first, filtered by status
 * (one or several), placing date, currency, gateway and ship-to country,
 * searched by number or email; cursor pages.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "orders:read");
    // `status=paid&status=packed` means the same as `status=paid,packed`.
    const statuses = c.req.queries("status");
    const query = AdminOrderListQuery.parse({
      ...c.req.query(),
      ...(statuses ? { status: statuses.join(",") } : {}),
    });
    const { status, ...search } = query;
    const page = await searchOrders(c.var.db.sql, {
      ...search,
      statuses: status,
    });
    if (!page) {
      throw new Invalid("The cursor is not valid", { code: "invalid_cursor" });
    }
    return c.json(adminOrderPageView(page, c.var.locale.language));
  },
};
