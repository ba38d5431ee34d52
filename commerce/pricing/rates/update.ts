/**
 * Fetching and storing exchange rates: timeouts, retries with backoff, a
 * circuit breaker, and the rule that a failed update never loses the last
 * known rates.
 *
 * @module
 */
import type { Sql } from "../../../db/client.ts";
import type { Logger } from "../../../edge/logger.ts";
import {
  backoffDelay,
  type CircuitBreaker,
  sleep,
} from "../../../edge/resilience.ts";
import { withTimeout } from "../../../edge/timeout.ts";
import type { RateTable } from "../convert.ts";
import { CircuitOpenError, RateFeedError } from "../errors.ts";
import { latestRates, storeRates } from "./queries.ts";
import type { RateSource } from "./sources.ts";

/** How {@link updateRates} fetches. */
export interface UpdateRatesOptions {
  source: RateSource;
  logger: Pick<Logger, "info" | "warn">;
  /** Deadline of each attempt in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Attempts after the first when a failure may be transient (default 2). */
  retries?: number;
  /** The first retry's delay; each next one doubles, with jitter (default 1 000). */
  backoffMs?: number;
  /** Skips the feed after repeated failures (none: always call). */
  breaker?: CircuitBreaker;
}

/**
 * What {@link updateRates} did: stored the feed's table (`stored` new rows,
 * 0 when that snapshot was already stored), or failed and left the stored
 * rates alone, with the last known table (`null` when there is none or the
 * database could not be read either).
 */
export type UpdateRatesResult =
  | { ok: true; stored: number; table: RateTable }
  | { ok: false; error: Error; lastKnown: RateTable | null };

/**
 * Fetch the latest rates from `source` (each attempt under `timeoutMs`,
 * transient failures retried with exponential backoff and jitter), validate
 * them and store them in one transaction. Never throws for a feed or
 * database failure: it logs a warning and answers `ok: false` with the last
 * known rates, which stay in force. With a `breaker`, an open circuit
 * skips the call altogether.
 */
export async function updateRates(
  sql: Sql,
  options: UpdateRatesOptions,
): Promise<UpdateRatesResult> {
  const { source, logger, breaker } = options;
  let table: RateTable;
  try {
    if (breaker && !breaker.allows()) {
      throw new CircuitOpenError(`The ${source.label} feed`, breaker.retryAt());
    }
    try {
      table = await fetchWithRetries(source, options);
    } catch (error) {
      breaker?.failed();
      throw error;
    }
    breaker?.succeeded();
    const stored = await storeRates(sql, table);
    logger.info("exchange rates updated", {
      source: source.name,
      asOf: table.asOf.toISOString(),
      rates: table.rates.size,
      stored,
    });
    return { ok: true, stored, table };
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    const lastKnown = await latestRates(sql).catch(() => null);
    logger.warn("exchange rate update failed; keeping the last known rates", {
      source: source.name,
      error: { name: error.name, message: error.message },
      lastKnownAsOf: lastKnown?.asOf.toISOString() ?? null,
    });
    return { ok: false, error, lastKnown };
  }
}

async function fetchWithRetries(
  source: RateSource,
  { timeoutMs = 10_000, retries = 2, backoffMs = 1_000 }: UpdateRatesOptions,
): Promise<RateTable> {
  for (let attempt = 0;; attempt++) {
    const controller = new AbortController();
    try {
      return await withTimeout(source.fetch(controller.signal), {
        ms: timeoutMs,
        what: `The ${source.label} feed`,
      });
    } catch (error) {
      if (attempt >= retries || !retryable(error)) throw error;
      await sleep(backoffDelay(attempt, backoffMs));
    } finally {
      controller.abort();
    }
  }
}

// A feed's own errors say whether a retry may help; timeouts and anything
// unexpected from a source (a network stack's error) are worth one more try.
function retryable(error: unknown): boolean {
  return error instanceof RateFeedError ? error.retryable : true;
}
