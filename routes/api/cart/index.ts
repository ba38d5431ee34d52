import { getCart } from "../../../commerce/cart/mod.ts";
import { cartOwner } from "../../../edge/cart_session.ts";
import type { RouteHandler } from "../../../edge/define.ts";

/**
 * `GET /api/cart`: the shopper's cart, priced in the request's currency
 * (an empty cart when there is none yet).
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const { currency, language } = c.var.locale;
    const cart = await getCart(c.var.db.sql, {
      owner: cartOwner(c),
      currency,
      language,
    });
    return c.json(cart);
  },
};
