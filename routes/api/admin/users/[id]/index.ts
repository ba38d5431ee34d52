import { adminUserDetail } from "../../../../../commerce/identity/mod.ts";
import {
  orderPageView,
  readOrderCursor,
} from "../../../../../commerce/orders/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { Invalid } from "../../../../../edge/errors.ts";
import { parseQuery } from "../../../../../edge/validate.ts";
import { UserDetailQuery } from "../_validators.ts";

/**
 * `GET /api/admin/users/{id}`: one account (deleted ones too) with its
 * profile, roles, status, creation and last sign-in, open sessions and a
 * page of its orders (`ordersLimit`, `ordersCursor`).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "customers:read");
    const query = parseQuery(c, UserDetailQuery);
    const after = query.ordersCursor
      ? readOrderCursor(query.ordersCursor)
      : undefined;
    if (after === null) {
      throw new Invalid("The orders cursor is not valid", {
        code: "invalid_cursor",
      });
    }
    const user = await adminUserDetail(c.var.db.sql, {
      userId: c.req.param("id") ?? "",
      ordersLimit: query.ordersLimit,
      ordersAfter: after,
    });
    return c.json({
      ...user,
      orders: orderPageView(user.orders, c.var.locale.language),
    });
  },
};
