import { reconciliationReport } from "../../../../commerce/payments/mod.ts";
import type { RouteHandler } from "../../../../edge/define.ts";
import { staffActor } from "../../../../edge/admin.ts";
import { parseQuery } from "../../../../edge/validate.ts";
import { ReconciliationQuery } from "../_validators.ts";

/**
 * `GET /api/admin/payments/reconciliation?date=YYYY-MM-DD[&gateway=]`: per
 * gateway, what that UTC day captured, refunded and cost in fees, per
 * order currency and in the base currency.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    staffActor(c, "orders:read");
    const query = parseQuery(c, ReconciliationQuery);
    return c.json(
      await reconciliationReport(c.var.db.sql, {
        ...query,
        baseCurrency: c.var.config.BASE_CURRENCY,
      }),
    );
  },
};
