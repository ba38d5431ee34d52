import { cancelOrder, orderView } from "../../../../commerce/orders/mod.ts";
import { orderOwner } from "../../../../edge/cart_session.ts";
import type { RouteHandler } from "../../../../edge/define.ts";

/**
 * `POST /api/orders/{id}/cancel`: the shopper cancels their unpaid order;
 * its stock goes back (409 `illegal_transition` once paid).
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const order = await cancelOrder(c.var.db.sql, {
      orderId: c.req.param("id") ?? "",
      owner: orderOwner(c),
    });
    return c.json(orderView(order, c.var.locale.language));
  },
};
