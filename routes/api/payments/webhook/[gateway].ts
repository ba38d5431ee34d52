import { handleWebhook } from "../../../../commerce/payments/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";

/**
 * `POST /api/payments/webhook/{gateway}`: a gateway's signed webhook, read
 * as the exact body text its signature covers. 200 once stored (duplicates
 * and events for unknown payments included), in the body the gateway
 * expects (JSON, or Alipay's text `success`); 400 when it fails
 * verification, 404 for a gateway that is not enabled.
 */
export const handler: { POST: RouteHandler } = {
  async POST(c) {
    const { db, payments, logger } = c.var;
    const name = c.req.param("gateway") ?? "";
    const result = await handleWebhook(db.sql, { payments, logger }, {
      gateway: name,
      rawBody: await c.req.text(),
      headers: c.req.raw.headers,
    });
    const ack = payments.gateway(name)?.webhookAck;
    if (ack) {
      return c.body(ack.body, 200, { "content-type": ack.contentType });
    }
    return c.json({ received: true, ...result });
  },
};
