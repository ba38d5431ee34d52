/**
 * Stored exchange rates (`pricing.exchange_rates`).
 *
 * Each update stores one snapshot as the feed sent it: one row per currency
 * with the snapshot's own `source`, `base` and `as_of`, never rewritten to
 * another base. Reading takes the latest row per currency (newest `as_of`,
 * then newest `fetched_at`) and expresses them all in the base of the newest
 * snapshot: a row quoted against another base (an older ECB row in EUR
 * after a switch to Open Exchange Rates in USD, or the snapshot's AED) is
 * multiplied, exactly, by that base's rate in the newest base. So cross
 * rates stay correct when sources with different bases are mixed, a
 * currency the current feed lacks keeps its last known rate, and each
 * currency reports its own date and source. Old rows are never deleted.
 *
 * @module
 */
import type { Sql } from "../../../db/client.ts";
import type { RateProvenance, RateTable } from "../convert.ts";
import { multiplyDecimals } from "../_decimal.ts";
import snapshot from "./snapshot.json" with { type: "json" };
import {
  activeRateOverrides,
  applyRateOverrides,
  type RateOverride,
} from "./overrides.ts";
import { validateFeed } from "./sources.ts";

/**
 * Store a feed's table as one snapshot, in one transaction, and return how
 * many rows were new. A snapshot already stored (same source, base, date
 * and currency) is skipped, so re-fetching an unchanged feed stores 0.
 * Stores `table.rates` under the table's own `asOf` and `source`
 * (`entries` is ignored: pass a feed's table, not a merged one).
 */
export async function storeRates(sql: Sql, table: RateTable): Promise<number> {
  const rows = [...table.rates]
    .filter(([currency]) => currency !== table.base)
    .map(([currency, rate]) => ({
      source: table.source,
      base: table.base,
      currency,
      rate,
      as_of: table.asOf,
    }));
  if (rows.length === 0) return 0;
  return await sql.begin(async (tx) => {
    const inserted = await tx`
      insert into pricing.exchange_rates
        ${tx(rows, "source", "base", "currency", "rate", "as_of")}
      on conflict (source, base, currency, as_of) do nothing
      returning id`;
    return inserted.length;
  });
}

interface RateRow {
  source: string;
  base: string;
  currency: string;
  rate: string;
  as_of: Date;
  fetched_at: Date;
}

/** The minimal cache {@link latestRates} reads through (the edge's fits). */
export interface RatesCache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
}

const CACHE_KEY = "pricing:rates:latest";
const CACHE_TTL_SECONDS = 60;

/**
 * The latest rate of every stored currency as one table in the base of the
 * newest snapshot (see the module comment), with the admins' overrides in
 * force laid over it (see `applyRateOverrides()`), or `null` when no rates
 * are stored. With `cache`, reads through it for a minute, or until the
 * next override expires when that is sooner (a cache that fails is
 * skipped, not fatal); {@link forgetLatestRates} drops the entry after an
 * update.
 */
export async function latestRates(
  sql: Sql,
  { cache }: { cache?: RatesCache } = {},
): Promise<RateTable | null> {
  if (cache) {
    const hit = await cache.get<CachedTable>(CACHE_KEY).catch(() => undefined);
    // An entry of another shape (an older release's) is read from the table.
    const table = hit ? fromCachedOrNull(hit) : null;
    if (table) return table;
  }
  const feed = await feedRates(sql);
  const overrides = feed ? await activeRateOverrides(sql) : [];
  const table = feed && applyRateOverrides(feed, overrides);
  if (table && cache) {
    await cache.set(CACHE_KEY, toCached(table), cacheSeconds(overrides))
      .catch(() => {});
  }
  return table;
}

/**
 * The latest rates as the feeds sent them, without overrides (see
 * {@link latestRates}), or `null` when none are stored: what the admin's
 * rate view shows beside an override.
 */
export async function feedRates(sql: Sql): Promise<RateTable | null> {
  const rows = await sql<RateRow[]>`
    select distinct on (currency)
      source, base, currency, rate::text as rate, as_of, fetched_at
    from pricing.exchange_rates
    order by currency, as_of desc, fetched_at desc`;
  return mergeRows(rows);
}

// A cached table must not outlive an override it contains.
function cacheSeconds(overrides: readonly RateOverride[]): number {
  const now = Date.now();
  const seconds = overrides.map((override) =>
    Math.ceil((override.expiresAt.getTime() - now) / 1000)
  );
  return Math.max(1, Math.min(CACHE_TTL_SECONDS, ...seconds));
}

