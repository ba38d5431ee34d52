/**
 * What the localization admin flows share: their dependencies, the step
 * that brings prices in line after a pricing change, and list pages.
 *
 * @module
 */
import type { Cache } from "../../../edge/cache/types.ts";
import type { Logger } from "../../../edge/logger.ts";
import type { Sql } from "../../../db/client.ts";
import { CATALOG_NAMESPACE, ensurePriceIndex } from "../../catalog/mod.ts";
import { forgetLatestRates } from "../../pricing/mod.ts";
import { LOCALIZATION_NAMESPACE } from "../mod.ts";

/** What a localization admin flow needs (the request context has it all). */
export interface LocalizationAdminDeps {
  sql: Sql;
  /**
   * Where cached reads are retired: the app's `ReadThrough` (namespace
   * versions, and the cached rate table, in both tiers).
   */
  cache: Pick<Cache, "bumpVersion" | "delete">;
  /** The configured sold currencies (`CURRENCIES`). */
  currencies: readonly string[];
  baseCurrency: string;
  logger: Pick<Logger, "info" | "warn">;
}

/** A page of a list, `limit` items from `(page - 1) * limit`. */
export interface ListPage<T> {
  items: T[];
  page: number;
  limit: number;
  /** Items in the whole list. */
  total: number;
}

/** What a list request asks for. */
export interface PageRequest {
  page: number;
  limit: number;
}

/** Page `request` of `items` (lists bounded by the configuration). */
export function pageOf<T>(
  items: readonly T[],
  request: PageRequest,
): ListPage<T> {
  const start = (request.page - 1) * request.limit;
  return {
    items: items.slice(start, start + request.limit),
    page: request.page,
    limit: request.limit,
    total: items.length,
  };
}

/**
 * After a change to rates, overrides or rounding rules has committed:
 * drop the cached rate table, rebuild the catalog's price index when its
 * inputs changed, and retire the cached catalog so shoppers see the new
 * prices on their next request. Returns the prices rewritten (null when
 * the index was current or could not be rebuilt). Failures are logged,
 * not thrown: the change stands, cached entries expire within their TTL,
 * and the next expiry run or start-up catches the index up
 * (`ensurePriceIndex()` compares what it was built from).
 */
export async function syncPrices(
  deps: LocalizationAdminDeps,
): Promise<number | null> {
  await quietly(
    deps,
    "could not drop the cached rates",
    () => forgetLatestRates(deps.cache),
  );
  const repriced = await quietly(
    deps,
    "could not reprice the catalog",
    () =>
      ensurePriceIndex(deps.sql, {
        currencies: deps.currencies,
        baseCurrency: deps.baseCurrency,
      }),
  );
  if (repriced !== null) {
    deps.logger.info("catalog repriced", { repriced });
    await quietly(
      deps,
      "could not retire the cached catalog",
      () => deps.cache.bumpVersion(CATALOG_NAMESPACE),
    );
  }
  return repriced;
}

/**
 * After a change to what the storefront offers (languages, currencies):
 * retire the cached settings and the cached catalog pages that show them
 * (failures logged, as in {@link syncPrices}).
 */
export async function retireStorefront(
  deps: Pick<LocalizationAdminDeps, "cache" | "logger">,
): Promise<void> {
  await quietly(deps, "could not retire the cached storefront", async () => {
    await deps.cache.bumpVersion(LOCALIZATION_NAMESPACE);
    await deps.cache.bumpVersion(CATALOG_NAMESPACE);
  });
}

// A step after the commit: its failure is logged and answers null.
async function quietly<T>(
  deps: Pick<LocalizationAdminDeps, "logger">,
  message: string,
  step: () => Promise<T>,
): Promise<T | null> {
  try {
    return await step();
  } catch (error) {
    deps.logger.warn(message, { error });
    return null;
  }
}
