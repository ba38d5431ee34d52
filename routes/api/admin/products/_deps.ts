import type {
  ProductAdminDeps,
  ProductAdminReadDeps,
} from "../../../../commerce/catalog/mod.ts";
import { staffActor } from "../../../../edge/admin.ts";
import type { AppContext } from "../../../../edge/env.ts";

/**
 * What a catalog admin read needs, once the caller is known to hold
 * `catalog:read` (401/403 otherwise).
 */
export function catalogReader(c: AppContext): ProductAdminReadDeps {
  staffActor(c, "catalog:read");
  const { db, config } = c.var;
  return {
    sql: db.sql,
    currencies: config.CURRENCIES,
    baseCurrency: config.BASE_CURRENCY,
  };
}

/**
 * What a catalog admin write needs (the database, the cache whose catalog
 * version it bumps, the sold currencies and who acts), once the caller is
 * known to hold `catalog:write` (401/403 otherwise).
 */
export function catalogWriter(c: AppContext): ProductAdminDeps {
  const actor = staffActor(c, "catalog:write");
  const { db, config, reads } = c.var;
  return {
    sql: db.sql,
    cache: reads,
    currencies: config.CURRENCIES,
    baseCurrency: config.BASE_CURRENCY,
    actor,
  };
}
