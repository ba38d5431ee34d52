/**
 * Refunds that need another try, on a schedule: a refund whose gateway call
 * timed out or failed stays `pending` (the gateway may have it), and every
 * store sends such refunds again after a few minutes (`RESERVATIONS_SCHEDULE`,
 * every minute by default) with the same idempotency key, so one that never
 * reached the gateway is not stuck with its amount reserved.
 *
 * @module
 */
import {
  type PaymentGateways,
  retryPendingRefunds,
} from "../commerce/payments/mod.ts";
import type { Database } from "../db/client.ts";
import type { Config } from "./config.ts";
import { scheduleJob } from "./cron.ts";
import type { Logger } from "./logger.ts";

/** What retrying refunds needs. */
export interface RefundRetryDeps {
  db: Database;
  payments: PaymentGateways;
  logger: Logger;
}

/**
 * Register the scheduled retry (`Deno.cron` "refunds") and return true, or
 * return false without registering when `APP_ENV` is "test".
 */
export function scheduleRefundRetries(
  deps: RefundRetryDeps & {
    config: Pick<Config, "APP_ENV" | "RESERVATIONS_SCHEDULE">;
  },
): boolean {
  return scheduleJob(deps, {
    name: "refunds",
    schedule: deps.config.RESERVATIONS_SCHEDULE,
    run: async () => {
      const result = await retryPendingRefunds(deps.db.sql, deps);
      if (result.retried) deps.logger.info("pending refunds retried", result);
    },
    failure: "retrying pending refunds failed",
  });
}
