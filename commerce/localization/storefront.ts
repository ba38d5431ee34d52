/**
 * What the storefront offers, as admins set it: the enabled languages, the
 * default language and the enabled currencies, read through the regional
 * cache under the localization namespace, whose version every admin change
 * bumps.
 *
 * @module
 */
import type { ReadThrough } from "../../edge/cache/read_through.ts";
import type { Logger } from "../../edge/logger.ts";
import { withDeadline } from "../../edge/resilience.ts";
import type { Sql } from "../../db/client.ts";
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from "./languages.ts";
import { currencySettings, languageSettings } from "./queries.ts";

/** The cache namespace of localization reads; admin writes bump it. */
export const LOCALIZATION_NAMESPACE = "localization";

/** The languages and currencies shoppers are offered. */
export interface StorefrontLocalization {
  /** Enabled languages, in picker order (the default among them). */
  languages: Language[];
  defaultLanguage: Language;
  /** Enabled sold currencies, in configured order (the base among them). */
  currencies: string[];
}

/**
 * The enabled languages and currencies, from the database (see
 * `languageSettings()`, `currencySettings()`): only the configured
 * `currencies` are ever offered, the base always.
 */
export async function storefrontLocalization(
  sql: Sql,
  options: { currencies: readonly string[]; baseCurrency: string },
): Promise<StorefrontLocalization> {
  const [languages, currencies] = await Promise.all([
    languageSettings(sql),
    currencySettings(sql, options),
  ]);
  const defaultLanguage = languages.find((language) => language.isDefault)!
    .code;
  return {
    languages: languages
      .filter((language) => language.enabled || language.isDefault)
      .map((language) => language.code),
    defaultLanguage,
    currencies: currencies.filter((currency) => currency.enabled)
      .map((currency) => currency.code),
  };
}

/** How long a request waits for the settings before offering everything. */
const LOAD_DEADLINE_MS = 2_000;

/**
 * {@link storefrontLocalization} through the cache: a minute fresh, then
 * served stale for ten while one request reloads it; an admin change is
 * seen on the next request (its version bump). When neither the cache nor
 * the database answers, or the database takes over two seconds (every
 * request's locale waits on this), everything configured is offered
 * (logged), so pages keep working through an outage.
 */
export async function readStorefrontLocalization(
  deps: { sql: Sql; reads: ReadThrough; logger?: Pick<Logger, "warn"> },
  options: { currencies: readonly string[]; baseCurrency: string },
): Promise<StorefrontLocalization> {
  const configured = options.currencies.join(",");
  try {
    const cached = await deps.reads.get(
      {
        namespace: LOCALIZATION_NAMESPACE,
        key: `settings:${options.baseCurrency}:${configured}`,
        ttlSeconds: 60,
        staleSeconds: 600,
      },
      () =>
        withDeadline(
          LOAD_DEADLINE_MS,
          () => storefrontLocalization(deps.sql, options),
          {
            timeout: () => new Error(`no answer within ${LOAD_DEADLINE_MS} ms`),
          },
        ),
    );
    return cached.value;
  } catch (error) {
    deps.logger?.warn("localization settings unavailable; offering all", {
      error,
    });
    return {
      languages: [...LANGUAGES],
      defaultLanguage: DEFAULT_LANGUAGE,
      currencies: [...options.currencies],
    };
  }
}
