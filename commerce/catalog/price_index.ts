/**
 * The catalog's price index: what every variant costs in every sold currency,
 * computed exactly by the pricing module and stored so that lists can filter
 * and sort by the very price they show.
 *
 * Rebuilt whenever one of its inputs changes: a base price, a variant
 * override, a price-list entry, the exchange rates or the rounding rules.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import {
  InvalidAmountError,
  latestRates,
  parseMoney,
  priceIn,
  type RateTable,
  RateUnavailableError,
  type RoundingRule,
  roundingRules,
  toDecimalString,
} from "../pricing/mod.ts";

/** What the index prices in. */
export interface RepriceOptions {
  /** The currencies the store sells. */
  currencies: readonly string[];
  /** The currency base prices are entered in. */
  baseCurrency: string;
  /** Only these products (default: all). */
  productIds?: string[];
  /** Told about a stored amount that is not valid money, which is skipped. */
  onSkip?: (
    skipped: { variantId: string; currency?: string; error: unknown },
  ) => void;
}

interface PricingInputs {
  rates: RateTable;
  rules: Map<string, RoundingRule>;
  /** Everything the index depends on, as one comparable string. */
  fingerprint: string;
}

async function pricingInputs(
  sql: Sql,
  options: { currencies: readonly string[]; baseCurrency: string },
): Promise<PricingInputs> {
  const [latest, rules] = await Promise.all([
    latestRates(sql),
    roundingRules(sql),
  ]);
  // Before the first rates arrive only base and price-list prices exist.
  const rates: RateTable = latest ??
    {
      base: options.baseCurrency,
      rates: new Map(),
      asOf: new Date(0),
      source: "none",
    };
  const fingerprint = JSON.stringify({
    currencies: [...options.currencies].sort(),
    base: options.baseCurrency,
    rates: [rates.base, ...[...rates.rates].sort(([a], [b]) => a < b ? -1 : 1)],
    rules: [...rules.values()].map((rule) => [
      rule.currency,
      String(rule.increment),
      String(rule.ending),
    ]).sort(),
  });
  return { rates, rules, fingerprint };
}

/**
 * Rebuild the price index when what it was built from (sold currencies,
 * base currency, rates, rounding rules) changed since, and return how many
 * prices were written, or null when it was current. Run at start-up and
 * after every rates update, so a new currency, an edited rounding rule or a
 * reprice that failed halfway is caught up.
 */
export async function ensurePriceIndex(
  sql: Sql,
  options: Omit<RepriceOptions, "productIds">,
): Promise<number | null> {
  const { fingerprint } = await pricingInputs(sql, options);
  const [state] = await sql`
    select fingerprint from catalog.price_index_state`;
  if (state?.fingerprint === fingerprint) return null;
  return await repriceCatalog(sql, options);
}

const BATCH = 1000;

/**
 * Recompute the price index (of `productIds`, or of the whole catalog) in one
 * transaction, and return how many variant prices were written. Currencies
 * without a rate get no row (their products show no price) until rates
 * arrive.
 */
export async function repriceCatalog(
  sql: Sql,
  options: RepriceOptions,
): Promise<number> {
  const { currencies, baseCurrency, productIds } = options;
  const inputs = await pricingInputs(sql, options);
  const { rates, rules } = inputs;
  return await sql.begin(async (tx) => {
    // Instances starting together take turns rather than rebuild at once.
    await tx`select pg_advisory_xact_lock(hashtext('catalog reprice'))`;
    if (!productIds) {
      await tx`
        insert into catalog.price_index_state (fingerprint)
        values (${inputs.fingerprint})
        on conflict (singleton) do update
          set fingerprint = excluded.fingerprint, built_at = now()`;
    }
    const scope = productIds ? tx`v.product_id = any(${productIds})` : tx`true`;
    const variants = await tx`
      select v.id, v.product_id, v.price_override is not null as overridden,
             coalesce(v.price_override, p.base_price)::text as base,
             (select jsonb_object_agg(e.currency, e.amount::text)
                from catalog.price_list_entries e
               where e.product_id = p.id) as price_list
      from catalog.variants v join catalog.products p on p.id = v.product_id
      where ${scope}`;

    const rows = [];
    for (const variant of variants) {
      let base;
      try {
        base = parseMoney(variant.base, baseCurrency);
      } catch (error) {
        // One row an admin typed with too many decimals must not stop the
        // whole catalog from being priced: it stays unpriced, and is named.
        options.onSkip?.({ variantId: variant.id, error });
        continue;
      }
      const priceList = (variant.price_list ?? {}) as Record<string, string>;
      for (const currency of currencies) {
        // A variant with its own price is not covered by the product's list.
        const listed = variant.overridden ? undefined : priceList[currency];
        let price;
        try {
          price = priceIn(base, currency, {
            rates,
            rules,
            listPrice: listed ? parseMoney(listed, currency) : undefined,
          });
        } catch (error) {
          if (error instanceof RateUnavailableError) continue;
          if (error instanceof InvalidAmountError) {
            options.onSkip?.({ variantId: variant.id, currency, error });
            continue;
          }
          throw error;
        }
        rows.push({
          variant_id: variant.id,
          currency,
          amount: toDecimalString(price.money),
          source: price.source,
          rate: price.rate,
          rate_as_of: price.rateAsOf,
        });
      }
    }

    if (productIds) {
      await tx`
        delete from catalog.variant_prices vp using catalog.variants v
        where vp.variant_id = v.id and v.product_id = any(${productIds})`;
      await tx`
        delete from catalog.product_prices where product_id = any(${productIds})`;
    } else {
      await tx`delete from catalog.variant_prices`;
      await tx`delete from catalog.product_prices`;
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx`insert into catalog.variant_prices ${
        tx(rows.slice(i, i + BATCH))
      }`;
    }
    await tx`
      insert into catalog.product_prices (product_id, currency, min_amount, max_amount)
      select v.product_id, vp.currency, min(vp.amount), max(vp.amount)
      from catalog.variant_prices vp join catalog.variants v on v.id = vp.variant_id
      where ${productIds ? tx`v.product_id = any(${productIds})` : tx`true`}
      group by v.product_id, vp.currency`;
    return rows.length;
  });
}
