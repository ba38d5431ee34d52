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