/** Drop the cached {@link latestRates} so the next read sees new rates. */
export async function forgetLatestRates(
  cache: Pick<RatesCache, "delete">,
): Promise<void> {
  await cache.delete(CACHE_KEY);
}

function newer(a: RateRow, b: RateRow): boolean {
  const byDate = a.as_of.getTime() - b.as_of.getTime();
  return byDate > 0 || (byDate === 0 && a.fetched_at > b.fetched_at);
}

function mergeRows(rows: readonly RateRow[]): RateTable | null {
  if (rows.length === 0) return null;
  const newest = rows.reduce((best, row) => newer(row, best) ? row : best);
  const base = newest.base;
  const rates = new Map<string, string>();
  const entries = new Map<string, RateProvenance>();
  let pending = rows.filter((row) => row.currency !== base);
  // Rows in the newest base first; then rows in another base once that base
  // has a rate, repeated while that makes progress (bases of bases).
  for (;;) {
    const waiting: RateRow[] = [];
    for (const row of pending) {
      if (row.base === base) {
        rates.set(row.currency, row.rate);
        entries.set(row.currency, { asOf: row.as_of, source: row.source });
        continue;
      }
      const factor = rates.get(row.base);
      const via = entries.get(row.base);
      if (factor === undefined || via === undefined) {
        waiting.push(row);
        continue;
      }
      rates.set(row.currency, multiplyDecimals(row.rate, factor));
      entries.set(row.currency, {
        asOf: row.as_of < via.asOf ? row.as_of : via.asOf,
        source: row.source,
      });
    }
    // A currency whose base never gets a rate cannot be crossed: left out.
    if (waiting.length === pending.length || waiting.length === 0) break;
    pending = waiting;
  }
  const sorted = new Map([...rates].sort(([a], [b]) => a.localeCompare(b)));
  return {
    base,
    rates: sorted,
    asOf: newest.as_of,
    source: newest.source,
    entries,
  };
}

interface CachedTable {
  base: string;
  asOf: string;
  source: string;
  rates: [string, string][];
  entries: [string, { asOf: string; source: string }][];
}

function toCached(table: RateTable): CachedTable {
  return {
    base: table.base,
    asOf: table.asOf.toISOString(),
    source: table.source,
    rates: [...table.rates],
    entries: [...(table.entries ?? [])].map(([code, entry]) => [code, {
      asOf: entry.asOf.toISOString(),
      source: entry.source,
    }]),
  };
}

function fromCachedOrNull(cached: CachedTable): RateTable | null {
  if (
    typeof cached?.base !== "string" || !Array.isArray(cached.rates) ||
    !Array.isArray(cached.entries)
  ) {
    return null;
  }
  try {
    const table = fromCached(cached);
    return Number.isNaN(table.asOf.getTime()) ? null : table;
  } catch {
    return null;
  }
}

function fromCached(cached: CachedTable): RateTable {
  return {
    base: cached.base,
    asOf: new Date(cached.asOf),
    source: cached.source,
    rates: new Map(cached.rates),
    entries: new Map(
      cached.entries.map(([code, entry]) => [code, {
        asOf: new Date(entry.asOf),
        source: entry.source,
      }]),
    ),
  };
}

/**
 * The bundled offline snapshot (`rates/snapshot.json`): the ECB reference
 * rates of 2022-07-08 plus AED, which the ECB does not publish, derived from
 * the dirham's USD peg (3.6725 AED per USD). Source name "snapshot", so the
 * API shows when a store still runs on it.
 */
export function snapshotRates(): RateTable {
  return validateFeed({
    base: snapshot.base,
    asOf: new Date(`${snapshot.asOf}T00:00:00Z`),
    rates: Object.entries(snapshot.rates),
  }, { source: snapshot.source, label: "bundled snapshot" });
}

/**
 * Store the bundled snapshot when no rates are stored at all, so a new or
 * offline store can price in every currency; returns the rows stored (0
 * when rates already exist). Safe to run from several instances at once.
 */
export async function seedRates(sql: Sql): Promise<number> {
  const [{ present }] = await sql<{ present: boolean }[]>`
    select exists (select 1 from pricing.exchange_rates) as present`;
  return present ? 0 : await storeRates(sql, snapshotRates());
}
