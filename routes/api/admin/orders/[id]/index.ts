import {
  adminOrderView,
  orderById,
} from "../../../../../commerce/orders/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { NotFound } from "../../../../../edge/errors.ts";
import { orderPayments } from "../_payments.ts";

/**
 * `GET /api/admin/orders/{id}`: one order as staff see it, with its whole
 * timeline (who, when, what came with each step), its parcels, and its
 * payment attempts and refunds.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "orders:read");
    const id = c.req.param("id") ?? "";
    const { sql } = c.var.db;
    const order = await orderById(sql, id);
    if (!order) throw new NotFound(`No order '${id}'`);
    const language = c.var.locale.language;
    return c.json({
      ...adminOrderView(order, language),
      ...await orderPayments(sql, order.id, language),
    });
  },
};
