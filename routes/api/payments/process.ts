import { processPayment } from "../../../commerce/payments/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { parseJson } from "../../../edge/validate.ts";
import { orderOwner } from "../../../edge/cart_session.ts";
import { ProcessPaymentBody } from "./_validators.ts";

/**
 * `POST /api/payments/process`: pay an order of the caller (signed in, or
 * the guest browser that placed it) through a gateway. 201 with
 * `{ transactionId, status, nextAction?, failureCode? }`; the order turns
 * `paid` when the gateway's webhook confirms the payment.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const body = await parseJson(c, ProcessPaymentBody);
    const { db, payments, logger } = c.var;
    const result = await processPayment(db.sql, { payments, logger }, {
      ...body,
      owner: orderOwner(c),
    });
    return c.json(result, 201);
  },
};
