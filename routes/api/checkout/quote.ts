import {
  CartEmpty,
  createQuote,
  quoteView,
} from "../../../commerce/checkout/mod.ts";
import { cartOwner } from "../../../edge/cart_session.ts";
import { checkoutDeps } from "../../../edge/checkout.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { parseJson } from "../../../edge/validate.ts";
import { QuoteBody } from "./_validators.ts";

/**
 * `POST /api/checkout/quote`: price the shopper's cart in their current
 * currency for a destination: lines, shipping choices, tax the local way,
 * totals and the rates used, valid until `expiresAt` (201).
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, QuoteBody);
    const owner = cartOwner(c);
    if (!owner) throw new CartEmpty();
    const { currency, language } = c.var.locale;
    const quote = await createQuote(c.var.db.sql, checkoutDeps(c), {
      owner,
      currency,
      language,
      ...body,
    });
    return c.json(quoteView(quote), 201);
  },
};
