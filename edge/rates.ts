/**
 * Exchange-rate updates for the running store: the configured feed, the
 * refresh that stores new rates and reprices the catalog, the schedule, and
 * `deno task rates:update` to run one refresh by hand.
 *
 * @module
 */
import {
  CATALOG_NAMESPACE,
  ensurePriceIndex,
} from "../commerce/catalog/mod.ts";
import { expireRateOverrides } from "../commerce/localization/admin/mod.ts";
import {
  CircuitBreaker,
  ecbSource,
  forgetLatestRates,
  openExchangeRatesSource,
  type RateSource,
  updateRates,
  type UpdateRatesResult,
} from "../commerce/pricing/mod.ts";
import type { Database } from "../db/client.ts";
import type { Cache } from "./cache/types.ts";
import type { Config } from "./config.ts";
import { scheduleJob } from "./cron.ts";
import type { Logger } from "./logger.ts";

/** The feed settings of the configuration. */
type RatesConfig = Pick<
  Config,
  | "RATES_SOURCE"
  | "ECB_RATES_URL"
  | "OPEN_EXCHANGE_RATES_URL"
  | "OPEN_EXCHANGE_RATES_APP_ID"
>;

/**
 * The rate feed the configuration names: the ECB daily reference rates
 * (`RATES_SOURCE=ecb`, the default) or Open Exchange Rates
 * (`openexchangerates`, with `OPEN_EXCHANGE_RATES_APP_ID`, which the config
 * schema already requires for it).
 */
export function rateSourceFor(config: RatesConfig): RateSource {
  if (config.RATES_SOURCE === "openexchangerates") {
    if (!config.OPEN_EXCHANGE_RATES_APP_ID) {
      throw new TypeError("OPEN_EXCHANGE_RATES_APP_ID is not configured");
    }
    return openExchangeRatesSource({
      appId: config.OPEN_EXCHANGE_RATES_APP_ID,
      url: config.OPEN_EXCHANGE_RATES_URL,
    });
  }
  return ecbSource({ url: config.ECB_RATES_URL });
}

/** What a refresh needs (the app's dependencies fit). */
export interface RatesDeps {
  config: RatesConfig & Pick<Config, "CURRENCIES" | "BASE_CURRENCY">;
  db: Pick<Database, "sql">;
  cache: Pick<Cache, "bumpVersion" | "delete">;
  logger: Pick<Logger, "info" | "warn">;
}

/** A refresh's outcome: the update's, plus the catalog prices rewritten. */
export type RefreshResult = UpdateRatesResult & {
  /** Variant prices repriced (null when the price index was current). */
  repriced: number | null;
};

/**
 * Fetch the configured feed and store its rates (see `updateRates()`: a
 * failure keeps the last known rates and answers `ok: false`). When the
 * price index is not built from the latest rates (new ones now, or an
 * earlier reprice that failed), reprice the catalog, retire the cached
 * catalog (its version bump) and drop the cached rate table, so shoppers
 * see the new prices at once. `source` and `breaker` replace the configured feed
 * and add a circuit breaker.
 */
export async function refreshRates(
  deps: RatesDeps,
  options: { source?: RateSource; breaker?: CircuitBreaker } = {},
): Promise<RefreshResult> {
  const result = await updateRates(deps.db.sql, {
    source: options.source ?? rateSourceFor(deps.config),
    logger: deps.logger,
    breaker: options.breaker,
  });
  if (!result.ok) return { ...result, repriced: null };
  // Not only when rates were stored now: a reprice that failed after an
  // earlier run stored them is caught up here.
  const repriced = await ensurePriceIndex(deps.db.sql, {
    currencies: deps.config.CURRENCIES,
    baseCurrency: deps.config.BASE_CURRENCY,
  });
  if (repriced === null) return { ...result, repriced };
  await deps.cache.bumpVersion(CATALOG_NAMESPACE);
  await forgetLatestRates(deps.cache);
  deps.logger.info("catalog repriced at the new exchange rates", { repriced });
  return { ...result, repriced };
}

/**
 * Register the scheduled refresh (`Deno.cron` "exchange rates" at
 * `RATES_SCHEDULE`, UTC) and return true, or return false without
 * registering when `APP_ENV` is "test". Call it once, at start-up: runs
 * share one circuit breaker (3 failed runs skip the feed for 30 minutes),
 * and a run never throws into the scheduler.
 */
export function scheduleRateUpdates(
  deps: RatesDeps & {
    config: Pick<Config, "APP_ENV" | "RATES_SCHEDULE">;
    logger: Pick<Logger, "error">;
  },
): boolean {
  const breaker = new CircuitBreaker({ threshold: 3, coolDownMs: 30 * 60_000 });
  return scheduleJob(deps, {
    name: "exchange rates",
    schedule: deps.config.RATES_SCHEDULE,
    run: () => refreshRates(deps, { breaker }),
    failure: "exchange rate refresh failed",
  });
}

/**
 * Register the expiry of admins' rate overrides (`Deno.cron` "exchange
 * rate overrides", every minute) and return true, or return false in
 * tests: each run removes the expired overrides and reprices the catalog
 * at the feed's rates again (see `expireRateOverrides()`). A run never
 * throws into the scheduler.
 */
export function scheduleRateOverrideExpiry(
  deps: RatesDeps & {
    config: Pick<Config, "APP_ENV">;
    logger: Pick<Logger, "error">;
  },
): boolean {
  return scheduleJob(deps, {
    name: "exchange rate overrides",
    schedule: "* * * * *",
    run: () =>
      expireRateOverrides({
        sql: deps.db.sql,
        cache: deps.cache,
        currencies: deps.config.CURRENCIES,
        baseCurrency: deps.config.BASE_CURRENCY,
        logger: deps.logger,
      }),
    failure: "exchange rate override expiry failed",
  });
}

/** "2022-07-08" for a feed's day, "2016-03-22 16:00 UTC" for a timestamp. */
function describeAsOf(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z")
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

if (import.meta.main) {
  const { StartupError } = await import("./startup_error.ts");
  const { runDatabaseCommand } = await import("./command.ts");
  const { createCache } = await import("./cache/mod.ts");
  const { createLogger } = await import("./logger.ts");
  await runDatabaseCommand(async ({ config, db }) => {
    const source = rateSourceFor(config);
    console.log(`Fetching rates from ${source.label}…`);
    const result = await refreshRates({
      config,
      db,
      cache: createCache(config),
      // This command reports for itself; the log only gets real errors.
      logger: createLogger("error"),
    }, { source });
    if (!result.ok) {
      const kept = result.lastKnown
        ? `Keeping the rates as of ${
          describeAsOf(result.lastKnown.asOf)
        } (${result.lastKnown.source})`
        : "No exchange rates are stored yet";
      throw new StartupError(
        `Could not update the exchange rates: ${result.error.message}\n${kept}`,
      );
    }
    const asOf = describeAsOf(result.table.asOf);
    console.log(
      result.stored
        ? `Stored ${result.stored} rates as of ${asOf}`
        : `The rates as of ${asOf} were already stored`,
    );
    if (result.repriced !== null) {
      console.log(`Repriced ${result.repriced} catalog prices`);
    }
  });
}
