import { refundOrder } from "../../../../../commerce/payments/mod.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { RefundBody } from "../../_validators.ts";

/**
 * `POST /api/admin/orders/{id}/refunds`: give back `amount` (all that is
 * left when absent) of the order's captured payment through its gateway,
 * with a reason. 201 with the refund and the order's status afterwards;
 * 409 `refund_exceeds_captured` beyond what is left.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const actor = staffActor(c, "orders:write");
    const body = await parseJson(c, RefundBody);
    const { db, payments, logger } = c.var;
    const refund = await refundOrder(db.sql, { payments, logger }, {
      orderId: c.req.param("id") ?? "",
      ...body,
      actor: `admin:${actor.id}`,
      audit: actor,
    });
    return c.json(refund, 201);
  },
};
