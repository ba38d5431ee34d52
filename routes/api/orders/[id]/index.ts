import { can } from "../../../../commerce/identity/mod.ts";
import { orderFor, orderView } from "../../../../commerce/orders/mod.ts";
import { latestPayment } from "../../../../commerce/payments/mod.ts";
import { orderOwner } from "../../../../edge/cart_session.ts";
import type { RouteHandler } from "../../../../edge/define.ts";

/**
 * `GET /api/orders/{id}`: one order with its lines, totals, parcels and
 * timeline and how its latest payment attempt stands, for the shopper who
 * placed it (or the guest browser that did) and for admins; 404 for
 * anyone else.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const roles = c.var.user?.roles ?? [];
    const order = await orderFor(c.var.db.sql, c.req.param("id") ?? "", {
      ...orderOwner(c),
      any: can(roles, "orders:read"),
    });
    const payment = await latestPayment(c.var.db.sql, order.id);
    return c.json({ ...orderView(order, c.var.locale.language), payment });
  },
};
