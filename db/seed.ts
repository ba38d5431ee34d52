/**
 * Seed data: what a fresh store needs to be usable. Every seeder is
 * idempotent, so this runs on each start of the embedded default and as
 * `deno task seed` against any database.
 *
 * @module
 */
import type { Config } from "../edge/config.ts";
import { catalogSeed, seedCatalog } from "../commerce/catalog/mod.ts";
import { seedCheckout } from "../commerce/checkout/mod.ts";
import { seedLocalization } from "../commerce/localization/mod.ts";
import { seedPricing } from "../commerce/pricing/mod.ts";
import type { Sql } from "./client.ts";

/** Run every module's seeder; `log` receives one progress line per step. */
export async function seed(
  sql: Sql,
  options: Pick<Config, "CURRENCIES" | "BASE_CURRENCY"> & {
    log?: (line: string) => void;
  },
): Promise<void> {
  const { log = () => {} } = options;
  const localization = await seedLocalization(sql, {
    currencies: options.CURRENCIES,
    baseCurrency: options.BASE_CURRENCY,
  });
  log(
    `Seeded localization: ${localization.languages} languages, ${localization.currencies} currencies`,
  );
  const pricing = await seedPricing(sql);
  log(
    `Seeded pricing: ${pricing.rates} exchange rates, ${pricing.roundingRules} rounding rules`,
  );
  log("Seeding the catalog (the first run takes a few seconds)…");
  const catalog = await seedCatalog(sql, {
    seed: catalogSeed(),
    currencies: options.CURRENCIES,
    baseCurrency: options.BASE_CURRENCY,
  });
  log(
    `Seeded catalog: ${catalog.categories} categories, ${catalog.products} products, ` +
      `${catalog.variants} variants, ${catalog.reviews} reviews, ${catalog.stores} stores; ` +
      `${catalog.prices} variant prices indexed`,
  );
  const checkout = await seedCheckout(sql);
  log(
    `Seeded checkout: ${checkout.zones} shipping zones, ${checkout.taxRates} tax rates`,
  );
}

if (import.meta.main) {
  const { runCommand } = await import("../edge/startup_error.ts");
  const { loadConfig } = await import("../edge/config.ts");
  const { openDatabase } = await import("./client.ts");
  const { migrate } = await import("./migrate.ts");
  await runCommand(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    try {
      const applied = await migrate(db.sql);
      if (applied.length) {
        console.log(`Applied migrations: ${applied.join(", ")}`);
      }
      await seed(db.sql, { ...config, log: console.log });
    } finally {
      await db.close();
    }
  });
}
