/**
 * Checkout housekeeping on a schedule: cancel unpaid orders whose stock
 * reservation ran out (their units go back on sale, the shopper gets an
 * email) and forget `Idempotency-Key` records older than a day.
 *
 * Run by `Deno.cron` in every store (`RESERVATIONS_SCHEDULE`, every minute
 * by default; instances do not collide, expired orders are claimed with
 * `skip locked`), and on demand with `deno task orders:expire`.
 *
 * @module
 */
import type { Database } from "../db/client.ts";
import { CATALOG_NAMESPACE } from "../commerce/catalog/mod.ts";
import { expireReservations } from "../commerce/orders/mod.ts";
import type { Config } from "./config.ts";
import { scheduleJob } from "./cron.ts";
import { purgeIdempotencyKeys } from "./idempotency/mod.ts";
import type { Logger } from "./logger.ts";

/** What housekeeping needs. */
export interface ReservationsDeps {
  db: Database;
  logger: Logger;
  /** Where the catalog version is bumped when stock went back on sale. */
  reads?: { bumpVersion(namespace: string): Promise<unknown> };
}

/** One housekeeping run: the orders cancelled and the keys purged. */
export async function releaseExpiredReservations(
  deps: ReservationsDeps,
): Promise<{ cancelled: string[]; purgedKeys: number }> {
  const cancelled: string[] = [];
  for (;;) {
    const batch = await expireReservations(deps.db.sql, { limit: 100 });
    cancelled.push(...batch);
    if (batch.length < 100) break;
  }
  if (cancelled.length) {
    deps.logger.info("expired reservations released", { orders: cancelled });
    await deps.reads?.bumpVersion(CATALOG_NAMESPACE).catch(() => {});
  }
  const purgedKeys = await purgeIdempotencyKeys(deps.db.sql, {
    olderThanHours: 24,
  });
  return { cancelled, purgedKeys };
}

/**
 * Register the scheduled run (`Deno.cron` "reservations") and return true,
 * or return false without registering when `APP_ENV` is "test". A run
 * never throws into the scheduler.
 */
export function scheduleReservationExpiry(
  deps: ReservationsDeps & {
    config: Pick<Config, "APP_ENV" | "RESERVATIONS_SCHEDULE">;
  },
): boolean {
  return scheduleJob(deps, {
    name: "reservations",
    schedule: deps.config.RESERVATIONS_SCHEDULE,
    run: () => releaseExpiredReservations(deps),
    failure: "releasing expired reservations failed",
  });
}

if (import.meta.main) {
  const { runDatabaseCommand } = await import("./command.ts");
  const { createLogger } = await import("./logger.ts");
  await runDatabaseCommand(async ({ db }) => {
    console.log("Cancelling unpaid orders whose reservation expired…");
    const result = await releaseExpiredReservations({
      db,
      logger: createLogger("warn"),
    });
    console.log(
      `Cancelled ${result.cancelled.length} orders` +
        (result.cancelled.length ? ` (${result.cancelled.join(", ")})` : "") +
        `; forgot ${result.purgedKeys} idempotency keys`,
    );
  });
}
