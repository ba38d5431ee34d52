import type { RouteHandler } from "../edge/define.ts";
import { pingDatabase } from "../db/client.ts";
import { withTimeout } from "../edge/timeout.ts";

const TIMEOUT_MS = 2000;

/**
 * `GET /ready`: 200 when the database and the cache both answer, 503 (with
 * which one failed) otherwise, so a load balancer stops routing here.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c) {
    const { db, cache } = c.var;
    const [database, cacheCheck] = await Promise.allSettled([
      pingDatabase(db.sql, TIMEOUT_MS),
      withTimeout(cache.ping(), { ms: TIMEOUT_MS, what: "The cache" }),
    ]);
    const checks = {
      database: database.status === "fulfilled" ? "ok" : "unavailable",
      cache: cacheCheck.status === "fulfilled" ? "ok" : "unavailable",
    };
    const ready = checks.database === "ok" && checks.cache === "ok";
    c.header("Cache-Control", "no-store");
    if (!ready) c.header("Retry-After", "5");
    return c.json(
      { status: ready ? "ok" : "unavailable", checks },
      ready ? 200 : 503,
    );
  },
};
