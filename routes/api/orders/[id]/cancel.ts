import { CATALOG_NAMESPACE } from "../../../../commerce/catalog/mod.ts";
import { orderView } from "../../../../commerce/orders/mod.ts";
import { cancelUnpaidOrder } from "../../../../commerce/payments/mod.ts";
import { orderOwner } from "../../../../edge/cart_session.ts";
import type { RouteHandler } from "../../../../edge/define.ts";

/**
 * `POST /api/orders/{id}/cancel`: the shopper cancels their unpaid order;
 * its stock goes back (409 `illegal_transition` once paid, 409
 * `order_not_payable` while a payment for it is being processed).
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const order = await cancelUnpaidOrder(c.var.db.sql, {
      orderId: c.req.param("id") ?? "",
      owner: orderOwner(c),
    });
    // The units are on sale again: pages showing "sold out" or "only N
    // left" are retired (as placing an order that left few does).
    await c.var.reads.bumpVersion(CATALOG_NAMESPACE).catch(() => {});
    return c.json(orderView(order, c.var.locale.language));
  },
};
