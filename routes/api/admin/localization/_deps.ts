/**
 * What the localization admin routes hand the commerce flows, read once
 * from the request context.
 *
 * @module
 */
import type { LocalizationAdminDeps } from "../../../../commerce/localization/admin/mod.ts";
import type { AppContext } from "../../../../edge/env.ts";

/** The localization admin's dependencies for this request. */
export function localizationDeps(c: AppContext): LocalizationAdminDeps {
  const { config, db, reads, logger } = c.var;
  return {
    sql: db.sql,
    cache: reads,
    currencies: config.CURRENCIES,
    baseCurrency: config.BASE_CURRENCY,
    logger,
  };
}
