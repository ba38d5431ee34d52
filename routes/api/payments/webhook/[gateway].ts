import { handleWebhook } from "../../../../commerce/payments/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";

/**
 * `POST /api/payments/webhook/{gateway}`: a gateway's signed webhook, read
 * as the exact body text its signature covers. 200 once stored (duplicates
 * and events for unknown payments included), 400 when it fails
 * verification, 404 for a gateway that is not enabled.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const { db, payments, logger } = c.var;
    const result = await handleWebhook(db.sql, { payments, logger }, {
      gateway: c.req.param("gateway") ?? "",
      rawBody: await c.req.text(),
      headers: c.req.raw.headers,
    });
    return c.json({ received: true, ...result });
  },
};
