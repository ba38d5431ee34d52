import { addItem } from "../../../../commerce/cart/mod.ts";
import { cartOwner } from "../../../../edge/cart_session.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { parseJson } from "../../../../edge/validate.ts";
import { AddItemBody } from "../_validators.ts";

/**
 * `POST /api/cart/items`: add units of a variant (201 with the cart; 404
 * `variant_not_found`; 409 `out_of_stock` above what is available). A guest
 * browser gets its cart cookie here.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, AddItemBody);
    const { currency, language } = c.var.locale;
    const cart = await addItem(c.var.db.sql, {
      owner: cartOwner(c, { create: true })!,
      ...body,
      currency,
      language,
    });
    return c.json(cart, 201);
  },
};
