import { completePayment } from "../../../commerce/payments/mod.ts";
import type { RouteHandler } from "../../../edge/define.ts";
import { LocalPath } from "../../api/payments/_validators.ts";

/**
 * `GET /payments/return/{transactionId}[?next=/path]`: where a gateway
 * with a last step (PayPal) sends the shopper back after approving. The
 * store finishes the payment (a capture, idempotent however often the
 * page is reloaded), then sends the shopper on (303) to `next` or their
 * order's page, which watches for the webhook's confirmation.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    c.header("Cache-Control", "private, no-store");
    c.header("X-Robots-Tag", "noindex, nofollow");
    const { db, payments, logger } = c.var;
    const result = await completePayment(db.sql, { payments, logger }, {
      transactionId: c.req.param("transactionId") ?? "",
    });
    const next = LocalPath.safeParse(c.req.query("next"));
    return c.redirect(
      next.success ? next.data : `/${result.language}/orders/${result.orderId}`,
      303,
    );
  },
};
