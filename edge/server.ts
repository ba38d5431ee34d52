/**
 * Start-up: open the database (embedded or real), apply migrations, seed the
 * embedded default, create the cache and build the app. `main.ts` calls this
 * and serves the result; tests use it to boot a real store.
 *
 * @module
 */
import type { Hono } from "hono";
import manifest from "../manifest.gen.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { seed } from "../db/seed.ts";
import {
  loadKeySet,
  startArgon2Pool,
  stopArgon2Pool,
} from "../commerce/identity/mod.ts";
import type { KeySet } from "./auth/jwt.ts";
import {
  CATALOG_NAMESPACE,
  ensurePriceIndex,
} from "../commerce/catalog/mod.ts";
import { createApp } from "./app.ts";
import { createCache } from "./cache/mod.ts";
import { ReadThrough } from "./cache/read_through.ts";
import type { Config } from "./config.ts";
import type { AppDeps, AppEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { connectPayments, createStorePayments } from "./payments.ts";
import { loadIslandAssets } from "./render/assets.ts";

// Entries of the in-process L1 in front of Upstash: enough for the hot
// catalog pages of a region, small enough not to matter in memory.
const L1_ENTRIES = 2_000;

/** A booted store: its app, dependencies and how to shut it down. */
export interface Store {
  app: Hono<AppEnv>;
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * Boot the store described by `config`. The embedded database is seeded
 * unless `seed` is false (tests that load a fixture catalog instead);
 * `paymentsFetch` routes the gateways' outgoing calls (tests).
 */
export async function startStore(
  config: Config,
  options: {
    seed?: boolean;
    /** The `fetch` payment gateways call through (tests: their fakes). */
    paymentsFetch?: typeof fetch;
  } = {},
): Promise<Store> {
  const logger = createLogger(config.LOG_LEVEL);
  const assets = loadIslandAssets();
  const db = await openDatabase(config);
  let repriced: number | null = null;
  let keys: KeySet;
  try {
    const applied = await migrate(db.sql);
    if (applied.length) logger.info("migrations applied", { applied });
    if (db.kind === "embedded" && options.seed !== false) {
      await seed(db.sql, { ...config, log: (line) => logger.info(line) });
    }
    // A currency added to CURRENCIES, an edited rounding rule or a reprice
    // that failed last time: the price index catches up before serving.
    repriced = await ensurePriceIndex(db.sql, {
      currencies: config.CURRENCIES,
      baseCurrency: config.BASE_CURRENCY,
      onSkip: (skipped) => logger.warn("price not indexed", skipped),
    });
    if (repriced !== null) logger.info("catalog repriced", { repriced });
    keys = await loadKeySet(db.sql);
  } catch (error) {
    await db.close();
    throw error;
  }
  const cache = createCache(config);
  const reads = new ReadThrough(cache, {
    // An in-process cache needs no in-process cache in front of it.
    l1Entries: cache.kind === "memory" ? 0 : L1_ENTRIES,
    maxTtlSeconds: config.READ_CACHE_TTL_SECONDS,
    logger,
  });
  const payments = createStorePayments(config, logger, {
    fetch: options.paymentsFetch,
  });
  const deps: AppDeps = { config, db, cache, reads, logger, keys, payments };
  if (repriced !== null) {
    // Prices cached in the regional cache predate the new index.
    await reads.bumpVersion(CATALOG_NAMESPACE).catch((error) =>
      logger.warn("could not retire cached catalog reads", { error })
    );
  }
  const app = createApp(deps, { manifest, assets });
  connectPayments(deps, app);
  startArgon2Pool();
  return {
    app,
    deps,
    async close() {
      // Webhooks in flight still use the database.
      await payments.close();
      stopArgon2Pool();
      await db.close();
    },
  };
}
