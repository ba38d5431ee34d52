import { CartEmpty, placeOrder } from "../../../commerce/checkout/mod.ts";
import {
  listOrders,
  orderPageView,
  orderView,
  readOrderCursor,
} from "../../../commerce/orders/mod.ts";
import { cartOwner } from "../../../edge/cart_session.ts";
import { checkoutDeps } from "../../../edge/checkout.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { Invalid, Unauthorized } from "../../../edge/errors.ts";
import { publicOrigin } from "../../../edge/origin.ts";
import { parseJson, parseQuery } from "../../../edge/validate.ts";
import { OrderListQuery, PlaceOrderBody } from "./_validators.ts";

/**
 * `/api/orders`: `GET` the signed-in shopper's orders, newest first
 * (cursor pages); `POST` places the order of a quote at exactly its
 * amounts (201), or answers 409 `quote_changed` with the new quote.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c) {
    const user = c.var.user;
    if (!user) throw new Unauthorized();
    const query = parseQuery(c, OrderListQuery);
    const after = query.cursor ? readOrderCursor(query.cursor) : undefined;
    if (after === null) {
      throw new Invalid("The cursor is not valid", { code: "invalid_cursor" });
    }
    const page = await listOrders(c.var.db.sql, {
      userId: user.id,
      limit: query.limit,
      after,
    });
    return c.json(orderPageView(page, c.var.locale.language));
  },
  async POST(c) {
    const body = await parseJson(c, PlaceOrderBody);
    const owner = cartOwner(c);
    // A browser without a cart cookie has nothing to order.
    if (!owner) throw new CartEmpty();
    if (!("userId" in owner) && !body.email) {
      throw new Invalid("An email address is required for guest checkout", {
        code: "email_required",
        details: [{ path: "email", message: "required" }],
      });
    }
    const order = await placeOrder(c.var.db.sql, checkoutDeps(c), {
      ...body,
      owner,
      siteUrl: publicOrigin(c),
      t: c.var.t,
    });
    c.header("Location", `/api/orders/${order.id}`);
    return c.json(orderView(order, c.var.locale.language), 201);
  },
};
