import { CATALOG_NAMESPACE } from "../../../../../commerce/catalog/mod.ts";
import {
  adminOrderView,
  staffTransition,
} from "../../../../../commerce/orders/mod.ts";
import { staffActor } from "../../../../../edge/admin.ts";
import type { RouteHandler } from "../../../../../edge/define.ts";
import { parseJson } from "../../../../../edge/validate.ts";
import { refuseWhilePaymentMayMove } from "../../../../../commerce/payments/mod.ts";
import { TransitionBody } from "../_validators.ts";

/**
 * `POST /api/admin/orders/{id}/transitions`: pack, ship (carrier and
 * tracking number), deliver, or cancel an unpaid order (its stock goes
 * back on sale; a paid order is refunded instead). Audited; 409
 * `illegal_transition` for a move the order's status forbids, 409
 * `order_not_payable` to cancel while a payment may be taking money.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const actor = staffActor(c, "orders:write");
    const { to, note, ...parcel } = await parseJson(c, TransitionBody);
    const { order, stockReleased } = await staffTransition(c.var.db.sql, {
      orderId: c.req.param("id") ?? "",
      to,
      actor,
      note,
      ...("carrier" in parcel ? { shipment: parcel } : {}),
      ...(to === "cancelled" ? { check: refuseWhilePaymentMayMove } : {}),
    });
    // The units are on sale again: pages showing "sold out" or "only N
    // left" are retired (as the shopper's own cancel does).
    if (stockReleased) {
      await c.var.reads.bumpVersion(CATALOG_NAMESPACE).catch((error) =>
        c.var.logger.warn("catalog cache version bump failed", { error })
      );
    }
    return c.json(adminOrderView(order, c.var.locale.language));
  },
};
