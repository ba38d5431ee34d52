/**
 * Jobs each store runs on a schedule (`Deno.cron`, UTC): exchange rates,
 * email delivery, reservation expiry. One place decides that tests never
 * register them and that a failing run is logged, never thrown into the
 * scheduler.
 *
 * @module
 */
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

/** A scheduled job. */
export interface Job {
  /** Unique among the store's jobs; `Deno.cron` keys runs by it. */
  name: string;
  /** A cron expression (UTC). */
  schedule: string;
  run(): Promise<unknown>;
  /** Logged with the error when a run fails. */
  failure: string;
}

/**
 * Register `job` and return true, or return false without registering
 * when `APP_ENV` is "test" (tests run jobs themselves). Call it once per
 * job, at start-up.
 */
export function scheduleJob(
  deps: { config: Pick<Config, "APP_ENV">; logger: Pick<Logger, "error"> },
  job: Job,
): boolean {
  if (deps.config.APP_ENV === "test") return false;
  Deno.cron(job.name, job.schedule, async () => {
    try {
      await job.run();
    } catch (error) {
      deps.logger.error(job.failure, { error });
    }
  });
  return true;
}
