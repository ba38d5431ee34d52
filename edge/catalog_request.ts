/**
 * What every catalog route needs from its request: the locale it was asked
 * for (checked: an unsold currency is a 400, not a silent fallback) and the
 * dependencies of cached catalog reads.
 *
 * @module
 */
import type { CatalogReadDeps } from "../commerce/catalog/mod.ts";
import type { Language } from "../commerce/localization/mod.ts";
import type { AppContext } from "./env.ts";
import { Invalid } from "./errors.ts";

/** The language and currency of a catalog request, and its read deps. */
export function catalogRequest(
  c: AppContext,
  query: { currency?: string },
): { language: Language; currency: string; deps: CatalogReadDeps } {
  const { config, locale } = c.var;
  const asked = query.currency?.toUpperCase();
  if (asked && !config.CURRENCIES.includes(asked)) {
    throw new Invalid(`The store does not sell in '${query.currency}'`, {
      code: "unsupported_currency",
      details: { currencies: config.CURRENCIES },
    });
  }
  return {
    language: locale.language,
    currency: locale.currency,
    deps: { sql: c.var.db.sql, reads: c.var.reads },
  };
}
