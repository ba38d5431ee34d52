import { removeItem, updateItem } from "../../../../commerce/cart/mod.ts";
import { CartItemNotFound } from "../../../../commerce/cart/mod.ts";
import { cartOwner } from "../../../../edge/cart_session.ts";
import type { AppContext } from "../../../../edge/env.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseJson } from "../../../../edge/validate.ts";
import { UpdateItemBody } from "../_validators.ts";

/**
 * `/api/cart/items/{itemId}`: `PATCH` a line's quantity, `DELETE` it; both
 * answer the cart (404 `cart_item_not_found` for a line not in it).
 */
export const handler: { PATCH: RouteHandler; DELETE: RouteHandler } = {
  async PATCH(c) {
    const { quantity } = await parseJson(c, UpdateItemBody);
    return c.json(
      await updateItem(c.var.db.sql, { ...target(c), quantity, ...locale(c) }),
    );
  },
  async DELETE(c) {
    return c.json(
      await removeItem(c.var.db.sql, { ...target(c), ...locale(c) }),
    );
  },
};

function target(c: AppContext) {
  const itemId = c.req.param("itemId") ?? "";
  const owner = cartOwner(c);
  if (!owner) throw new CartItemNotFound(itemId);
  return { owner, itemId };
}

function locale(c: AppContext) {
  const { currency, language } = c.var.locale;
  return { currency, language };
}
