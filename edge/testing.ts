/**
 * Test helpers: boot a real store (real routes, real database, real cache)
 * for HTTP tests through `app.request()` and browser tests.
 *
 * Without `DATABASE_URL` the store runs on an in-memory PGlite; with it, on
 * that Postgres (migrations are idempotent and take an advisory lock, so
 * parallel test files share it safely).
 *
 * @module
 */
import { seedCatalog } from "../commerce/catalog/mod.ts";
import { seedCheckout } from "../commerce/checkout/mod.ts";
import type { CatalogSeed } from "../commerce/catalog/seed/types.ts";
import { seedPricing } from "../commerce/pricing/mod.ts";
import { createTempDatabase } from "../db/_test_util.ts";
import { seed } from "../db/seed.ts";
import { type Config, parseConfig } from "./config.ts";
import { startStore, type Store } from "./server.ts";

/** The configuration tests run with, plus `overrides`. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    APP_ENV: "test",
    LOG_LEVEL: "error",
    DATA_DIR: "memory://",
    DATABASE_URL: Deno.env.get("DATABASE_URL"),
    ...overrides,
  });
}

/** Boot a store for a test; close it with `store.close()` when done. */
export async function startTestStore(
  overrides: Record<string, string> = {},
): Promise<Store> {
  return await startStore(testConfig(overrides));
}

/**
 * Boot a store on a database of its own holding the seeded catalog: the full
 * seed by default (what `deno task seed` loads), or `catalog` (a small
 * fixture). With `DATABASE_URL` the database is a throwaway one on that
 * server, dropped on close; without, an in-memory PGlite.
 */
export async function startCatalogTestStore(
  options: {
    catalog?: CatalogSeed;
    env?: Record<string, string>;
    /** The `fetch` payment gateways call through (their fakes). */
    paymentsFetch?: typeof fetch;
  } = {},
): Promise<Store> {
  const database = Deno.env.get("DATABASE_URL")
    ? await createTempDatabase()
    : undefined;
  const config = testConfig({
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const store = await startStore(config, {
    seed: !options.catalog,
    paymentsFetch: options.paymentsFetch,
  });
  try {
    if (options.catalog) {
      await seedPricing(store.deps.db.sql);
      await seedCatalog(store.deps.db.sql, {
        seed: options.catalog,
        currencies: config.CURRENCIES,
        baseCurrency: config.BASE_CURRENCY,
      });
      await seedCheckout(store.deps.db.sql);
    } else if (database) {
      // The embedded store seeds itself on start.
      await seed(store.deps.db.sql, config);
    }
  } catch (error) {
    await store.close();
    await database?.drop();
    throw error;
  }
  return {
    ...store,
    async close() {
      await store.close();
      await database?.drop();
    },
  };
}
